import {
  ADA,
  EmulatorUsageError,
  GRACE,
  SeedError,
  completeSignIn,
  createEmulator,
  defaultSeed,
} from '../src/index.js';
import { authorizePath, call } from './http.helpers.js';
import { sdkFor } from './sdk.helpers.js';

describe('emulator lifecycle and options', () => {
  it('refuses bad options before listening', async () => {
    await expect(createEmulator({ accessTokenTtlSeconds: 0 })).rejects.toThrow(EmulatorUsageError);
    await expect(createEmulator({ refreshGraceSeconds: -1 })).rejects.toThrow(EmulatorUsageError);
    await expect(createEmulator({ publicUrl: 'nope' })).rejects.toThrow(EmulatorUsageError);
    await expect(createEmulator({ seed: { ...defaultSeed(), clients: [] } })).rejects.toThrow(
      SeedError,
    );
    await expect(createEmulator({ redirectUris: ['relative/path'] })).rejects.toThrow(SeedError);
    await expect(createEmulator({ host: '0.0.0.0', enableTestControls: true })).rejects.toThrow(
      /--enable-test-controls is refused with --host 0\.0\.0\.0/,
    );
  });

  it('applies editSeed, publicUrl and the access-token lifetime', async () => {
    const emulator = await createEmulator({
      port: 0,
      publicUrl: 'http://localhost:4999/',
      accessTokenTtlSeconds: 20,
      editSeed: (seed) => {
        seed.users = seed.users.filter((u) => u.email === ADA.email);
      },
    });
    try {
      expect(emulator.url).toBe('http://localhost:4999');
      expect(emulator.issuer).toBe(`http://localhost:4999/user_management/${emulator.clientId}`);
      expect(emulator.seed.users).toHaveLength(1);
      const { accessToken } = await emulator.issueSession({ email: ADA.email });
      const claims = JSON.parse(
        Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString(),
      ) as {
        iat: number;
        exp: number;
        iss: string;
      };
      expect(claims.exp - claims.iat).toBe(20);
      expect(claims.iss).toBe(emulator.issuer);
    } finally {
      await emulator.close();
    }
  });

  it('registers redirect URIs at run time', async () => {
    const emulator = await createEmulator({ port: 0 });
    try {
      const uri = 'http://127.0.0.1:7777/auth/callback';
      expect((await call(emulator, authorizePath(emulator, { redirect_uri: uri }))).status).toBe(
        400,
      );
      emulator.allowRedirectUri(uri);
      const callback = await completeSignIn(
        `${emulator.url}${authorizePath(emulator, { redirect_uri: uri })}`,
        {
          email: ADA.email,
        },
      );
      expect(callback.origin).toBe('http://127.0.0.1:7777');
      expect(() => emulator.allowRedirectUri('nope')).toThrow(EmulatorUsageError);
      expect(() => emulator.allowLogoutReturnUri(uri, 'client_nope')).toThrow(EmulatorUsageError);
    } finally {
      await emulator.close();
    }
  });

  it('endSessionsOf() ends every session of a user and reset() forgets all sessions', async () => {
    const emulator = await createEmulator({ port: 0 });
    const workos = sdkFor(emulator);
    try {
      const a = await emulator.issueSession({ email: ADA.email });
      const b = await emulator.issueSession({ email: ADA.email });
      const g = await emulator.issueSession({ email: GRACE.email, organizationId: null });
      expect(g.organizationId).toBeNull();
      expect(g.response.organization_id).toBeUndefined();
      expect(emulator.endSessionsOf(ADA.id).sort()).toEqual([a.sessionId, b.sessionId].sort());
      expect(emulator.endSessionsOf(ADA.id)).toEqual([]);
      await expect(
        workos.userManagement.authenticateWithRefreshToken({ refreshToken: b.refreshToken }),
      ).rejects.toMatchObject({ error: 'invalid_grant' });
      expect(emulator.stats().liveSessions).toBe(1);
      emulator.reset();
      expect(emulator.stats()).toEqual({
        endpoints: {},
        grants: {},
        statuses: {},
        liveSessions: 0,
      });
      await expect(
        workos.userManagement.authenticateWithRefreshToken({ refreshToken: g.refreshToken }),
      ).rejects.toMatchObject({ error: 'invalid_grant' });
    } finally {
      await emulator.close();
    }
  });

  it('close() is idempotent and ends hanging injected delays', async () => {
    const emulator = await createEmulator({ port: 0 });
    emulator.inject({ route: '/health', delayMs: 60_000 });
    const hanging = fetch(`${emulator.url}/health`).catch(() => 'closed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await Promise.all([emulator.close(), emulator.close()]);
    await hanging;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('refreshGraceSeconds: 0', () => {
  it('makes refresh tokens strictly single-use', async () => {
    const now = Date.now();
    const emulator = await createEmulator({ port: 0, refreshGraceSeconds: 0, now: () => now });
    try {
      const workos = sdkFor(emulator);
      const issued = await emulator.issueSession({ email: ADA.email });
      await workos.userManagement.authenticateWithRefreshToken({
        refreshToken: issued.refreshToken,
      });
      await expect(
        workos.userManagement.authenticateWithRefreshToken({ refreshToken: issued.refreshToken }),
      ).rejects.toMatchObject({ error: 'invalid_grant' });
    } finally {
      await emulator.close();
    }
  });
});

describe('issueSession() input checks', () => {
  it('rejects (never throws synchronously) an unknown client or a non-member organization', async () => {
    const emulator = await createEmulator({ port: 0 });
    try {
      const unknownClient = emulator.issueSession({ email: ADA.email, clientId: 'client_nope' });
      await expect(unknownClient).rejects.toThrow(EmulatorUsageError);
      await expect(
        emulator.issueSession({ email: ADA.email, organizationId: 'org_01JGLOBEX000000000000000' }),
      ).rejects.toThrow(/not a member/);
    } finally {
      await emulator.close();
    }
  });
});
