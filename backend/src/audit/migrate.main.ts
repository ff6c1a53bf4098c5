import { AuditConfigError, requireAuditConfig } from './audit.config.js';
import { AuditDatabase } from './database/audit-database.js';

/**
 * `npm run migrate -w backend`: applies the audit trail's pending migrations to the store the
 * environment names (`DATABASE_URL`, else `AUDIT_DATA_DIR`) and exits. For deployments that
 * migrate before starting backends with `AUDIT_MIGRATE_ON_START=false`.
 */
async function main(): Promise<number> {
  let config;
  try {
    config = requireAuditConfig(process.env);
  } catch (error) {
    if (!(error instanceof AuditConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const { store } = config;
  if (store.kind === 'disabled') {
    process.stderr.write(`nothing to migrate: ${store.reason}\n`);
    return 1;
  }
  const where =
    store.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${store.dataDir}`;
  const database = await AuditDatabase.open(store, (message, error) =>
    process.stderr.write(
      `${message}: ${error instanceof Error ? error.message : 'unknown error'}\n`,
    ),
  );
  await database.close();
  const applied = database.appliedMigrations;
  process.stdout.write(
    applied.length === 0
      ? `audit trail on ${where}: already up to date\n`
      : `audit trail on ${where}: applied ${applied.join(', ')}\n`,
  );
  return 0;
}

process.exitCode = await main();
