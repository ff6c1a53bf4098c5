import { ADA, type Emulator } from '@gatehouse/workos-emulator';

import { readClaims } from '../src/auth/access-token.claims.js';
import { TokenRefresher } from '../src/auth/token-refresher.js';
import { createWorkOS } from '../src/auth/workos.client.js';
import { Sealer } from '../src/crypto/seal.js';
import type { AuthState } from '../src/session/session.types.js';
import { emulatorConfig, startTestEmulator } from './support/emulator-stack.js';
import { TEST_COOKIE_PASSWORD } from './support/test-config.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

async function authFor(sealer: Sealer): Promise<AuthState> {
  const issued = await emulator.issueSession({ email: ADA.email });
  const claims = readClaims(issued.accessToken)!;
  return {
    user: {
      id: issued.user.id,
      email: issued.user.email,
      firstName: null,
      lastName: null,
      profilePictureUrl: null,
    },
    workosSessionId: claims.sid!,
    organizationId: issued.organizationId,
    role: claims.role,
    roles: claims.roles,
    permissions: claims.permissions,
    sealedTokens: await sealer.seal({
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
    }),
    accessExpiresAt: claims.expiresAt!,
    createdAt: Date.now(),
    lastSeenAt: Date.now(),
  };
}

describe('TokenRefresher against the emulator', () => {
  const refreshes = () => emulator.stats().grants['refresh_token'] ?? 0;
  const context = { ipAddress: '127.0.0.1', userAgent: 'jest' };

  it('hands the rotated pair to a request still carrying the pre-rotation view (no replay, no invalid_grant)', async () => {
    const now = Date.now();
    const sealer = new Sealer(TEST_COOKIE_PASSWORD, () => now);
    const refresher = new TokenRefresher(createWorkOS(emulatorConfig(emulator)), sealer, () => now);
    const stale = await authFor(sealer);
    const before = refreshes();
    const first = await refresher.refresh(stale, context);
    const late = await refresher.refresh(stale, context);
    expect(first.ok && late.ok).toBe(true);
    if (!first.ok || !late.ok) return;
    expect(late.accessToken).toBe(first.accessToken);
    expect([first.shared, late.shared]).toEqual([false, true]);
    expect(refreshes() - before).toBe(1);
    const rotated = await sealer.unseal<{ refreshToken: string }>(first.auth.sealedTokens);
    const old = await sealer.unseal<{ refreshToken: string }>(stale.sealedTokens);
    expect(rotated?.refreshToken).not.toBe(old?.refreshToken);
  });

  it('classifies a revoked session as terminal invalid_grant', async () => {
    const sealer = new Sealer(TEST_COOKIE_PASSWORD, () => Date.now());
    const refresher = new TokenRefresher(createWorkOS(emulatorConfig(emulator)), sealer, () =>
      Date.now(),
    );
    const auth = await authFor(sealer);
    emulator.revokeSession(auth.workosSessionId);
    const outcome = await refresher.refresh(auth, context);
    expect(outcome).toEqual({
      ok: false,
      shared: false,
      failure: { kind: 'terminal', reason: 'invalid_grant', status: 400 },
    });
  });

  it('needsRefresh is true below 60 s left', async () => {
    let now = Date.now();
    const sealer = new Sealer(TEST_COOKIE_PASSWORD, () => now);
    const refresher = new TokenRefresher(createWorkOS(emulatorConfig(emulator)), sealer, () => now);
    const auth = await authFor(sealer);
    now = auth.accessExpiresAt - 61_000;
    expect(refresher.needsRefresh(auth)).toBe(false);
    now = auth.accessExpiresAt - 59_000;
    expect(refresher.needsRefresh(auth)).toBe(true);
  });
});
