import type { WorkOS } from '@workos-inc/node';

import { Sealer } from '../crypto/seal.js';
import type { AuthState } from '../session/session.types.js';
import { TokenRefresher } from './token-refresher.js';

const PASSWORD = 'a-sealing-password-of-at-least-32-characters';

/** A Sealer that counts how often it really opens a seal. */
class CountingSealer extends Sealer {
  opened = 0;
  override unseal<T>(sealed: string): Promise<T | undefined> {
    this.opened += 1;
    return super.unseal<T>(sealed);
  }
}

const auth = (sealedTokens: string): AuthState => ({
  user: { id: 'u', email: 'e@x', firstName: null, lastName: null, profilePictureUrl: null },
  workosSessionId: 'session_1',
  organizationId: null,
  role: null,
  roles: [],
  permissions: [],
  sealedTokens,
  accessExpiresAt: Date.now() + 300_000,
  createdAt: Date.now(),
  lastSeenAt: Date.now(),
});

describe('TokenRefresher.tokens', () => {
  it('opens each seal once and serves the same pair afterwards; unopenable seals are not cached', async () => {
    const sealer = new CountingSealer(PASSWORD, Date.now);
    const refresher = new TokenRefresher({} as WorkOS, sealer, Date.now);
    const first = await sealer.seal({ accessToken: 'at-1', refreshToken: 'rt-1' });
    const second = await sealer.seal({ accessToken: 'at-2', refreshToken: 'rt-2' });
    sealer.opened = 0;

    await expect(refresher.tokens(auth(first))).resolves.toEqual({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
    });
    await expect(refresher.tokens(auth(first))).resolves.toEqual({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
    });
    expect(sealer.opened).toBe(1);
    await expect(refresher.tokens(auth(second))).resolves.toMatchObject({ accessToken: 'at-2' });
    expect(sealer.opened).toBe(2);

    const third = await sealer.seal({ accessToken: 'at-3', refreshToken: 'rt-3' });
    sealer.opened = 0;
    await refresher.tokens(auth(third), { remember: false });
    await refresher.tokens(auth(third), { remember: false });
    expect(sealer.opened).toBe(2); // a pair being replaced or ended is not kept
    sealer.opened = 0;

    const tampered = `${first.slice(0, -4)}AAAA`;
    await expect(refresher.tokens(auth(tampered))).resolves.toBeUndefined();
    await expect(refresher.tokens(auth(tampered))).resolves.toBeUndefined();
    expect(sealer.opened).toBe(2);
  });
});
