import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** File name of the emulator's state inside the data dir. */
export const STATE_FILE = 'workos-emulator.sqlite';

/**
 * Opens the emulator's state database: `<dataDir>/workos-emulator.sqlite`, or an in-memory database without a data dir.
 * It holds signing keys, sessions, refresh-token hashes (never a refresh token itself), organization memberships,
 * invitations, recorded events and audit-log events, so a restart with the same data dir keeps all of it. `node:sqlite` is a Node built-in: no native addon.
 */
export function openStateDb(dataDir: string | undefined): DatabaseSync {
  let location = ':memory:';
  if (dataDir !== undefined) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    location = join(dataDir, STATE_FILE);
  }
  const db = new DatabaseSync(location);
  if (dataDir !== undefined) {
    chmodSync(location, 0o600);
    db.exec('PRAGMA journal_mode = WAL');
  }
  db.exec(`
    CREATE TABLE IF NOT EXISTS signing_keys (
      kid TEXT PRIMARY KEY,
      private_pkcs8 TEXT NOT NULL,
      certificate_der TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      retire_at INTEGER
    );
    CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      client_id TEXT NOT NULL,
      organization_id TEXT,
      authentication_method TEXT NOT NULL,
      impersonator TEXT,
      created_at INTEGER NOT NULL,
      ended_at INTEGER
    );
    CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id);
    CREATE TABLE IF NOT EXISTS refresh_tokens (
      token_hash TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      client_id TEXT NOT NULL,
      organization_id TEXT,
      created_at INTEGER NOT NULL,
      exchanged_at INTEGER
    );
    CREATE INDEX IF NOT EXISTS refresh_tokens_by_session ON refresh_tokens (session_id);
    CREATE TABLE IF NOT EXISTS memberships (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      organization_id TEXT NOT NULL,
      role_slug TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (user_id, organization_id)
    );
    CREATE TABLE IF NOT EXISTS seed_applied (
      kind TEXT NOT NULL,
      key TEXT NOT NULL,
      PRIMARY KEY (kind, key)
    );
    CREATE TABLE IF NOT EXISTS invitations (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL,
      organization_id TEXT,
      inviter_user_id TEXT,
      role_slug TEXT,
      token TEXT NOT NULL UNIQUE,
      state TEXT NOT NULL,
      accepted_at INTEGER,
      revoked_at INTEGER,
      expires_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS events (
      id TEXT PRIMARY KEY,
      event TEXT NOT NULL,
      organization_id TEXT,
      body TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS events_by_type ON events (event, id);
    CREATE INDEX IF NOT EXISTS events_by_time ON events (created_at);
    CREATE TABLE IF NOT EXISTS audit_log_events (
      id TEXT PRIMARY KEY,
      organization_id TEXT NOT NULL,
      idempotency_key TEXT,
      body TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS audit_log_events_by_key ON audit_log_events (idempotency_key);
  `);
  addMissingColumns(db, 'sessions', {
    ip_address: 'TEXT',
    user_agent: 'TEXT',
    expires_at: 'INTEGER',
    verified_organization_id: 'TEXT',
  });
  return db;
}

/** Adds columns that a data dir written by an older emulator lacks (SQLite has no ADD COLUMN IF NOT EXISTS). */
function addMissingColumns(db: DatabaseSync, table: string, columns: Record<string, string>): void {
  const existing = new Set(
    (db.prepare(`PRAGMA table_info(${table})`).all() as unknown as { name: string }[]).map(
      (c) => c.name,
    ),
  );
  for (const [name, type] of Object.entries(columns)) {
    if (!existing.has(name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
  }
}
