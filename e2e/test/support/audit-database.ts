import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server the browser tests keep the backend's audit trail on: the machine's
 * (127.0.0.1:5432, trust authentication; `./gatehouse test` starts
 * it), or `GATEHOUSE_E2E_POSTGRES_URL`.
 */
const POSTGRES_ADMIN_URL =
  process.env.GATEHOUSE_E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database created for one test run. */
export interface AuditDatabase {
  readonly url: string;
  /** Drops it, closing any connection left (idempotent). */
  drop(): Promise<void>;
}

async function asAdmin(sql: string): Promise<void> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${String(error)}): the browser ` +
        'tests keep the audit trail there. Run ./gatehouse test (it installs and starts PostgreSQL), or set ' +
        'GATEHOUSE_E2E_POSTGRES_URL',
      { cause: error },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates `gatehouse_e2e_audit_<random>` for the backend's audit trail (the backend migrates it
 * when it starts). A fresh database per run: no test sees another run's events.
 */
export async function createAuditDatabase(): Promise<AuditDatabase> {
  const name = `gatehouse_e2e_audit_${randomBytes(6).toString('hex')}`;
  await asAdmin(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(`drop database if exists ${name} with (force)`),
  };
}
