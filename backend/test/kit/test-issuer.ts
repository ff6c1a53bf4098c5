import {
  createHmac,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  sign,
  type KeyObject,
} from 'node:crypto';
import { loadBackendConfig, type BackendConfig } from '../../src/config/backend-config.js';
import { startJwksServer, type JwksMode, type JwksServer } from './jwks-server.js';

/** WorkOS access-token claims a test may set (anything else is allowed too). */
export interface TestClaims {
  iss?: string;
  sub?: string;
  sid?: string;
  org_id?: string;
  role?: string;
  roles?: string[];
  permissions?: string[];
  entitlements?: string[];
  feature_flags?: string[];
  act?: { sub: string };
  aud?: string | string[];
  iat?: number;
  exp?: number;
  nbf?: number;
  jti?: string;
  [claim: string]: unknown;
}

/** How to sign a token. */
export interface TokenOptions {
  /** Seconds until `exp` (default 300, like WorkOS). Negative gives an expired token. */
  expiresIn?: number;
  /** Override or remove (`null`) the `kid` header. */
  kid?: string | null;
  /** Extra or replacing header fields (e.g. `jku`). */
  header?: Record<string, unknown>;
  /** Sign with another private key (e.g. an attacker's). */
  privateKey?: KeyObject;
  /** Sign with the key that was current before the last `rotate({ keepPrevious: true })`. */
  previousKey?: boolean;
  /** Remove these claims from the defaults (e.g. `['sid']`). */
  omit?: string[];
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: `sso_oidc_key_pair_${randomBytes(8).toString('hex')}`, privateKey, publicKey };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * An RS256 token issuer shaped like WorkOS, with its JWKS served on 127.0.0.1 so the real
 * JwksKeySource can fetch it. Create one per test file (`createTestIssuer()`), `close()` it after.
 */
export class TestIssuer {
  /** Tokens' `iss`: `<baseUrl>/user_management/<clientId>`, what the backend expects by default. */
  readonly issuer: string;
  private current: SigningKey;
  private previous: SigningKey | undefined;
  /** An unrelated key pair, for forged tokens. */
  readonly attackerKey = newKey();

  constructor(
    readonly clientId: string,
    private readonly server: JwksServer,
  ) {
    this.current = newKey();
    this.issuer = `${server.baseUrl}/user_management/${clientId}`;
  }

  /** `WORKOS_API_BASE_URL` for a backend that trusts this issuer. */
  get baseUrl(): string {
    return this.server.baseUrl;
  }
  /** The current signing key id. */
  get kid(): string {
    return this.current.kid;
  }
  /** JWKS requests the server received. */
  get jwksRequests(): number {
    return this.server.jwksRequests;
  }
  /** Requests to paths other than the JWKS (e.g. a `jku` pointed here). */
  get otherRequests(): number {
    return this.server.otherRequests;
  }

  /** The published JWKS: the current key and, after `rotate({ keepPrevious: true })`, the previous one. */
  jwks(): { keys: Record<string, unknown>[] } {
    const keys = [this.current, ...(this.previous ? [this.previous] : [])];
    return {
      keys: keys.map((k) => ({
        ...k.publicKey.export({ format: 'jwk' }),
        kid: k.kid,
        alg: 'RS256',
        use: 'sig',
      })),
    };
  }

  /** Public keys by kid (what the in-memory test key source serves). */
  publicKeys(): Map<string, KeyObject> {
    const map = new Map([[this.current.kid, this.current.publicKey]]);
    if (this.previous) map.set(this.previous.kid, this.previous.publicKey);
    return map;
  }

  /** Switches to a new signing key; the old one is dropped unless `keepPrevious`. */
  rotate(options: { keepPrevious?: boolean } = {}): string {
    this.previous = options.keepPrevious ? this.current : undefined;
    this.current = newKey();
    return this.current.kid;
  }

  /** Makes the JWKS endpoint fail (`down`, `hang`, `error`) or work again (`up`). */
  setJwksMode(mode: JwksMode): void {
    this.server.setMode(mode);
  }

