import type { DatabaseSync } from 'node:sqlite';

/** An AuthKit session (`sid`). */
export interface SessionRecord {
  id: string;
  userId: string;
  clientId: string;
  organizationId: string | null;
  authenticationMethod: string;
  impersonator: { email: string; reason: string | null } | null;
  createdAt: number;
  endedAt: number | null;
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
  created_at: number;
  ended_at: number | null;
}

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
    createdAt: row.created_at,
    endedAt: row.ended_at,
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
        `INSERT INTO sessions (id, user_id, client_id, organization_id, authentication_method, impersonator, created_at, ended_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.id,
        s.userId,
        s.clientId,
        s.organizationId,
        s.authenticationMethod,
        s.impersonator === null ? null : JSON.stringify(s.impersonator),
        s.createdAt,
        s.endedAt,
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
