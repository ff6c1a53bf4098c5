import type { DatabaseSync } from 'node:sqlite';
import { AuthorizationCodeStore } from './authorize/authorization-code.store.js';
import { AuthorizeRequestStore } from './authorize/authorize-request.store.js';
import { RefreshTokenGrant } from './authenticate/refresh-token.grant.js';
import { AuditLogStore } from './audit-logs/audit-log.store.js';
import type { EmulatorContext } from './emulator.context.js';
import { EventRecorder } from './events/event.recorder.js';
import { EventStore } from './events/event.store.js';
import { FaultInjector } from './http/faults.js';
import { IdempotencyCache } from './http/idempotency.js';
import { StatsRecorder } from './http/stats.js';
import { InvitationService } from './invitations/invitation.service.js';
import { InvitationStore } from './invitations/invitation.store.js';
import type { KeyStore } from './keys/key.store.js';
import { MembershipService } from './memberships/membership.service.js';
import { MembershipStore } from './memberships/membership.store.js';
import { Directory } from './seed/directory.js';
import type { Seed } from './seed/seed.types.js';
import { SessionService } from './sessions/session.service.js';
import { SessionStore } from './sessions/session.store.js';
import { sessionObject } from './sessions/session.wire.js';
import type { Clock } from './util/clock.js';
import { IdFactory } from './util/ids.js';
import type { WebhookSender } from './webhooks/webhook.sender.js';

/** Resolved settings of one emulator. */
export interface BuildSettings {
  clock: Clock;
  seed: Seed;
  db: DatabaseSync;
  keys: KeyStore;
  webhooks: WebhookSender;
  closing: AbortSignal;
  baseUrl: () => string;
  accessTokenTtlSeconds: number;
  maxSessionLengthSeconds: number;
  graceSeconds: number;
  keyOverlapSeconds: number;
  enableTestControls: boolean;
  logError: (message: string) => void;
}

/** Wires the stores and services of one emulator into the context its HTTP layer uses. */
export function buildContext(s: BuildSettings): EmulatorContext {
  const { clock, db } = s;
  const ids = new IdFactory();
  const store = new SessionStore(db);
  const memberships = new MembershipStore(db);
  memberships.applySeed(s.seed);
  const directory = new Directory(s.seed, memberships, (userId) => store.lastSignInOf(userId));
  const eventStore = new EventStore(db);
  const events = new EventRecorder(eventStore, ids, clock, s.webhooks);
  const invitations = new InvitationStore(db);
  const sessions = new SessionService({
    store,
    directory,
    keys: s.keys,
    clock,
    ids,
    events,
    settings: {
      issuerBase: s.baseUrl,
      accessTokenTtlSeconds: s.accessTokenTtlSeconds,
      maxSessionLengthSeconds: s.maxSessionLengthSeconds,
    },
  });
  const endSession = (sessionId: string): boolean => {
    const at = clock();
    if (!store.endSession(sessionId, at)) return false;
    const session = store.session(sessionId);
    if (session !== undefined) {
      events.record(
        'session.revoked',
        { ...sessionObject(session, at) },
        { organizationId: session.organizationId, context: { client_id: session.clientId } },
      );
    }
    return true;
  };
  return {
    clock,
    db,
    ids,
    directory,
    memberships,
    membershipService: new MembershipService({ directory, events, clock, ids }),
    invitations,
    invitationService: new InvitationService({ directory, store: invitations, events, clock, ids }),
    keys: s.keys,
    store,
    sessions,
    events,
    eventStore,
    auditLogs: new AuditLogStore(db),
    codes: new AuthorizationCodeStore(clock),
    authorizeRequests: new AuthorizeRequestStore(clock),
    refreshGrant: new RefreshTokenGrant({
      directory,
      store,
      sessions,
      clock,
      graceSeconds: s.graceSeconds,
    }),
    idempotency: new IdempotencyCache(clock),
    stats: new StatsRecorder(),
    faults: new FaultInjector(),
    closing: s.closing,
    baseUrl: s.baseUrl,
    enableTestControls: s.enableTestControls,
    keyOverlapSeconds: s.keyOverlapSeconds,
    webhooks: s.webhooks,
    endSession,
    logError: s.logError,
  };
}
