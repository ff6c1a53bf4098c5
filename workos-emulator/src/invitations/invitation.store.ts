import type { DatabaseSync } from 'node:sqlite';

/** What is stored; `expired` is never stored, it is a `pending` invitation past `expiresAt`. */
export type StoredInvitationState = 'pending' | 'accepted' | 'revoked';

/** An invitation (`invitation_…`). */
export interface InvitationRecord {
  id: string;
  email: string;
  organizationId: string | null;
  inviterUserId: string | null;
  roleSlug: string | null;
  token: string;
  state: StoredInvitationState;
  acceptedAt: number | null;
  revokedAt: number | null;
  expiresAt: number;
  createdAt: number;
  updatedAt: number;
}

interface InvitationRow {
  id: string;
  email: string;
  organization_id: string | null;
  inviter_user_id: string | null;
  role_slug: string | null;
  token: string;
  state: string;
  accepted_at: number | null;
  revoked_at: number | null;
  expires_at: number;
  created_at: number;
  updated_at: number;
}

const toRecord = (r: InvitationRow): InvitationRecord => ({
  id: r.id,
  email: r.email,
  organizationId: r.organization_id,
  inviterUserId: r.inviter_user_id,
  roleSlug: r.role_slug,
  token: r.token,
  state: r.state as StoredInvitationState,
  acceptedAt: r.accepted_at,
  revokedAt: r.revoked_at,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Invitations in the state database. The token is kept in clear: production returns it (and the accept URL built
 * from it) on every read of the invitation, so it cannot be stored as a hash.
 */
export class InvitationStore {
  constructor(private readonly db: DatabaseSync) {}

  insert(i: InvitationRecord): void {
    this.db
      .prepare(
        `INSERT INTO invitations (id, email, organization_id, inviter_user_id, role_slug, token, state,
           accepted_at, revoked_at, expires_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        i.id,
        i.email,
        i.organizationId,
        i.inviterUserId,
        i.roleSlug,
        i.token,
        i.state,
        i.acceptedAt,
        i.revokedAt,
        i.expiresAt,
        i.createdAt,
        i.updatedAt,
      );
  }

  /** Saves the state, its timestamps and the update time. */
  update(i: InvitationRecord): void {
    this.db
      .prepare(
        'UPDATE invitations SET state = ?, accepted_at = ?, revoked_at = ?, updated_at = ? WHERE id = ?',
      )
      .run(i.state, i.acceptedAt, i.revokedAt, i.updatedAt, i.id);
  }

  get(id: string): InvitationRecord | undefined {
    const row = this.db.prepare('SELECT * FROM invitations WHERE id = ?').get(id) as unknown as
      InvitationRow | undefined;
    return row === undefined ? undefined : toRecord(row);
  }

  byToken(token: string): InvitationRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM invitations WHERE token = ?')
      .get(token) as unknown as InvitationRow | undefined;
    return row === undefined ? undefined : toRecord(row);
  }

  /** Invitations matching the filters (email compared lower-cased), by id. */
  list(filter: {
    organizationId?: string | undefined;
    email?: string | undefined;
  }): InvitationRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM invitations WHERE (?1 IS NULL OR organization_id = ?1) AND (?2 IS NULL OR email = ?2)
         ORDER BY id`,
      )
      .all(filter.organizationId ?? null, filter.email ?? null) as unknown as InvitationRow[];
    return rows.map(toRecord);
  }

  clear(): void {
    this.db.exec('DELETE FROM invitations');
  }
}
