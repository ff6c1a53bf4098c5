import type { Fault } from './http/faults.js';
import type { EmulatorStats } from './http/stats.js';
import type { UserlandUser } from './seed/directory.js';
import type { Seed } from './seed/seed.types.js';
import type { AuthenticateResponseBody } from './sessions/session.service.js';
import type { WebhookEndpoint, WebhookStats } from './webhooks/webhook.sender.js';

/** Options of {@link createEmulator}. All optional. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. Never bind a public interface outside a disposable container. */
  host?: string;
  /** Base URL advertised in tokens (`iss`) and `url`, e.g. `http://localhost:4100`; default `http://<host>:<port>`. */
  publicUrl?: string;
  /** A seed object or the path of a JSON seed file; default {@link defaultSeed}. */
  seed?: Seed | string;
  /**
   * Extra redirect URIs registered for every seeded client (tests that run a BFF on a random port). See also
   * {@link Emulator.allowRedirectUri} for URIs only known after start.
   */
  redirectUris?: string[];
  /** Extra logout `return_to` URIs registered for every seeded client. */
  logoutReturnUris?: string[];
  /** Last chance to edit the (copied, validated) seed before start; return a new seed or mutate it in place. */
  editSeed?: (seed: Seed) => Seed | void;
  /** Directory for persistent state (signing keys, sessions, refresh-token hashes). Without it, state is in memory. */
  dataDir?: string;
  /** Access-token lifetime; default 300 s (production's default). */
  accessTokenTtlSeconds?: number;
  /** Maximum session length: refreshes fail after it (default 30 days; impersonated sessions always last 60 minutes). */
  maxSessionLengthSeconds?: number;
  /** Refresh-token replay grace window; default 30 s. */
  refreshGraceSeconds?: number;
  /** How long `rotateKeys()` keeps the previous key in the JWKS; default 3600 s. */
  keyOverlapSeconds?: number;
  /**
   * Webhook endpoints that receive the signed events they subscribe to (default `session.revoked`, sent whenever a
   * session ends), added to the seed's `webhooks`.
   */
  webhooks?: WebhookEndpoint[];
  /** Millisecond clock (tests move time with it); default `Date.now`. */
  now?: () => number;
  /** Serve the `/__emulator/*` HTTP controls; default false. */
  enableTestControls?: boolean;
  /** Receives unexpected-error messages (default: `console.error`). Never receives tokens. */
  logError?: (message: string) => void;
}

/** Input of {@link Emulator.issueSession}. */
export interface IssueSessionInput {
  email: string;
  /** Required when the user belongs to several organizations; must be one of theirs. */
  organizationId?: string | null;
  /** Default: the first seeded client. */
  clientId?: string;
  /** Makes an impersonation session (`act` claim, `authentication_method: "Impersonation"`). */
  impersonator?: { email: string; reason?: string | null };
}

/** Result of {@link Emulator.issueSession}. */
export interface IssuedSession {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  organizationId: string | null;
  user: UserlandUser;
  /** The exact authenticate response body a code exchange would have returned. */
  response: AuthenticateResponseBody;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** Id of the first seeded client. */
  readonly clientId: string;
  /** API key of the first seeded client. */
  readonly apiKey: string;
  /** `iss` of tokens for the first client: `<url>/user_management/<clientId>`. */
  readonly issuer: string;
  /** JWKS URL of the first client: `<url>/sso/jwks/<clientId>`. */
  readonly jwksUrl: string;
  /** The seed in use (after `redirectUris`, `logoutReturnUris` and `editSeed`). */
  readonly seed: Seed;
  /** Stops listening and closes the state database. Idempotent. */
  close(): Promise<void>;
  /**
   * Forgets sessions, refresh tokens, codes, pending sign-ins, idempotency records, faults, stats, recorded events
   * and audit-log events, and restores the seed's memberships and invitations (not keys).
   */
  reset(): void;
  /** Publishes a new signing key; old keys stay in the JWKS for `overlapSeconds` (default `keyOverlapSeconds`). */
  rotateKeys(options?: { overlapSeconds?: number }): Promise<string>;
  /** Ends a session (its refresh tokens become `invalid_grant`); false if it was unknown or already ended. */
  revokeSession(sessionId: string): boolean;
  /** Ends every live session of a user; returns the ended session ids. */
  endSessionsOf(userId: string): string[];
  /** Adds a webhook endpoint at run time. */
  addWebhookEndpoint(endpoint: WebhookEndpoint): void;
  /** Waits for every webhook delivery started so far. */
  flushWebhooks(): Promise<void>;
  /** Webhook delivery counts since start or `reset()`. */
  webhookStats(): WebhookStats;
  /** Audit Logs events accepted by `POST /audit_logs/events`, oldest first, optionally of one organization. */
  auditLogEvents(organizationId?: string): AuditLogEventRecord[];
  /** Call counts per endpoint, grant type and status. */
  stats(): EmulatorStats;
  /** Makes the next matching calls fail and/or hang. See {@link Fault}. */
  inject(fault: Fault): void;
  /** Drops every pending fault. */
  clearFaults(): void;
  /** Creates a session as a sign-in would (same code path as the code exchange) and returns its tokens. */
  issueSession(input: IssueSessionInput): Promise<IssuedSession>;
  /** Registers a redirect URI at run time (default: for every client). */
  allowRedirectUri(uri: string, clientId?: string): void;
  /** Registers a logout `return_to` URI at run time (default: for every client). */
  allowLogoutReturnUri(uri: string, clientId?: string): void;
}

/** An accepted Audit Logs event. */
export interface AuditLogEventRecord {
  id: string;
  organizationId: string;
  /** The event as received (`action`, `occurred_at`, `actor`, `targets`, `context`, `metadata`, `version`). */
  event: Record<string, unknown>;
  /** When the emulator accepted it (ISO 8601). */
  createdAt: string;
}

/** Thrown by programmatic calls with bad input (never by the HTTP server). */
export class EmulatorUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorUsageError';
  }
}
