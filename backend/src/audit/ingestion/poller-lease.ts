import pg from 'pg';
import type { AuditStoreConfig } from '../audit.config.js';

/**
 * Who may poll: among backends sharing one trail, the holder of the lease. `acquire` is called
 * before every poll; it answers whether this process holds the lease now.
 */
export interface PollerLease {
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

/** PGlite: one process per data directory (its directory lock), so that process polls. */
class SingleProcessLease implements PollerLease {
  acquire(): Promise<boolean> {
    return Promise.resolve(true);
  }
  release(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * PostgreSQL: a session advisory lock on a connection of its own, outside the pool, held for as
 * long as the connection lives. Another backend gets the lock once this one releases it, exits or
 * loses its connection (the server then ends the session and the lock with it).
 */
class AdvisoryLockLease implements PollerLease {
  private client: pg.Client | undefined;
  private held = false;

  constructor(
    private readonly url: string,
    private readonly key: string,
    private readonly onLost: (error: unknown) => void,
  ) {}

  async acquire(): Promise<boolean> {
    const client = this.client ?? (await this.connect());
    try {
      if (this.held) {
        // A query proves the session, and so the lock, is still there.
        await client.query('select 1');
        return true;
      }
      const result = await client.query<{ locked: boolean }>(
        'select pg_try_advisory_lock(hashtext($1)) as locked',
        [this.key],
      );
      this.held = result.rows[0]?.locked === true;
      return this.held;
    } catch (error) {
      await this.drop(client);
      throw error;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    if (client) await this.drop(client);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: 3_000,
      query_timeout: 5_000,
      application_name: 'gatehouse-audit-events-poller',
    });
    client.on('error', (error) => {
      // An unhandled 'error' would end the process; the next acquire reconnects.
      if (this.client === client) {
        this.held = false;
        this.client = undefined;
        this.onLost(error);
      }
    });
    await client.connect();
    this.client = client;
    return client;
  }

  /** Ends the session: the server releases the lock with it. */
  private async drop(client: pg.Client): Promise<void> {
    if (this.client === client) {
      this.client = undefined;
      this.held = false;
    }
    await client.end().catch(() => undefined);
  }
}

/** Lock key (hashed by PostgreSQL): one WorkOS events poller per database. */
export const POLLER_LOCK_KEY = 'gatehouse:audit:workos-events-poller';

/** The lease for a store: an advisory lock on PostgreSQL, the process itself on PGlite. */
export function pollerLeaseFor(
  store: Exclude<AuditStoreConfig, { kind: 'disabled' }>,
  onLost: (error: unknown) => void,
): PollerLease {
  if (store.kind === 'pglite') return new SingleProcessLease();
  return new AdvisoryLockLease(store.url, POLLER_LOCK_KEY, onLost);
}
