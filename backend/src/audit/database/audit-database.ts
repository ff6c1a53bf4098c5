import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AuditStoreConfig } from '../audit.config.js';
import { AuditUnavailableError } from '../audit-unavailable.error.js';
import type { AuditDatabaseSchema } from './audit-schema.js';
import { lockDataDir } from './embedded-dir-lock.js';
import { assertMigrated, migrateToLatest } from './migrate.js';
import { PgliteThread } from './pglite/pglite-thread.js';

/** What the database reports while it runs (pool errors, a lost directory lock). */
export type AuditDatabaseLog = (message: string, error: unknown) => void;

/** How long a PostgreSQL connection attempt or statement may take before the trail is unavailable. */
const POSTGRES_LIMITS = { connectionTimeoutMillis: 3_000, statement_timeout: 10_000 } as const;

/**
 * The audit trail's connection: Kysely over a `pg` pool, either to PostgreSQL (`DATABASE_URL`) or
 * to PGlite through PGlite's own node-postgres adapter, so both stores run the same dialect,
 * queries and migrations. PGlite runs in a worker thread ({@link PgliteThread}): its start-up and
 * queries never block the backend's event loop. {@link open} applies pending migrations before returning.
 */
export class AuditDatabase {
  private closed = false;

  private constructor(
    private readonly kysely: Kysely<AuditDatabaseSchema> | undefined,
    readonly kind: AuditStoreConfig['kind'],
    /** Migrations this open applied (empty when the schema was already current). */
    readonly appliedMigrations: readonly string[],
    private readonly releaseResources: () => Promise<void>,
  ) {}

  /**
   * Opens the store and migrates it to the latest version, or with `migrate: false` only checks
   * that it is (deployments that run `npm run migrate` separately).
   */
  static async open(
    store: AuditStoreConfig,
    log: AuditDatabaseLog,
    options: { readonly migrate?: boolean } = {},
  ): Promise<AuditDatabase> {
    if (store.kind === 'disabled') {
      return new AuditDatabase(undefined, store.kind, [], () => Promise.resolve());
    }
    const opened =
      store.kind === 'postgres' ? openPostgres(store, log) : await openPglite(store, log);
    const db = opened.db as Kysely<unknown>;
    let applied: string[] = [];
    try {
      if (options.migrate === false) await assertMigrated(db);
      else applied = await migrateToLatest(db);
    } catch (error) {
      await opened.release();
      throw error;
    }
    return new AuditDatabase(opened.db, store.kind, applied, () => opened.release());
  }

  /** The query builder; throws {@link AuditUnavailableError} when there is no open database. */
  get db(): Kysely<AuditDatabaseSchema> {
    if (this.kysely === undefined) throw new AuditUnavailableError('no audit database configured');
    if (this.closed) throw new AuditUnavailableError('the audit database is closed');
    return this.kysely;
  }

  /** Closes the pool (and PGlite with its directory lock). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.releaseResources();
  }
}

interface Opened {
  readonly db: Kysely<AuditDatabaseSchema>;
  release(): Promise<void>;
}

function openPostgres(
  store: Extract<AuditStoreConfig, { kind: 'postgres' }>,
  log: AuditDatabaseLog,
): Opened {
  const pool = new pg.Pool({ connectionString: store.url, max: store.poolMax, ...POSTGRES_LIMITS });
  // An idle client whose server went away emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', (error) => log('audit database connection lost', error));
  const db = new Kysely<AuditDatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  return { db, release: () => db.destroy() };
}

async function openPglite(
  store: Extract<AuditStoreConfig, { kind: 'pglite' }>,
  log: AuditDatabaseLog,
): Promise<Opened> {
  const inMemory = store.dataDir === 'memory://';
  const unlock = inMemory
    ? () => Promise.resolve()
    : await lockDataDir(store.dataDir, (error) => log('audit data directory lock lost', error));
  const pglite = new PgliteThread(store.dataDir, (error) => log('audit PGlite thread lost', error));
  try {
    await pglite.waitReady;
  } catch (error) {
    await pglite.close();
    await unlock();
    throw error;
  }
  // One connection: PGlite is a single session; the pool queues callers (and Kysely transactions).
  // The adapter only uses `waitReady` and `execProtocolStream`, which the thread provides.
  const pool = new pg.Pool(createPgConfig(pglite as unknown as PGlite));
  const db = new Kysely<AuditDatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    release: async () => {
      await db.destroy();
      await pglite.close();
      await unlock();
    },
  };
}
