import type { Kysely } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import { auditMigrationProvider } from './migrations/index.js';

/** Table names Kysely's migrator keeps its own bookkeeping in. */
const MIGRATION_TABLES = {
  migrationTableName: 'audit_migrations',
  migrationLockTableName: 'audit_migrations_lock',
} as const;

/** Thrown when a migration fails; names it and keeps the database error as the cause. */
export class AuditMigrationError extends Error {
  override readonly name = 'AuditMigrationError';
}

/**
 * Applies every pending audit migration, in order, each in its own transaction. Safe to run from
 * several backends at once: Kysely serialises migrators with a lock (a PostgreSQL advisory lock).
 *
 * @returns the names of the migrations applied now (empty when already up to date).
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: auditMigrationProvider, ...MIGRATION_TABLES });
  return applied(await migrator.migrateToLatest());
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new AuditMigrationError(
      `audit migration ${failed?.migrationName ?? '(none)'} failed: ${error instanceof Error ? error.message : 'unknown error'}`,
      { cause: error },
    );
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((r) => r.migrationName);
}

/**
 * Fails unless every known migration has been applied (for deployments that migrate separately
 * with `npm run migrate` and start backends with `AUDIT_MIGRATE_ON_START=false`).
 */
export async function assertMigrated(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: auditMigrationProvider, ...MIGRATION_TABLES });
  const pending = (await migrator.getMigrations()).filter((m) => m.executedAt === undefined);
  if (pending.length > 0) {
    throw new AuditMigrationError(
      `the audit database lacks migrations ${pending.map((m) => m.name).join(', ')}: run npm run migrate -w backend`,
    );
  }
}
