import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IN_MEMORY_DATA_DIR, type AuditStoreConfig } from '../../../src/audit/audit.config.js';
import { createPostgresTestDatabase, type PostgresTestDatabase } from './postgres-test-database.js';

/**
 * A store the shared suites run against. `durable()` gives a configuration that survives closing
 * and reopening (a PGlite directory, or the same PostgreSQL database through a new pool).
 */
export interface StoreUnderTest {
  readonly name: 'pglite' | 'postgres';
  /** The configuration most tests use (PGlite in memory: no directory to clean up). */
  fast(): AuditStoreConfig;
  /** A configuration whose data outlives a close. */
  durable(): AuditStoreConfig;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
}

function pgliteStore(): StoreUnderTest {
  let dir: string | undefined;
  return {
    name: 'pglite',
    fast: () => ({ kind: 'pglite', dataDir: IN_MEMORY_DATA_DIR }),
    durable: () => {
      dir ??= mkdtempSync(join(tmpdir(), 'gatehouse-audit-'));
      return { kind: 'pglite', dataDir: join(dir, 'audit') };
    },
    setUp: () => Promise.resolve(),
    tearDown: () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

function postgresStore(): StoreUnderTest {
  let database: PostgresTestDatabase | undefined;
  const config = (): AuditStoreConfig => {
    if (!database) throw new Error('setUp() first');
    return { kind: 'postgres', url: database.url, poolMax: 4 };
  };
  return {
    name: 'postgres',
    fast: config,
    durable: config,
    setUp: async () => {
      database = await createPostgresTestDatabase();
    },
    tearDown: async () => {
      await database?.drop();
    },
  };
}

/** Both stores, for `describe.each`: every repository test runs against PGlite and PostgreSQL. */
export function storesUnderTest(): StoreUnderTest[] {
  return [pgliteStore(), postgresStore()];
}
