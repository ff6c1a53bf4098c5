import type { DatabaseSync } from 'node:sqlite';

/** An AuthKit session (`sid`). */
export interface SessionRecord {
  id: string;
  userId: string;
  clientId: string;
  organizationId: string | null;
  authenticationMethod: string;
  impersonator: { email: string; reason: string | null } | null;
  /** The end user's address and browser, as the sign-in saw them (or the app passed them); null when unknown. */
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: number;
  /** The session's maximum length ends here: refreshes fail afterwards. */
  expiresAt: number;
  endedAt: number | null;
  /** The organization whose SSO/MFA requirement the sign-in met (see `SeedOrganization.requires`). */
  verifiedOrganizationId: string | null;
}

/** A refresh token, known only by its hash. */
export interface RefreshTokenRecord {
  tokenHash: string;
  sessionId: string;
  clientId: string;
  organizationId: string | null;
  createdAt: number;
  exchangedAt: number | null;
}

interface SessionRow {
  id: string;
  user_id: string;
  client_id: string;
  organization_id: string | null;
  authentication_method: string;
  impersonator: string | null;
  ip_address: string | null;
  user_agent: string | null;
  created_at: number;
  expires_at: number | null;
  ended_at: number | null;
  verified_organization_id: string | null;
}

/** Sessions written before sessions had an expiry get the default maximum length. */
const LEGACY_SESSION_LENGTH_MS = 30 * 24 * 3600 * 1000;

interface RefreshRow {
  token_hash: string;
  session_id: string;
  client_id: string;
  organization_id: string | null;
  created_at: number;
  exchanged_at: number | null;
}

function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    clientId: row.client_id,
    organizationId: row.organization_id,
    authenticationMethod: row.authentication_method,
    impersonator:
      row.impersonator === null
        ? null
        : (JSON.parse(row.impersonator) as SessionRecord['impersonator']),
    ipAddress: row.ip_address,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    expiresAt: row.expires_at ?? row.created_at + LEGACY_SESSION_LENGTH_MS,
    endedAt: row.ended_at,
    verifiedOrganizationId: row.verified_organization_id,
  };
}

function toRefresh(row: RefreshRow): RefreshTokenRecord {
  return {
    tokenHash: row.token_hash,
    sessionId: row.session_id,
    clientId: row.client_id,
    organizationId: row.organization_id,
    createdAt: row.created_at,
    exchangedAt: row.exchanged_at,
  };
}

/** Sessions and refresh-token hashes in the state database (synchronous, so check-and-set needs no lock). */
export class SessionStore {
  constructor(private readonly db: DatabaseSync) {}

  insertSession(s: SessionRecord): void {
    this.db
      .prepare(
        `INSERT INTO sessions (id, user_id, client_id, organization_id, authentication_method, impersonator,
           ip_address, user_agent, created_at, expires_at, ended_at, verified_organization_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.id,
        s.userId,
        s.clientId,
        s.organizationId,
        s.authenticationMethod,
        s.impersonator === null ? null : JSON.stringify(s.impersonator),
        s.ipAddress,
        s.userAgent,
        s.createdAt,
        s.expiresAt,
        s.endedAt,
        s.verifiedOrganizationId,
      );
  }

  session(id: string): SessionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as unknown as
      SessionRow | undefined;
    return row === undefined ? undefined : toSession(row);
  }

  setSessionOrganization(id: string, organizationId: string | null): void {
    this.db.prepare('UPDATE sessions SET organization_id = ? WHERE id = ?').run(organizationId, id);
  }

  /** Ends a live session; returns false when it is unknown or already ended. */
  endSession(id: string, at: number): boolean {
    const result = this.db
      .prepare('UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL')
      .run(at, id);
    return Number(result.changes) > 0;
  }

  /** A user's sessions that have neither ended nor expired at `now`. */
  activeSessionsOf(userId: string, now: number): SessionRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM sessions WHERE user_id = ? AND ended_at IS NULL
         AND (expires_at IS NULL OR expires_at > ?) ORDER BY id`,
      )
      .all(userId, now) as unknown as SessionRow[];
    return rows.map(toSession).filter((s) => s.expiresAt > now);
  }

  /** Ids of a user's live sessions. */
  liveSessionIdsOf(userId: string): string[] {
    const rows = this.db
      .prepare('SELECT id FROM sessions WHERE user_id = ? AND ended_at IS NULL')
      .all(userId) as unknown as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Ends every live session of a user; returns their ids. */
  endSessionsOf(userId: string, at: number): string[] {
    const rows = this.db
      .prepare('SELECT id FROM sessions WHERE user_id = ? AND ended_at IS NULL')
      .all(userId) as unknown as { id: string }[];
    for (const row of rows) this.endSession(row.id, at);
    return rows.map((r) => r.id);
  }

  insertRefreshToken(r: RefreshTokenRecord): void {
    this.db
      .prepare(
        `INSERT INTO refresh_tokens (token_hash, session_id, client_id, organization_id, created_at, exchanged_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(r.tokenHash, r.sessionId, r.clientId, r.organizationId, r.createdAt, r.exchangedAt);
  }

  refreshToken(tokenHash: string): RefreshTokenRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM refresh_tokens WHERE token_hash = ?')
      .get(tokenHash) as unknown as RefreshRow | undefined;
    return row === undefined ? undefined : toRefresh(row);
  }

  /** Marks a refresh token exchanged; returns false if another call already did. */
  markExchanged(tokenHash: string, at: number): boolean {
    const result = this.db
      .prepare(
        'UPDATE refresh_tokens SET exchanged_at = ? WHERE token_hash = ? AND exchanged_at IS NULL',
      )
      .run(at, tokenHash);
    return Number(result.changes) > 0;
  }

  /** When the user last signed in (the start of their latest session that is not an impersonation), or null. */
  lastSignInOf(userId: string): number | null {
    const row = this.db
      .prepare(
        "SELECT MAX(created_at) AS at FROM sessions WHERE user_id = ? AND authentication_method != 'Impersonation'",
      )
      .get(userId) as unknown as { at: number | null };
    return row.at === null ? null : Number(row.at);
  }

  countLiveSessions(): number {
    const row = this.db
      .prepare('SELECT COUNT(*) AS n FROM sessions WHERE ended_at IS NULL')
      .get() as unknown as {
      n: number;
    };
    return Number(row.n);
  }

  /** Deletes every session and refresh token. */
  clear(): void {
    this.db.exec('DELETE FROM refresh_tokens; DELETE FROM sessions;');
  }
}
