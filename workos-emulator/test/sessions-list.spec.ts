import { NotFoundException, type WorkOS } from '@workos-inc/node';
import {
  ADA,
  EXAMPLE_CORP_ID,
  MAX,
  completeSignIn,
  createEmulator,
  type Emulator,
} from '../src/index.js';
import { call } from './http.helpers.js';
import { responseValidator } from './openapi.helpers.js';
import { CALLBACK, sdkFor } from './sdk.helpers.js';

/** `userManagement.listSessions(userId)` and `revokeSession`, as the admin console shows and ends a user's sessions. */
describe('a user’s sessions through @workos-inc/node 11', () => {
  let emulator: Emulator;
  let workos: WorkOS;
  let now: number;

  beforeAll(async () => {
    now = Date.now();
    emulator = await createEmulator({
      port: 0,
      now: () => now,
      maxSessionLengthSeconds: 7 * 24 * 3600,
    });
    workos = sdkFor(emulator);
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.reset();
  });

  it('lists active sessions newest first with the browser the sign-in came from', async () => {
    const url = workos.userManagement.getAuthorizationUrl({
      provider: 'authkit',
      redirectUri: CALLBACK,
    });
    const code = (await completeSignIn(url, { email: ADA.email })).searchParams.get('code') ?? '';
    await workos.userManagement.authenticateWithCode({
      code,
      ipAddress: '198.51.100.7',
      userAgent: 'Firefox/140',
    });
    now += 1000;
    const second = await emulator.issueSession({ email: ADA.email });
    const sessions = await workos.userManagement.listSessions(ADA.id);
    expect(sessions.data.map((s) => s.id)[0]).toBe(second.sessionId);
    expect(sessions.data[1]).toMatchObject({
      object: 'session',
      userId: ADA.id,
      organizationId: EXAMPLE_CORP_ID,
      ipAddress: '198.51.100.7',
      userAgent: 'Firefox/140',
      authMethod: 'password',
      status: 'active',
      endedAt: null,
    });
    const days =
      (Date.parse(sessions.data[1]?.expiresAt ?? '') -
        Date.parse(sessions.data[1]?.createdAt ?? '')) /
      86400_000;
    expect(days).toBe(7);
    const page = await workos.userManagement.listSessions(ADA.id, { limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(page.listMetadata.after).toBe(second.sessionId);
  });

  it('a revoked or expired session leaves the list; its events stay', async () => {
    const a = await emulator.issueSession({ email: MAX.email });
    await emulator.issueSession({ email: MAX.email });
    await workos.userManagement.revokeSession({ sessionId: a.sessionId });
    expect((await workos.userManagement.listSessions(MAX.id)).data).toHaveLength(1);
    now += 7 * 24 * 3600 * 1000;
    expect((await workos.userManagement.listSessions(MAX.id)).data).toEqual([]);
    const revoked = await workos.events.listEvents({ events: ['session.revoked'] });
    expect(revoked.data.map((e) => (e.data as { id: string }).id)).toEqual([a.sessionId]);
  });

  it('matches the OpenAPI document; an unknown user is 404', async () => {
    await emulator.issueSession({ email: ADA.email });
    const reply = await call(emulator, `/user_management/users/${ADA.id}/sessions?limit=5`, {
      headers: { authorization: `Bearer ${emulator.apiKey}` },
    });
    expect(
      responseValidator('/user_management/users/{id}/sessions', 'get', '200')(reply.json),
    ).toEqual([]);
    const missing = await call(emulator, '/user_management/users/user_nope/sessions', {
      headers: { authorization: `Bearer ${emulator.apiKey}` },
    });
    expect(missing.status).toBe(404);
    expect(
      responseValidator('/user_management/users/{id}/sessions', 'get', '404')(missing.json),
    ).toEqual([]);
    await expect(workos.userManagement.listSessions('user_nope')).rejects.toBeInstanceOf(
      NotFoundException,
    );
    const bad = await call(emulator, `/user_management/users/${ADA.id}/sessions?limit=1000`, {
      headers: { authorization: `Bearer ${emulator.apiKey}` },
    });
    expect(bad.status).toBe(422);
    expect(
      responseValidator('/user_management/users/{id}/sessions', 'get', '422')(bad.json),
    ).toEqual([]);
  });
});
