import type { Migration, MigrationProvider } from 'kysely/migration';
import * as auditTrail from './0001-audit-trail.js';
import * as workosEventsCursor from './0002-workos-events-cursor.js';
import * as auditFilterIndexes from './0003-audit-filter-indexes.js';
import * as workosAuditExport from './0004-workos-audit-export.js';
import * as sessionOrganizations from './0005-session-organizations.js';

/**
 * The audit trail's migrations, in order. Names sort in application order; a new migration is a
 * new file added here, never an edit of an applied one.
 */
export const AUDIT_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-audit-trail': auditTrail,
  '0002-workos-events-cursor': workosEventsCursor,
  '0003-audit-filter-indexes': auditFilterIndexes,
  '0004-workos-audit-export': workosAuditExport,
  '0005-session-organizations': sessionOrganizations,
};

/** Migrations compiled into the build (no directory scanning at run time). */
export const auditMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...AUDIT_MIGRATIONS }),
};
