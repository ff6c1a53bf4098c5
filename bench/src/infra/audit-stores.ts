import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AuditDatabase } from '@gatehouse/backend';
import pg from 'pg';

/** The server B8 creates its PostgreSQL database on (dropped afterwards). */
export const BENCH_POSTGRES_ADMIN_URL =
  process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** An audit database opened (and migrated) for one benchmark, removed by `drop()`. */
export interface BenchAuditStore {
  readonly name: 'PGlite' | 'PostgreSQL';
  readonly database: AuditDatabase;
  drop(): Promise<void>;
}

const logError = (message: string, error: unknown) =>
  console.error(`bench: ${message}: ${String(error)}`);

/** PGlite in a new temporary directory. */
export async function openPgliteStore(): Promise<BenchAuditStore> {
  const parent = mkdtempSync(join(tmpdir(), 'gatehouse-bench-audit-'));
  try {
    const database = await AuditDatabase.open(
      { kind: 'pglite', dataDir: join(parent, 'audit') },
      logError,
    );
    return {
      name: 'PGlite',
      database,
      drop: async () => {
        await database.close();
        rmSync(parent, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(parent, { recursive: true, force: true });
    throw error;
  }
}

async function onAdminDatabase(statement: string): Promise<void> {
  const client = new pg.Client({
    connectionString: BENCH_POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 5_000,
  });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh `gatehouse_bench_<random>` database on {@link BENCH_POSTGRES_ADMIN_URL}. */
export async function openPostgresStore(): Promise<BenchAuditStore> {
  const name = `gatehouse_bench_${randomBytes(6).toString('hex')}`;
  await onAdminDatabase(`create database ${name}`);
  const dropDatabase = () => onAdminDatabase(`drop database if exists ${name}`);
  const url = new URL(BENCH_POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    const database = await AuditDatabase.open(
      { kind: 'postgres', url: url.toString(), poolMax: 10 },
      logError,
    );
    return {
      name: 'PostgreSQL',
      database,
      drop: async () => {
        await database.close();
        await dropDatabase();
      },
    };
  } catch (error) {
    await dropDatabase();
    throw error;
  }
}
