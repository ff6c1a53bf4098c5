import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const BOX_VERSION = 'g1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

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
 * Hand-written on node:crypto primitives (no library wraps "key derived from the session id" for
 * express-session): each piece is a single standard call.
 */
export class SessionCrypto {
  private readonly secret: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('The session secret must be at least 32 characters');
    this.secret = Buffer.from(secret, 'utf8');
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
    const key = this.derive(sessionId);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(this.storeKey(sessionId)));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [BOX_VERSION, iv, body, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Opens a box sealed for `sessionId`; undefined when it is foreign, tampered or malformed. */
  open(sessionId: string, box: string): string | undefined {
    const [version, iv, body, tag] = box.split('.');
    if (version !== BOX_VERSION || !iv || body === undefined || !tag) return undefined;
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        this.derive(sessionId),
        Buffer.from(iv, 'base64url'),
        { authTagLength: TAG_BYTES },
      );
      decipher.setAAD(Buffer.from(this.storeKey(sessionId)));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  private derive(sessionId: string): Buffer {
    return Buffer.from(
      hkdfSync('sha256', Buffer.from(sessionId, 'utf8'), this.secret, 'gatehouse session v1', 32),
    );
  }

  private mac(input: string): string {
    return createHmac('sha256', this.secret).update(input).digest('hex');
  }
}
