import type { DatabaseSync } from 'node:sqlite';
import type { AuthorizationCodeStore } from './authorize/authorization-code.store.js';
import type { AuthorizeRequestStore } from './authorize/authorize-request.store.js';
import type { RefreshTokenGrant } from './authenticate/refresh-token.grant.js';
import type { FaultInjector } from './http/faults.js';
import type { IdempotencyCache } from './http/idempotency.js';
import type { StatsRecorder } from './http/stats.js';
import type { KeyStore } from './keys/key.store.js';
import type { Directory } from './seed/directory.js';
import type { SessionService } from './sessions/session.service.js';
import type { SessionStore } from './sessions/session.store.js';
import type { Clock } from './util/clock.js';
import type { WebhookSender } from './webhooks/webhook.sender.js';

/** Everything the HTTP layer needs, built once per emulator. */
export interface EmulatorContext {
  clock: Clock;
  db: DatabaseSync;
  directory: Directory;
  keys: KeyStore;
  store: SessionStore;
  sessions: SessionService;
  codes: AuthorizationCodeStore;
  authorizeRequests: AuthorizeRequestStore;
  refreshGrant: RefreshTokenGrant;
  idempotency: IdempotencyCache;
  stats: StatsRecorder;
  faults: FaultInjector;
  /** Resolves when the emulator closes; pending injected delays end early. */
  closing: AbortSignal;
  /** Public base URL (`http://127.0.0.1:<port>`), known once listening. */
  baseUrl: () => string;
  enableTestControls: boolean;
  /** Default overlap for `rotateKeys()`. */
  keyOverlapSeconds: number;
  /** Signed webhook deliveries (`session.revoked`). */
  webhooks: WebhookSender;
  /**
   * Ends a session and, if it was live, sends `session.revoked`: every way a session ends (logout,
   * revoke, `revokeSession()`, `endSessionsOf()`) goes through here.
   */
  endSession: (sessionId: string) => boolean;
  /** Called for unexpected errors (never with a token or cookie). */
  logError: (message: string) => void;
}
