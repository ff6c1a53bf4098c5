import type { Directory } from '../seed/directory.js';
import type { AuthenticateResponseBody, SessionService } from '../sessions/session.service.js';
import type { SessionStore } from '../sessions/session.store.js';
import { OAuthError } from '../http/errors.js';
import type { Clock } from '../util/clock.js';
import { sha256 } from '../util/hash.js';
import { type RequestBody, optionalString, requiredString } from './body-fields.js';
import { authenticateClient } from './client-auth.js';
import { checkOrganizationAccess } from './organization-access.js';

/** Collaborators of the refresh grant. */
export interface RefreshGrantDeps {
  directory: Directory;
  store: SessionStore;
  sessions: SessionService;
  clock: Clock;
  /** Replay grace window in seconds (production: about 30). */
  graceSeconds: number;
}

interface Replay {
  exchangedAt: number;
  response: Promise<AuthenticateResponseBody>;
}

/**
 * `grant_type=refresh_token` with rotation. Every success retires the token sent and returns a new pair; replaying the
 * retired token within the grace window returns that same pair (production's session-resilience behaviour, which
 * makes concurrent refreshes and SDK retries harmless). The replay cache lives in memory: the emulator never stores a
 * token in clear, so a restart inside the window turns a replay into `invalid_grant`.
 */
export class RefreshTokenGrant {
  private readonly replays = new Map<string, Replay>();

  constructor(private readonly deps: RefreshGrantDeps) {}

  async handle(body: RequestBody): Promise<AuthenticateResponseBody> {
    const { directory, store, sessions, clock } = this.deps;
    const { client } = authenticateClient(
      directory,
      optionalString(body, 'client_id'),
      optionalString(body, 'client_secret'),
    );
    const token = requiredString(body, 'refresh_token');
    const requestedOrg = optionalString(body, 'organization_id');
    const hash = sha256(token);
    const record = store.refreshToken(hash);
    if (record === undefined || record.clientId !== client.id) {
      throw new OAuthError('invalid_grant', 'Invalid refresh token.');
    }
    const session = store.session(record.sessionId);
    if (session === undefined || session.endedAt !== null) {
      throw new OAuthError('invalid_grant', 'Session has already ended.');
    }
    const now = clock();
    this.sweep(now);
    if (record.exchangedAt !== null) {
      const replay = this.replays.get(hash);
      const { graceSeconds } = this.deps;
      // graceSeconds 0 switches replays off entirely (strict single use), even within the same millisecond.
      if (
        replay !== undefined &&
        graceSeconds > 0 &&
        now - replay.exchangedAt <= graceSeconds * 1000
      ) {
        return replay.response;
      }
      throw new OAuthError('invalid_grant', 'Refresh token already exchanged.');
    }
    const user = directory.user(session.userId);
    if (user === undefined)
      throw new OAuthError('invalid_grant', 'The user of this session no longer exists.');
    if (session.expiresAt <= now) throw new OAuthError('invalid_grant', 'Session has expired.');
    const organizationId = requestedOrg ?? record.organizationId;
    if (organizationId !== null) checkOrganizationAccess(directory, session, user, organizationId);
    // Everything up to here is synchronous: the first caller marks the token and registers the pending response
    // before any await, so concurrent callers take the replay path above.
    if (!store.markExchanged(hash, now))
      throw new OAuthError('invalid_grant', 'Refresh token already exchanged.');
    if (organizationId !== session.organizationId)
      store.setSessionOrganization(session.id, organizationId);
    const response = sessions.mint({ ...session, organizationId }, user, organizationId);
    this.replays.set(hash, { exchangedAt: now, response });
    try {
      return await response;
    } catch (error) {
      this.replays.delete(hash);
      throw error;
    }
  }

  clear(): void {
    this.replays.clear();
  }

  private sweep(now: number): void {
    const horizon = this.deps.graceSeconds * 1000;
    for (const [hash, replay] of this.replays)
      if (now - replay.exchangedAt > horizon) this.replays.delete(hash);
  }
}
