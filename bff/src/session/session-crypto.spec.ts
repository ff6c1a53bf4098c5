import { createDecipheriv, createHmac } from 'node:crypto';

import { cookieSigningSecrets, subkey } from '../crypto/subkeys.js';
import { SESSION_KEY_INFO, SessionCrypto } from './session-crypto.js';

const SECRET = 'a-server-secret-of-at-least-32-characters';
const SID = 'Zq3vQ1xYk2mJ8sW0nR4tU6pL9aB7cD5e';

describe('SessionCrypto', () => {
  const crypto = new SessionCrypto(SECRET);

  it('derives a stable keyed store key that does not contain the id', () => {
    const key = crypto.storeKey(SID);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(crypto.storeKey(SID)).toBe(key);
    expect(new SessionCrypto(`${SECRET}-other`).storeKey(SID)).not.toBe(key);
    expect(crypto.storeKey(`${SID}x`)).not.toBe(key);
    expect(crypto.indexKey('user', 'user_1')).not.toBe(crypto.indexKey('workos-session', 'user_1'));
  });

  it('seals per session: only the same id and secret open a box', () => {
    const box = crypto.seal(SID, '{"token":"secret-token-value"}');
    expect(box).not.toContain('secret-token-value');
    expect(box).not.toContain(SID);
    expect(crypto.seal(SID, '{"token":"secret-token-value"}')).not.toBe(box); // fresh IV
    expect(crypto.open(SID, box)).toBe('{"token":"secret-token-value"}');
    expect(crypto.open(`${SID}x`, box)).toBeUndefined();
    expect(new SessionCrypto(`${SECRET}-other`).open(SID, box)).toBeUndefined();
  });

  it("keeps opening after a derived key was forgotten, and never opens with another session's cached key", () => {
    const other = 'Pp4vQ1xYk2mJ8sW0nR4tU6pL9aB7cD5f';
    const mine = crypto.seal(SID, 'mine');
    const theirs = crypto.seal(other, 'theirs'); // both keys now cached
    expect(crypto.open(SID, theirs)).toBeUndefined();
    expect(crypto.open(other, mine)).toBeUndefined();
    crypto.forget(crypto.storeKey(SID));
    expect(crypto.open(SID, mine)).toBe('mine');
    // A fresh instance (nothing cached) opens what the caching one sealed: same derivation.
    expect(new SessionCrypto(SECRET).open(other, theirs)).toBe('theirs');
  });

  it('answers a repeated open from memory only for the very box under the very id', () => {
    const box = crypto.seal(SID, 'v1');
    expect(crypto.open(SID, box)).toBe('v1'); // opened, remembered
    expect(crypto.open(SID, box)).toBe('v1'); // remembered
    // Another id presenting the same box still fails: the memory is per store key.
    expect(crypto.open('Xx4vQ1xYk2mJ8sW0nR4tU6pL9aB7cD5g', box)).toBeUndefined();
    // A new write under the same id is a new box: opened again, not the remembered value.
    const next = crypto.seal(SID, 'v2');
    expect(crypto.open(SID, next)).toBe('v2');
    // A tampered copy of the remembered box is not the remembered box.
    const [v, iv, body, tag] = next.split('.');
    const flipped = `${v}.${iv}.${(body![0] === 'A' ? 'B' : 'A') + body!.slice(1)}.${tag}`;
    expect(crypto.open(SID, flipped)).toBeUndefined();
    expect(crypto.open(SID, next)).toBe('v2');
  });

  it('refuses tampered, truncated and foreign boxes', () => {
    const box = crypto.seal(SID, 'hello');
    const [v, iv, body, tag] = box.split('.');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const bad of [
      `${v}.${iv}.${flip(body!)}.${tag}`,
      `${v}.${flip(iv!)}.${body}.${tag}`,
      `${v}.${iv}.${body}.${flip(tag!)}`,
      `${v}.${iv}.${body}`,
      `g0.${iv}.${body}.${tag}`,
      'Fe26.2**abc',
      '',
    ]) {
      expect(crypto.open(SID, bad)).toBeUndefined();
    }
  });

  it('refuses a short secret', () => {
    expect(() => new SessionCrypto('short')).toThrow(/32/);
  });

  it("a session cookie's signature is no key material: HKDF-Expand from it opens nothing", () => {
    // express-session's cookie is `s:<id>.<base64 HMAC-SHA256(secret, id)>`. Were that HMAC the
    // extract step of the value key (same secret, same input), the cookie alone would open a dump.
    const signature = createHmac('sha256', cookieSigningSecrets(SECRET)[0]!).update(SID).digest();
    const box = crypto.seal(SID, 'tokens');
    const [, iv, body, tag] = box.split('.');
    const expanded = createHmac('sha256', signature)
      .update(Buffer.concat([Buffer.from(SESSION_KEY_INFO), Buffer.from([1])]))
      .digest();
    const decipher = createDecipheriv('aes-256-gcm', expanded, Buffer.from(iv!, 'base64url'));
    decipher.setAAD(Buffer.from(crypto.storeKey(SID)));
    decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
    decipher.update(Buffer.from(body!, 'base64url'));
    expect(() => decipher.final()).toThrow();
    expect(crypto.open(SID, box)).toBe('tokens');
  });

  it('derives one independent subkey per purpose, none equal to the password', () => {
    const purposes = ['cookie-signing', 'store-lookup', 'session-value', 'sealing'] as const;
    const keys = purposes.map((purpose) => subkey(SECRET, purpose).toString('hex'));
    expect(new Set(keys).size).toBe(purposes.length);
    for (const key of keys) expect(key).not.toContain(Buffer.from(SECRET).toString('hex'));
    expect(subkey(SECRET, 'sealing')).toEqual(subkey(SECRET, 'sealing')); // deterministic
  });

  describe('with a previous password', () => {
    const NEWEST = 'the-newest-server-secret-of-32-characters';
    const rotated = new SessionCrypto([NEWEST, SECRET]);

    it('writes under the newest and opens what the previous one sealed, under its own store key', () => {
      const old = crypto.seal(SID, 'from before');
      expect(rotated.storeKeys(SID)).toEqual([
        new SessionCrypto(NEWEST).storeKey(SID),
        crypto.storeKey(SID),
      ]);
      expect(rotated.open(SID, old, 1)).toBe('from before');
      expect(rotated.open(SID, old, 0)).toBeUndefined();
      const fresh = rotated.seal(SID, 'after');
      expect(new SessionCrypto(NEWEST).open(SID, fresh)).toBe('after');
      expect(crypto.open(SID, fresh)).toBeUndefined();
      expect(rotated.indexKeys('user', 'user_1')).toEqual([
        new SessionCrypto(NEWEST).indexKey('user', 'user_1'),
        crypto.indexKey('user', 'user_1'),
      ]);
    });
  });
});
