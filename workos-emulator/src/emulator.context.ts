import type { DatabaseSync } from 'node:sqlite';
import type { AuthorizationCodeStore } from './authorize/authorization-code.store.js';
import type { AuthorizeRequestStore } from './authorize/authorize-request.store.js';
import type { RefreshTokenGrant } from './authenticate/refresh-token.grant.js';
import type { AuditLogStore } from './audit-logs/audit-log.store.js';
import type { EventRecorder } from './events/event.recorder.js';
import type { EventStore } from './events/event.store.js';
import type { FaultInjector } from './http/faults.js';
import type { IdempotencyCache } from './http/idempotency.js';
import type { StatsRecorder } from './http/stats.js';
import type { InvitationService } from './invitations/invitation.service.js';
import type { InvitationStore } from './invitations/invitation.store.js';
import type { KeyStore } from './keys/key.store.js';
import type { MembershipService } from './memberships/membership.service.js';
import type { MembershipStore } from './memberships/membership.store.js';
import type { Directory } from './seed/directory.js';
import type { SessionService } from './sessions/session.service.js';
import type { SessionStore } from './sessions/session.store.js';
import type { Clock } from './util/clock.js';
import type { IdFactory } from './util/ids.js';
import type { WebhookSender } from './webhooks/webhook.sender.js';

/** Everything the HTTP layer needs, built once per emulator. */
export interface EmulatorContext {
  clock: Clock;
  db: DatabaseSync;
  /** Creation-ordered ids for everything made at run time. */
  ids: IdFactory;
  directory: Directory;
  memberships: MembershipStore;
  /** Membership rules and events (the API's writes). */
  membershipService: MembershipService;
  invitations: InvitationStore;
  /** Invitation rules and events. */
  invitationService: InvitationService;
  keys: KeyStore;
  store: SessionStore;
  sessions: SessionService;
  /** Records events for `/events` and the webhooks. */
  events: EventRecorder;
  eventStore: EventStore;
  /** Accepted Audit Logs events. */
  auditLogs: AuditLogStore;
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
  /** Signed webhook deliveries of the recorded events. */
  webhooks: WebhookSender;
  /**
   * Ends a session and, if it was live, records `session.revoked`: every way a session ends (logout,
   * revoke, `revokeSession()`, `endSessionsOf()`) goes through here.
   */
  endSession: (sessionId: string) => boolean;
  /** Called for unexpected errors (never with a token or cookie). */
  logError: (message: string) => void;
}
