import type { AuthenticatedUser } from './authenticated-user.js';
import { VerifiedTokenCache } from './verified-token.cache.js';

const user = (expSeconds: number, id = 'u'): AuthenticatedUser =>
  ({ id, expiresAt: expSeconds }) as AuthenticatedUser;

describe('VerifiedTokenCache', () => {
  let now = 1_000_000_000_000;
  const clock = () => now;

  it('returns a cached user until the token expiry, then forgets it', () => {
    const cache = new VerifiedTokenCache(10, clock);
    cache.set('t1', user(now / 1000 + 60));
    expect(cache.get('t1')?.id).toBe('u');
    now += 59_999;
    expect(cache.get('t1')).toBeDefined();
    now += 1;
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not store an already-expired token', () => {
    const cache = new VerifiedTokenCache(10, clock);
    cache.set('old', user(now / 1000 - 1));
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new VerifiedTokenCache(2, clock);
    const exp = now / 1000 + 300;
    cache.set('a', user(exp, 'a'));
    cache.set('b', user(exp, 'b'));
    cache.get('a');
    cache.set('c', user(exp, 'c'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.id).toBe('a');
    expect(cache.get('c')?.id).toBe('c');
    expect(cache.size).toBe(2);
  });

  it('is disabled with size 0', () => {
    const cache = new VerifiedTokenCache(0, clock);
    cache.set('a', user(now / 1000 + 300));
    expect(cache.get('a')).toBeUndefined();
  });

  it('keys by the whole token', () => {
    const cache = new VerifiedTokenCache(10, clock);
    cache.set('header.payload.sig', user(now / 1000 + 300));
    expect(cache.get('header.payload.sig2')).toBeUndefined();
    expect(cache.get('header.payload.si')).toBeUndefined();
  });
});
