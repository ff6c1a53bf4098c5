import { NotFoundException } from '@workos-inc/node';
import { ADA, EXAMPLE_CORP_ID, MAX, completeSignIn } from '../src/index.js';
import { call } from './http.helpers.js';
import { responseValidator } from './openapi.helpers.js';
import { CALLBACK, useSdkEmulator } from './sdk.helpers.js';

/** `userManagement.listSessions(userId)` and `revokeSession`, as the admin console shows and ends a user's sessions. */
describe('a user’s sessions through @workos-inc/node 11', () => {
  const t = useSdkEmulator({ maxSessionLengthSeconds: 7 * 24 * 3600 });

  it('lists active sessions newest first with the browser the sign-in came from', async () => {
    const url = t.workos.userManagement.getAuthorizationUrl({
      provider: 'authkit',
      redirectUri: CALLBACK,
    });
    const code = (await completeSignIn(url, { email: ADA.email })).searchParams.get('code') ?? '';
    await t.workos.userManagement.authenticateWithCode({
      code,
      ipAddress: '198.51.100.7',
      userAgent: 'Firefox/140',
    });
    t.now += 1000;
    const second = await t.emulator.issueSession({ email: ADA.email });
    const sessions = await t.workos.userManagement.listSessions(ADA.id);
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
    const page = await t.workos.userManagement.listSessions(ADA.id, { limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(page.listMetadata.after).toBe(second.sessionId);
  });

  it('a revoked or expired session leaves the list; its events stay', async () => {
    const a = await t.emulator.issueSession({ email: MAX.email });
    await t.emulator.issueSession({ email: MAX.email });
    await t.workos.userManagement.revokeSession({ sessionId: a.sessionId });
    expect((await t.workos.userManagement.listSessions(MAX.id)).data).toHaveLength(1);
    t.now += 7 * 24 * 3600 * 1000;
    expect((await t.workos.userManagement.listSessions(MAX.id)).data).toEqual([]);
    const revoked = await t.workos.events.listEvents({ events: ['session.revoked'] });
    expect(revoked.data.map((e) => (e.data as { id: string }).id)).toEqual([a.sessionId]);
  });

  it('matches the OpenAPI document; an unknown user is 404', async () => {
    await t.emulator.issueSession({ email: ADA.email });
    const reply = await call(t.emulator, `/user_management/users/${ADA.id}/sessions?limit=5`, {
      headers: { authorization: `Bearer ${t.emulator.apiKey}` },
    });
    expect(
      responseValidator('/user_management/users/{id}/sessions', 'get', '200')(reply.json),
    ).toEqual([]);
    const missing = await call(t.emulator, '/user_management/users/user_nope/sessions', {
      headers: { authorization: `Bearer ${t.emulator.apiKey}` },
    });
    expect(missing.status).toBe(404);
    expect(
      responseValidator('/user_management/users/{id}/sessions', 'get', '404')(missing.json),
    ).toEqual([]);
    await expect(t.workos.userManagement.listSessions('user_nope')).rejects.toBeInstanceOf(
      NotFoundException,
    );
    const bad = await call(t.emulator, `/user_management/users/${ADA.id}/sessions?limit=1000`, {
      headers: { authorization: `Bearer ${t.emulator.apiKey}` },
    });
    expect(bad.status).toBe(422);
    expect(
      responseValidator('/user_management/users/{id}/sessions', 'get', '422')(bad.json),
    ).toEqual([]);
  });
});
