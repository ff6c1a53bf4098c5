import type { AuthenticatedUser } from './authenticated-user.js';
import { VerifiedTokenCache } from './verified-token.cache.js';

const user = (
  expSeconds: number,
  id = 'u',
  claims: Record<string, unknown> = {},
): AuthenticatedUser =>
  ({
    id,
    expiresAt: expSeconds,
    claims: { exp: expSeconds, ...claims },
  }) as unknown as AuthenticatedUser;

/** The kid of the key that verified the tokens below. */
const KID = 'sso_oidc_key_pair_1';

/** A token shaped like a WorkOS one (longer than the index), ending in `tail`. */
const longToken = (body: string, tail: string) =>
  `${'h'.repeat(40)}.${body.padEnd(400, 'p')}.${'s'.repeat(300)}${tail}`;

describe('VerifiedTokenCache', () => {
  let now = 1_000_000_000_000;
  const clock = () => now;

  it('returns a cached user until the token expiry, then forgets it', () => {
    const cache = new VerifiedTokenCache(10, clock);
    cache.set('t1', user(now / 1000 + 60), KID);
    expect(cache.get('t1')?.id).toBe('u');
    now += 59_999;
    expect(cache.get('t1')).toBeDefined();
    now += 1;
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not store an already-expired token', () => {
    const cache = new VerifiedTokenCache(10, clock);
    cache.set('old', user(now / 1000 - 1), KID);
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new VerifiedTokenCache(2, clock);
    const exp = now / 1000 + 300;
    cache.set('a', user(exp, 'a'), KID);
    cache.set('b', user(exp, 'b'), KID);
    cache.get('a');
    cache.set('c', user(exp, 'c'), KID);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.id).toBe('a');
    expect(cache.get('c')?.id).toBe('c');
    expect(cache.size).toBe(2);
  });

  it('is disabled with size 0', () => {
    const cache = new VerifiedTokenCache(0, clock);
    cache.set('a', user(now / 1000 + 300), KID);
    expect(cache.get('a')).toBeUndefined();
  });

  it('keys by the whole token', () => {
    const cache = new VerifiedTokenCache(10, clock);
    cache.set('header.payload.sig', user(now / 1000 + 300), KID);
    expect(cache.get('header.payload.sig2')).toBeUndefined();
    expect(cache.get('header.payload.si')).toBeUndefined();
  });

  it('needs the whole token to match, not only the tail it is indexed by', () => {
    const cache = new VerifiedTokenCache(10, clock);
    const tail = 'x'.repeat(40);
    const verified = longToken('alice', tail);
    cache.set(verified, user(now / 1000 + 300, 'alice'), KID);
    expect(cache.get(longToken('mallory', tail))).toBeUndefined();
    expect(cache.get(verified.slice(1))).toBeUndefined();
    expect(cache.get(`${verified}x`)).toBeUndefined();
    // A fresh string with the same characters (as every request brings) is a hit.
    expect(cache.get([...verified].join(''))?.id).toBe('alice');
  });

  it('lets a verified token with the same tail replace the older one', () => {
    const cache = new VerifiedTokenCache(10, clock);
    const tail = 'y'.repeat(40);
    const first = longToken('first', tail);
    const second = longToken('second', tail);
    cache.set(first, user(now / 1000 + 300, 'first'), KID);
    cache.set(second, user(now / 1000 + 300, 'second'), KID);
    expect(cache.get(first)).toBeUndefined();
    expect(cache.get(second)?.id).toBe('second');
    expect(cache.size).toBe(1);
  });

  it('serves from nbf minus the clock tolerance on, not before (a clock that went back)', () => {
    const cache = new VerifiedTokenCache(10, clock, 5);
    const nbf = now / 1000 + 3;
    cache.set('t', user(now / 1000 + 300, 'u', { nbf }), KID);
    expect(cache.get('t')?.id).toBe('u');
    now -= 2_001;
    expect(cache.get('t')).toBeUndefined();
    expect(cache.size).toBe(0);
    now += 2_001;
  });

  it('does not store a token whose nbf is beyond the clock tolerance', () => {
    const cache = new VerifiedTokenCache(10, clock, 5);
    cache.set('t', user(now / 1000 + 300, 'u', { nbf: now / 1000 + 6 }), KID);
    expect(cache.size).toBe(0);
    expect(cache.get('t')).toBeUndefined();
  });

  it('does not apply the clock tolerance to exp', () => {
    const cache = new VerifiedTokenCache(10, clock, 60);
    const exp = now / 1000 + 10;
    cache.set('t', user(exp), KID);
    now = exp * 1000;
    expect(cache.get('t')).toBeUndefined();
  });

  it('keeps the LRU order when the newest entry is read again and again', () => {
    const cache = new VerifiedTokenCache(2, clock);
    const exp = now / 1000 + 300;
    cache.set('a', user(exp, 'a'), KID);
    cache.set('b', user(exp, 'b'), KID);
    for (let i = 0; i < 3; i += 1) expect(cache.get('b')?.id).toBe('b');
    cache.get('a');
    cache.set('c', user(exp, 'c'), KID);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.id).toBe('a');
  });

  it('drops the entries of a retired key and keeps the others', () => {
    const cache = new VerifiedTokenCache(10, clock);
    const exp = now / 1000 + 300;
    cache.set('a', user(exp, 'a'), 'old_kid');
    cache.set('b', user(exp, 'b'), 'kept_kid');
    cache.forgetKeys(new Set(['old_kid']));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')?.id).toBe('b');
  });

  it('does not store a token whose verification started before a key retirement', () => {
    const cache = new VerifiedTokenCache(10, clock);
    const exp = now / 1000 + 300;
    const generation = cache.generation;
    cache.forgetKeys(new Set(['old_kid']));
    cache.set('late', user(exp, 'late'), 'old_kid', generation);
    expect(cache.get('late')).toBeUndefined();
    cache.set('fresh', user(exp, 'fresh'), 'new_kid', cache.generation);
    expect(cache.get('fresh')?.id).toBe('fresh');
  });
});
