import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

import { LRUCache } from 'lru-cache';

const BOX_VERSION = 'g1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** How many per-session keys stay derived in memory (the sessions active right now). */
const DERIVED_KEY_CACHE_SIZE = 4096;

/**
 * Store keys and at-rest encryption whose key lives only in the session cookie (oauth2-proxy's
 * "ticket" idea, on top of express-session).
 *
 * - The store key of a session is `HMAC-SHA256(secret, "key:" + sessionId)`: a dump of the store
 *   shows no session id, and the key cannot be turned back into a cookie value.
 * - The stored value is AES-256-GCM sealed with a key derived by HKDF-SHA256 from the session id
 *   (192 random bits, only in the browser's cookie) and the server secret, bound to the store key
 *   as associated data. Without the cookie, a copy of Redis or of the SQLite file opens nothing;
 *   without the server secret, a stolen cookie value alone does not open a stolen dump either.
 *
 * Every request opens its session, so the hot path is kept cheap: the secret is held as a
 * `KeyObject` (an HMAC over a raw Buffer key costs several times more, as Node re-imports the key
 * each call), and derived keys are kept in a bounded LRU keyed by the store key — never by the
 * session id, which stays a credential held only for the duration of a request. The cache adds no
 * new secret to the process: whoever can read its memory also reads the server secret.
 *
 * Hand-written on node:crypto primitives (no library wraps "key derived from the session id" for
 * express-session): each piece is a single standard call.
 */
export class SessionCrypto {
  private readonly salt: Buffer;
  private readonly macKey: KeyObject;
  private readonly derived = new LRUCache<string, KeyObject>({ max: DERIVED_KEY_CACHE_SIZE });

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('The session secret must be at least 32 characters');
    this.salt = Buffer.from(secret, 'utf8');
    this.macKey = createSecretKey(this.salt);
  }

  /** The store key of a session id (hex, 64 chars). */
  storeKey(sessionId: string): string {
    return this.mac(`key:${sessionId}`);
  }

  /** A keyed hash of an index value (WorkOS session id, user id), so indexes show no ids either. */
  indexKey(kind: 'workos-session' | 'user', value: string): string {
    return this.mac(`${kind}:${value}`);
  }

  /** Seals `plaintext` for the session `sessionId`. */
  seal(sessionId: string, plaintext: string): string {
    const storeKey = this.storeKey(sessionId);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sessionKey(sessionId, storeKey, false), iv);
    cipher.setAAD(Buffer.from(storeKey));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [BOX_VERSION, iv, body, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Opens a box sealed for `sessionId`; undefined when it is foreign, tampered or malformed. */
  open(sessionId: string, box: string): string | undefined {
    const [version, iv, body, tag] = box.split('.');
    if (version !== BOX_VERSION || !iv || body === undefined || !tag) return undefined;
    const storeKey = this.storeKey(sessionId);
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        this.sessionKey(sessionId, storeKey),
        Buffer.from(iv, 'base64url'),
        { authTagLength: TAG_BYTES },
      );
      decipher.setAAD(Buffer.from(storeKey));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  /** Drops the derived key of an ended session from memory. */
  forget(storeKey: string): void {
    this.derived.delete(storeKey);
  }

  /**
   * The session's AES key: HKDF(session id, salt = server secret), cached by the store key (which
   * is computed here from the same id, so a cache entry can only ever serve its own session).
   * Only opening (a request reading its session) adds to the cache: a session written once and
   * never read again (a sign-in nobody uses) costs no memory.
   */
  private sessionKey(sessionId: string, storeKey: string, remember = true): KeyObject {
    const cached = this.derived.get(storeKey);
    if (cached) return cached;
    const key = createSecretKey(
      Buffer.from(
        hkdfSync('sha256', Buffer.from(sessionId, 'utf8'), this.salt, 'gatehouse session v1', 32),
      ),
    );
    if (remember) this.derived.set(storeKey, key);
    return key;
  }

  private mac(input: string): string {
    return createHmac('sha256', this.macKey).update(input).digest('hex');
  }
}
