import type { Store } from 'express-session';

/**
 * What the BFF needs from a session store: an express-session `Store` that can be closed.
 *
 * Contract every implementation must keep (the built-in ones get it from `GatehouseStore`):
 * - rows expire at the earlier of the idle and absolute deadline of the stored session;
 * - `destroy` is final: a later `set`/`touch` of the same id is ignored (no resurrection by a slow
 *   in-flight request);
 * - `set` never replaces stored tokens with older ones (compare `auth.accessExpiresAt`).
 */
export interface BffSessionStore extends Store {
  close(): void | Promise<void>;
}
