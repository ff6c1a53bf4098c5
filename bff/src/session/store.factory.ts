import type { Clock } from '../clock.js';
import type { BffConfig } from '../config/config.schema.js';
import type { GatehouseStore } from './gatehouse.store.js';
import { MemorySessionStore } from './memory.store.js';
import { SqliteSessionStore } from './sqlite.store.js';

/** Builds the store named by `SESSION_STORE`. */
export function createSessionStore(config: BffConfig, clock: Clock): GatehouseStore {
  const limits = { idleMs: config.session.idleMs, absoluteMs: config.session.absoluteMs };
  switch (config.session.store) {
    case 'memory':
      return new MemorySessionStore({ clock, limits });
    case 'sqlite':
      return new SqliteSessionStore({ clock, limits, path: config.session.sqlitePath });
  }
}
