import type { Directory, UserlandUser } from '../seed/directory.js';
import type { SeedUser } from '../seed/seed.types.js';
import type { KeyStore } from '../keys/key.store.js';
import { signAccessToken } from '../tokens/access-token.js';
import { epochSeconds, type Clock } from '../util/clock.js';
import { sha256 } from '../util/hash.js';
import type { EventRecorder } from '../events/event.recorder.js';
import { type IdFactory, opaqueToken } from '../util/ids.js';
import type { SessionRecord, SessionStore } from './session.store.js';
import { sessionObject } from './session.wire.js';

/** Production's `UserlandAuthenticateResponse` as the emulator sends it. */
export interface AuthenticateResponseBody {
  user: UserlandUser;
  organization_id?: string;
  access_token: string;
  refresh_token: string;
  authentication_method: string;
  impersonator?: { email: string; reason: string | null };
}

/** How a new session starts. */
export interface StartSessionInput {
  user: SeedUser;
  clientId: string;
  organizationId: string | null;
  authenticationMethod: string;
  impersonator?: { email: string; reason: string | null } | undefined;
  /** The end user's IP address and user agent, when known. */
  ipAddress?: string | null | undefined;
  userAgent?: string | null | undefined;
}

/** Settings shared by every session and token the emulator mints. */
export interface TokenSettings {
  /** Base URL in `iss` (`<base>/user_management/<client_id>`). */
  issuerBase: () => string;
  accessTokenTtlSeconds: number;
  /** Maximum session length; refreshes fail once it has passed. */
  maxSessionLengthSeconds: number;
}

/** Impersonated sessions end after 60 minutes, as production's do. */
export const IMPERSONATION_SESSION_SECONDS = 3600;

/** Collaborators of {@link SessionService}. */
export interface SessionServiceDeps {
  store: SessionStore;
  directory: Directory;
  keys: KeyStore;
  clock: Clock;
  ids: IdFactory;
  events: EventRecorder;
  settings: TokenSettings;
}

/**
 * Creates sessions and mints token pairs. Sign-ins (code exchange), `issueSession()` and refreshes all go through
 * here, so every path produces the same claims and stores the same records.
 */
export class SessionService {
  private readonly store: SessionStore;
  private readonly directory: Directory;
  private readonly keys: KeyStore;
  private readonly clock: Clock;
  private readonly settings: TokenSettings;

  constructor(private readonly deps: SessionServiceDeps) {
    ({
      store: this.store,
      directory: this.directory,
      keys: this.keys,
      clock: this.clock,
      settings: this.settings,
    } = deps);
  }

  /** Starts a session, records `session.created`, and returns the authenticate response. */
  async startSession(
    input: StartSessionInput,
  ): Promise<{ body: AuthenticateResponseBody; session: SessionRecord }> {
    const now = this.clock();
    const impersonator = input.impersonator ?? null;
    const lengthSeconds =
      impersonator === null ? this.settings.maxSessionLengthSeconds : IMPERSONATION_SESSION_SECONDS;
    const session: SessionRecord = {
      id: this.deps.ids.next('session', now),
      userId: input.user.id,
      clientId: input.clientId,
      organizationId: input.organizationId,
      authenticationMethod: input.authenticationMethod,
      impersonator,
      ipAddress: input.ipAddress ?? null,
      userAgent: input.userAgent ?? null,
      createdAt: now,
      expiresAt: now + lengthSeconds * 1000,
      endedAt: null,
      verifiedOrganizationId: input.organizationId,
    };
    this.store.insertSession(session);
    this.deps.events.record(
      'session.created',
      { ...sessionObject(session, now) },
      { organizationId: session.organizationId, context: { client_id: session.clientId } },
    );
    const body = await this.mint(session, input.user, input.organizationId);
    return { body, session };
  }

  /**
   * Mints a new access + refresh token for an existing session in `organizationId` (stored synchronously before the
   * asynchronous signing, so the refresh token is valid as soon as this returns).
   */
  async mint(
    session: SessionRecord,
    user: SeedUser,
    organizationId: string | null,
  ): Promise<AuthenticateResponseBody> {
    const refreshToken = opaqueToken(24);
    this.store.insertRefreshToken({
      tokenHash: sha256(refreshToken),
      sessionId: session.id,
      clientId: session.clientId,
      organizationId,
      createdAt: this.clock(),
      exchangedAt: null,
    });
    const org =
      organizationId === null ? undefined : this.directory.orgClaims(user.id, organizationId);
    const accessToken = await signAccessToken(this.keys, {
      issuer: `${this.settings.issuerBase()}/user_management/${session.clientId}`,
      userId: user.id,
      sessionId: session.id,
      issuedAt: epochSeconds(this.clock),
      ttlSeconds: this.settings.accessTokenTtlSeconds,
      org,
      impersonatorEmail: session.impersonator?.email,
    });
    const body: AuthenticateResponseBody = {
      user: this.directory.toUserland(user),
      access_token: accessToken,
      refresh_token: refreshToken,
      authentication_method: session.authenticationMethod,
    };
    if (org !== undefined) body.organization_id = org.org_id;
    if (session.impersonator !== null) body.impersonator = { ...session.impersonator };
    return body;
  }
}
