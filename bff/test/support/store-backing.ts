import { DatabaseSync } from 'node:sqlite';

import type { SessionData, Store } from 'express-session';

import type { AnyRedisClient } from '../../src/session/redis.client.js';
import { loadStoredSession } from '../../src/session/session-store.types.js';

/**
 * Reads what the stores keep, straight from their backing (a second SQLite connection, a raw Redis
 * client), so tests can prove what is and is not stored without a test-only method in the stores.
 */

/** The live session a store returns for `sid`; undefined also for the placeholder of an ended one. */
export async function readSession(store: Store, sid: string): Promise<SessionData | undefined> {
  const session = await loadStoredSession(store, sid);
  return session && !session.ended ? session : undefined;
}

/** Every row of a SQLite session database as JSON text, through a read-only connection. */
export function sqliteRows(path: string, table = 'session_rows'): string[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const rows = db.prepare(`SELECT * FROM ${table}`).all();
    return rows.map((row) => JSON.stringify(row));
  } finally {
    db.close();
  }
}

/** Every key under `prefix` with its value (strings, sets, hashes) as `key JSON`. */
export async function redisEntries(client: AnyRedisClient, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
    for (const key of keys)
      out.push(`${String(key)} ${JSON.stringify(await valueOf(client, String(key)))}`);
  }
  return out;
}

async function valueOf(client: AnyRedisClient, key: string): Promise<unknown> {
  const type = await client.type(key);
  if (type === 'string') return client.get(key);
  if (type === 'set') return [...(await client.sMembers(key))].map(String).sort();
  if (type === 'hash') return client.hGetAll(key);
  return type;
}

/** The absolute expiry Redis holds for `key` (ms since the epoch), -1 without one, -2 when missing. */
export async function redisExpiresAt(client: AnyRedisClient, key: string): Promise<number> {
  return Number(await client.sendCommand(['PEXPIRETIME', key]));
}
