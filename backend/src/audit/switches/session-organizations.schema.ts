import type { ColumnType } from 'kysely';

/** `audit_session_organizations` (migration 0005): each session's latest organization. */
export interface AuditSessionOrganizationsTable {
  /** WorkOS session id (`sid`). */
  session_id: string;
  /** The organization of the newest token seen for the session. */
  organization_id: string;
  /** That token's `iat`; retention deletes rows by it. */
  seen_at: ColumnType<Date, Date, Date>;
}

/** The tables the switch recorder adds to the audit schema. */
export type SessionOrganizationsSchema = {
  audit_session_organizations: AuditSessionOrganizationsTable;
};
