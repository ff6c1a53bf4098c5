import { createPublicKey, type KeyObject } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { JwksClient, SigningKey } from 'jwks-rsa';

const importJwksRsa = () => import('jwks-rsa');
type JwksRsa = Awaited<ReturnType<typeof importJwksRsa>>;
let jwksRsa: Promise<JwksRsa> | undefined;

/**
 * jwks-rsa is loaded on the first fetch, not by a static import: it is CommonJS and `require()`s
 * jose (ESM-only). A process whose static import graph also reaches jose (e.g. a test that imports
 * this package and the workos-emulator) would otherwise fail with "Cannot require() ES Module ...
 * in a cycle" (measured under jest).
 */
function loadJwksRsa(): Promise<JwksRsa> {
  jwksRsa ??= importJwksRsa();
  return jwksRsa;
}

/** Keys shorter than this are not trusted. */
const MIN_RSA_MODULUS_BITS = 2048;
/** A JWKS with more entries than this is refused (WorkOS publishes one or two). */
const MAX_KEYS = 100;
/** Longer kids are never looked up (the resolver rejects them first). */
const MAX_KID_LENGTH = 256;
/** The only algorithm Gatehouse verifies. */
const ALGORITHM = 'RS256';

/** Why a JWKS fetch gave no key set. */
export type JwksFetchFailure =
  'timeout' | 'shutdown' | 'network' | 'http_status' | 'not_a_jwks' | 'no_usable_key';

/** A failed {@link JwksKeySetLoader.load}; `message` is safe to log. */
export class JwksFetchError extends Error {
  override readonly name = 'JwksFetchError';
  constructor(
    readonly failure: JwksFetchFailure,
    message: string,
    /** The endpoint answered 404: WorkOS knows no such client id. */
    readonly notFound = false,
  ) {
    super(message);
  }
}

/** Keeps server-controlled text (an HTTP reason phrase) short and printable in logs. */
function excerpt(value: string): string {
  return value.replace(/[^A-Za-z0-9 ._:/-]/g, '?').slice(0, 64);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? excerpt(error.code) : undefined;
}

/**
 * Translates what jwks-rsa's `getKeys`/`getSigningKeys` reject with (see
 * `node_modules/jwks-rsa/src/JwksClient.js` and `wrappers/request.js`).
 */
function classify(error: unknown, { JwksError, ArgumentError }: JwksRsa): JwksFetchError {
  if (error instanceof JwksFetchError) return error;
  if (error instanceof JwksError) {
    const unavailable = (error as { isEndpointUnavailable?: unknown }).isEndpointUnavailable;
    if (unavailable !== true) {
      // Thrown after a 2xx answer: "did not contain any keys" / "any signing keys".
      return new JwksFetchError('no_usable_key', 'the JWKS holds no signing key');
    }
    // A non-2xx status: jwks-rsa keeps only the reason phrase ("Not Found") or "Http Error <n>".
    const reason = error.message;
    const notFound = reason === 'Not Found' || reason === 'Http Error 404';
    return new JwksFetchError('http_status', `HTTP error: ${excerpt(reason)}`, notFound);
  }
  if (error instanceof SyntaxError) return new JwksFetchError('not_a_jwks', 'response is not JSON');
  if (error instanceof ArgumentError) return new JwksFetchError('network', 'invalid JWKS URL');
  const code = errorCode(error);
  // Node socket errors (ECONNREFUSED, ECONNRESET when jwks-rsa's idle timeout destroys the request, ...).
  if (code !== undefined) return new JwksFetchError('network', `network error (${code})`);
  // e.g. a TypeError from jwks-rsa reading `keys` of a JSON `null` or filtering a non-array.
  return new JwksFetchError('not_a_jwks', 'response is not a JWKS');
}

/**
 * Converts jwks-rsa's signing keys into Gatehouse's key set: RSA public keys of at least 2048 bits,
 * usable for RS256, each parsed once into a `KeyObject`.
 */
function toKeySet(signingKeys: readonly SigningKey[]): Map<string, KeyObject> {
  if (signingKeys.length > MAX_KEYS) {
    throw new JwksFetchError('not_a_jwks', `the JWKS lists more than ${MAX_KEYS} keys`);
  }
  const keys = new Map<string, KeyObject>();
  for (const signingKey of signingKeys) {
    // jwks-rsa's types promise `kid` and `alg`, but it omits them when the JWK has none.
    const kid: unknown = signingKey.kid;
    const alg: unknown = signingKey.alg;
    if (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_LENGTH) continue;
    if (alg !== undefined && alg !== ALGORITHM) continue;
    if (keys.has(kid)) continue; // first wins, like jwks-rsa's own getSigningKey(kid)
    let key: KeyObject;
    try {
      key = createPublicKey(signingKey.getPublicKey());
    } catch {
      continue;
    }
    if (key.asymmetricKeyType !== 'rsa') continue;
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_MODULUS_BITS) continue;
    keys.set(kid, key);
  }
  if (keys.size === 0) {
    throw new JwksFetchError('no_usable_key', 'the JWKS holds no RSA signing key of 2048+ bits');
  }
  return keys;
}

/**
 * One JWKS fetch per {@link load}: jwks-rsa's `JwksClient.getSigningKeys()` downloads the JWKS,
 * parses it, keeps the `sig` keys and imports each JWK; this class turns them into `KeyObject`s.
 * Added around the client because jwks-rsa cannot do it: an overall deadline (its `timeout` is a
 * socket idle timeout, so a body that trickles in never settles its promise) and cancellation on
 * shutdown (it takes no `AbortSignal`, so the client gets its own HTTP agent, destroyed then).
 * The response body has no size limit in jwks-rsa; the deadline bounds it in time only.
 */
export class JwksKeySetLoader {
  private readonly agent: HttpAgent;
  private client: JwksClient | undefined;
  private readonly closed = new AbortController();

  constructor(
    private readonly jwksUrl: string,
    private readonly timeoutMs: number,
  ) {
    this.agent = new URL(jwksUrl).protocol === 'https:' ? new HttpsAgent() : new HttpAgent();
  }

  /**
   * Downloads the JWKS and returns its usable keys by kid.
   *
   * @throws JwksFetchError
   */
  async load(): Promise<Map<string, KeyObject>> {
    const library = await loadJwksRsa();
    const client = (this.client ??= new library.JwksClient({
      jwksUri: this.jwksUrl,
      // Both wrap only getSigningKey(kid), which is not used (see JwksKeySource).
      cache: false,
      rateLimit: false,
      timeout: this.timeoutMs,
      requestAgent: this.agent,
      requestHeaders: { accept: 'application/json' },
    }));
    try {
      return toKeySet(await this.withDeadline(client.getSigningKeys()));
    } catch (error) {
      throw classify(error, library);
    }
  }

  /** Aborts an in-flight fetch and refuses further ones. */
  close(): void {
    this.closed.abort();
    this.agent.destroy();
  }

  private withDeadline<T>(work: Promise<T>): Promise<T> {
    if (this.closed.signal.aborted) {
      return Promise.reject(new JwksFetchError('shutdown', 'shutting down'));
    }
    const signal = AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.closed.signal]);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        // Frees the socket; jwks-rsa's own promise may then never settle, which is harmless.
        this.agent.destroy();
        reject(
          this.closed.signal.aborted
            ? new JwksFetchError('shutdown', 'shutting down')
            : new JwksFetchError('timeout', `timed out after ${this.timeoutMs} ms`),
        );
      };
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error instanceof Error ? error : new Error('JWKS fetch failed'));
        },
      );
    });
  }
}
