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

import { passwordList, subkey } from '../crypto/subkeys.js';

const BOX_VERSION = 'g2';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** HKDF `info` of the per-session value key. */
export const SESSION_KEY_INFO = 'gatehouse/v2 session value key';
/** How many per-session keys stay derived in memory (the sessions active right now). */
const DERIVED_KEY_CACHE_SIZE = 4096;
/** How many opened session values stay in memory (the sessions active right now). */
const OPENED_CACHE_SIZE = 1024;

/** The keys one password gives the store: lookup hashes and the salt of the value keys. */
interface Generation {
  readonly lookupKey: KeyObject;
  readonly valueSalt: Buffer;
}

/**
 * Store keys and at-rest encryption whose key lives only in the session cookie: the store key is
 * `HMAC-SHA256(lookup subkey, "key:" + id)`, the value is AES-256-GCM sealed with a key derived by
 * HKDF-SHA256 from the session id (salted with the session-value subkey, bound to the store key).
 * Each password (newest first) is a generation: the newest writes, all read. Derived keys are kept
 * in a bounded LRU by store key, never by the id. Hand-written on node:crypto because no library
 * derives the key from the session id for express-session. The design and its threat model:
 * `bff/README.md` (Security properties, Rotating the server secret).
 */
export class SessionCrypto {
  private readonly generations: readonly Generation[];
  private readonly derived = new LRUCache<string, KeyObject>({ max: DERIVED_KEY_CACHE_SIZE });
  /**
   * The last box opened under a store key and its plaintext: a session read on every request of
   * its own is opened once per write, not once per read. A hit needs the very box (its random IV
   * makes every seal unique) under the store key of the very id, so it answers exactly what
   * opening would; the derived keys above already let the process open these boxes.
   */
  private readonly opened = new LRUCache<string, { box: string; plaintext: string }>({
    max: OPENED_CACHE_SIZE,
  });

  constructor(secrets: string | readonly string[]) {
    this.generations = passwordList(secrets).map((password) => ({
      lookupKey: createSecretKey(subkey(password, 'store-lookup')),
      valueSalt: subkey(password, 'session-value'),
    }));
  }

  /** How many passwords are known (1 + previous ones). */
  get generationCount(): number {
    return this.generations.length;
  }

  /** The store key of a session id under the newest password (hex, 64 chars). */
  storeKey(sessionId: string): string {
    return this.mac(0, `key:${sessionId}`);
  }

  /** The store key under every password, newest first (index = generation). */
  storeKeys(sessionId: string): string[] {
    return this.generations.map((_, gen) => this.mac(gen, `key:${sessionId}`));
  }

  /** A keyed hash of an index value (WorkOS session id, user id), so indexes show no ids either. */
  indexKey(kind: 'workos-session' | 'user', value: string, gen = 0): string {
    return this.mac(gen, `${kind}:${value}`);
  }

  /** {@link indexKey} under every password, newest first. */
  indexKeys(kind: 'workos-session' | 'user', value: string): string[] {
    return this.generations.map((_, gen) => this.indexKey(kind, value, gen));
  }

  /** Seals `plaintext` for the session `sessionId` (newest password). */
  seal(sessionId: string, plaintext: string): string {
    const storeKey = this.storeKey(sessionId);
    const iv = randomBytes(IV_BYTES);
    const key = this.sessionKey(sessionId, 0, storeKey, false);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(storeKey));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [BOX_VERSION, iv, body, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /**
   * Opens a box sealed for `sessionId` under generation `gen` (the one whose store key held it);
   * undefined when it is foreign, tampered or malformed. `knownStoreKey`: `storeKeys(sessionId)[gen]`,
   * when the caller has it already (saves an HMAC).
   */
  open(sessionId: string, box: string, gen = 0, knownStoreKey?: string): string | undefined {
    if (gen < 0 || gen >= this.generations.length) return undefined;
    const storeKey = knownStoreKey ?? this.mac(gen, `key:${sessionId}`);
    const known = this.opened.get(storeKey);
    if (known?.box === box) return known.plaintext;
    const [version, iv, body, tag] = box.split('.');
    if (version !== BOX_VERSION || !iv || body === undefined || !tag) return undefined;
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        this.sessionKey(sessionId, gen, storeKey),
        Buffer.from(iv, 'base64url'),
        { authTagLength: TAG_BYTES },
      );
      decipher.setAAD(Buffer.from(storeKey));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
      this.opened.set(storeKey, { box, plaintext });
      return plaintext;
    } catch {
      return undefined;
    }
  }

  /** Drops the derived key and the opened value of an ended session from memory. */
  forget(storeKey: string): void {
    this.derived.delete(storeKey);
    this.opened.delete(storeKey);
  }

  /**
   * The session's AES key: HKDF(session id, salt = the generation's session-value subkey), cached
   * by the store key (computed from the same id and generation, so a cache entry can only ever
   * serve its own session). Only opening adds to the cache: a session written once and never read
   * again costs no memory.
   */
  private sessionKey(sessionId: string, gen: number, storeKey: string, remember = true): KeyObject {
    const cached = this.derived.get(storeKey);
    if (cached) return cached;
    const { valueSalt } = this.generations[gen]!;
    const key = createSecretKey(
      Buffer.from(
        hkdfSync('sha256', Buffer.from(sessionId, 'utf8'), valueSalt, SESSION_KEY_INFO, 32),
      ),
    );
    if (remember) this.derived.set(storeKey, key);
    return key;
  }

  private mac(gen: number, input: string): string {
    return createHmac('sha256', this.generations[gen]!.lookupKey).update(input).digest('hex');
  }
}
