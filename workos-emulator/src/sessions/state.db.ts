import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** File name of the emulator's state inside the data dir. */
export const STATE_FILE = 'workos-emulator.sqlite';

/**
 * Opens the emulator's state database: `<dataDir>/workos-emulator.sqlite`, or an in-memory database without a data dir.
 * It holds signing keys, sessions and refresh-token hashes (never a refresh token itself), so a restart with the same
 * data dir keeps live sessions working. `node:sqlite` is a Node built-in: no native addon.
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
  `);
  return db;
}