  /** WorkOS-shaped default claims for a fresh session. */
  defaultClaims(expiresIn = 300): TestClaims {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: this.issuer,
      sub: 'user_01TESTUSER',
      sid: `session_${randomBytes(6).toString('hex')}`,
      org_id: 'org_01TESTORG',
      role: 'member',
      roles: ['member'],
      permissions: [],
      entitlements: [],
      feature_flags: [],
      jti: randomUUID(),
      iat: now,
      exp: now + expiresIn,
    };
  }

  /** A valid RS256 access token; `claims` override the defaults. */
  token(claims: TestClaims = {}, options: TokenOptions = {}): string {
    const payload: Record<string, unknown> = {
      ...this.defaultClaims(options.expiresIn),
      ...claims,
    };
    for (const name of options.omit ?? []) delete payload[name];
    const key = options.previousKey ? this.previous : this.current;
    if (!key) throw new Error('token(): no previous key (rotate({ keepPrevious: true }) first)');
    const header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: key.kid };
    if (options.kid === null) delete header['kid'];
    else if (options.kid !== undefined) header['kid'] = options.kid;
    Object.assign(header, options.header);
    const input = `${b64(header)}.${b64(payload)}`;
    const signature = sign('sha256', Buffer.from(input), options.privateKey ?? key.privateKey);
    return `${input}.${signature.toString('base64url')}`;
  }

  /** Named bad tokens, each paired with the 401 code the backend must answer. */
  readonly bad = {
    expired: () => this.token({}, { expiresIn: -120 }),
    notYetValid: () => this.token({ nbf: Math.floor(Date.now() / 1000) + 600 }),
    wrongIssuer: () => this.token({ iss: 'https://evil.example/user_management/client_evil' }),
    otherClientIssuer: () =>
      this.token({ iss: `${this.baseUrl}/user_management/client_other_app` }),
    unknownKid: () =>
      this.token({}, { kid: `sso_oidc_key_pair_${randomBytes(8).toString('hex')}` }),
    noKid: () => this.token({}, { kid: null }),
    algNone: () => {
      const header = b64({ alg: 'none', typ: 'JWT', kid: this.current.kid });
      return `${header}.${b64(this.defaultClaims())}.`;
    },
    /** The classic key-confusion attack: HS256 with the RSA public key (PEM) as HMAC secret. */
    hs256WithPublicKey: () => {
      const header = b64({ alg: 'HS256', typ: 'JWT', kid: this.current.kid });
      const input = `${header}.${b64(this.defaultClaims())}`;
      const secret = this.current.publicKey.export({ format: 'pem', type: 'spki' });
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    },
    tamperedSignature: () => {
      const [h, p, s] = this.token().split('.') as [string, string, string];
      const flipped = Buffer.from(s, 'base64url');
      flipped[10] = (flipped[10] ?? 0) ^ 0xff;
      return `${h}.${p}.${flipped.toString('base64url')}`;
    },
    /** A valid signature over a payload that was changed afterwards (privilege escalation). */
    tamperedPayload: () => {
      const [h, , s] = this.token().split('.') as [string, string, string];
      return `${h}.${b64({ ...this.defaultClaims(), role: 'admin', roles: ['admin'] })}.${s}`;
    },
    malformed: () => 'not-a.jwt',
    /** `jku` pointing at an attacker JWKS, with the attacker's kid and signature. */
    jkuHeader: (jkuUrl: string) =>
      this.token(
        {},
        {
          kid: this.attackerKey.kid,
          header: { jku: jkuUrl },
          privateKey: this.attackerKey.privateKey,
        },
      ),
    /** Embedded `jwk` of the attacker key, reusing the real kid. */
    jwkHeader: () =>
      this.token(
        {},
        {
          header: {
            jwk: { ...this.attackerKey.publicKey.export({ format: 'jwk' }), kid: this.current.kid },
          },
          privateKey: this.attackerKey.privateKey,
        },
      ),
    /** `x5u` pointing at an attacker certificate URL. */
    x5uHeader: (url: string) =>
      this.token(
        {},
        {
          kid: this.attackerKey.kid,
          header: { x5u: url },
          privateKey: this.attackerKey.privateKey,
        },
      ),
    noSub: () => this.token({}, { omit: ['sub'] }),
    noSid: () => this.token({}, { omit: ['sid'] }),
    noExp: () => this.token({}, { omit: ['exp'] }),
    wrongAudience: () => this.token({ aud: 'client_someone_else' }),
    /** Shaped like an OIDC ID token: audience = client, email claims, no session id. */
    idToken: () =>
      this.token(
        { aud: this.clientId, email: 'ada@example.com', email_verified: true },
        { omit: ['sid', 'org_id', 'role', 'roles', 'permissions'] },
      ),
    /** Claims of the wrong type (roles as a string). */
    badClaimTypes: () => this.token({ roles: 'admin' as unknown as string[] }),
  };

  /** Backend configuration that trusts this issuer (as `loadBackendConfig` would build it). */
  backendConfig(overrides: Partial<BackendConfig> = {}): BackendConfig {
    const base = loadBackendConfig({
      WORKOS_CLIENT_ID: this.clientId,
      WORKOS_API_BASE_URL: this.baseUrl,
      PORT: '0',
    });
    return { ...base, ...overrides };
  }

  /** Stops the JWKS server. */
  close(): Promise<void> {
    return this.server.close();
  }
}

/** Named bad tokens and the 401 code each must produce. */
export const BAD_TOKEN_CODES = {
  expired: 'token_expired',
  notYetValid: 'token_not_yet_valid',
  wrongIssuer: 'issuer_mismatch',
  otherClientIssuer: 'issuer_mismatch',
  unknownKid: 'unknown_key',
  noKid: 'unknown_key',
  algNone: 'algorithm_not_allowed',
  hs256WithPublicKey: 'algorithm_not_allowed',
  tamperedSignature: 'signature_invalid',
  tamperedPayload: 'signature_invalid',
  malformed: 'token_malformed',
  jwkHeader: 'signature_invalid',
  noSub: 'claims_invalid',
  noSid: 'claims_invalid',
  noExp: 'claims_invalid',
  wrongAudience: 'claims_invalid',
  idToken: 'claims_invalid',
  badClaimTypes: 'claims_invalid',
} as const;

/** Starts an issuer and its JWKS server. */
export async function createTestIssuer(options: { clientId?: string } = {}): Promise<TestIssuer> {
  const clientId = options.clientId ?? 'client_01TESTCLIENT';
  const holder: { issuer?: TestIssuer } = {};
  const server = await startJwksServer(clientId, () => holder.issuer?.jwks() ?? { keys: [] });
  holder.issuer = new TestIssuer(clientId, server);
  return holder.issuer;
}
