import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The server the suites create their databases on: the machine's PostgreSQL (trust auth on
 * 127.0.0.1:5432), or `AUDIT_TEST_POSTGRES_URL`. `./gatehouse test` installs and starts it.
 */
export const POSTGRES_ADMIN_URL =
  process.env.AUDIT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database created for one suite and dropped after it. */
export interface PostgresTestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${String(error)}): run ` +
        './gatehouse test (it installs and starts PostgreSQL), or set AUDIT_TEST_POSTGRES_URL',
      { cause: error },
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates `gatehouse_audit_test_<random>`. */
export async function createPostgresTestDatabase(): Promise<PostgresTestDatabase> {
  const name = `gatehouse_audit_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      admin((client) => client.query(`drop database if exists ${name} with (force)`)).then(
        () => undefined,
      ),
  };
}
