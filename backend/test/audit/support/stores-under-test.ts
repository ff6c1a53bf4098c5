import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditStoreConfig } from '../../../src/audit/audit.config.js';
import { freshPgliteDir } from './pglite-template.js';
import { createPostgresTestDatabase, type PostgresTestDatabase } from './postgres-test-database.js';

/**
 * A store the shared suites run against, new and empty after `setUp()`: a PGlite directory (a copy
 * of an initdb'd template, see pglite-template.ts), or a PostgreSQL database created for the suite.
 * Its configuration reopens the same data, so a test can close the store and open it again.
 */
export interface StoreUnderTest {
  readonly name: 'pglite' | 'postgres';
  config(): AuditStoreConfig;
  /** Another, separate store of the same kind (a second directory or database). */
  sibling(): StoreUnderTest;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
}

function pgliteStore(): StoreUnderTest {
  let parent: string | undefined;
  let dataDir: string | undefined;
  return {
    name: 'pglite',
    sibling: pgliteStore,
    config: () => {
      if (!dataDir) throw new Error('setUp() first');
      return { kind: 'pglite', dataDir };
    },
    setUp: async () => {
      parent = mkdtempSync(join(tmpdir(), 'gatehouse-audit-'));
      dataDir = await freshPgliteDir(parent);
    },
    tearDown: () => {
      if (parent) rmSync(parent, { recursive: true, force: true });
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
    config,
    sibling: postgresStore,
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
