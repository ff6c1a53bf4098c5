import { startBackend, type RunningBackend } from '@gatehouse/backend';
import { ADA, EXAMPLE_CORP_ID, type Emulator } from '@gatehouse/workos-emulator';
import request from 'supertest';

import {
  emulatorConfig,
  findSetCookie,
  signIn,
  startTestEmulator,
} from './support/emulator-stack.js';
import { type Harness, startHarness, TestClock } from './support/harness.js';
import { Tripwire } from './support/tripwire.js';

const tripwire = new Tripwire();
const clock = new TestClock();
let emulator: Emulator;
let backend: RunningBackend;
let h: Harness;
const csrf = { 'X-CSRF': '1' };

beforeAll(async () => {
  emulator = await startTestEmulator({ now: clock.now });
  backend = await startBackend({
    port: 0,
    env: { WORKOS_CLIENT_ID: emulator.clientId, WORKOS_API_BASE_URL: emulator.url },
    logLevel: 'silent',
  });
  h = await startHarness({
    config: emulatorConfig(emulator, { BACKEND_URL: backend.url }),
    tripwire,
    clock,
  });
});

afterAll(async () => {
  await h.close();
  await backend.close();
  await emulator.close();
  expect(tripwire.leaks()).toEqual([]);
});

describe('through the real backend', () => {
  it('/api/admin/me returns the claims the backend verified against the emulator JWKS', async () => {
    const a = request.agent(h.url);
    const { callback } = await signIn(a, { email: ADA.email });
    expect(findSetCookie(callback, 'gatehouse')).toBeDefined();
    const session = await a.get('/auth/session').set(csrf);
    const me = await a.get('/api/admin/me').set(csrf);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: ADA.id,
      organizationId: EXAMPLE_CORP_ID,
      role: 'admin',
      roles: session.body.roles,
      permissions: session.body.permissions,
    });
    expect(me.body.sessionId).toMatch(/^session_/);
  });

  it('without a session the backend is never asked; with a forged bearer the backend says 401', async () => {
    const anonymous = await request(h.url).get('/api/admin/me').set(csrf);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ error: 'unauthenticated' });
    const direct = await request(backend.url)
      .get('/admin/me')
      .set('Authorization', 'Bearer not.a.jwt');
    expect(direct.status).toBe(401);
  });

  it('after a refresh near expiry the backend accepts the rotated token', async () => {
    const a = request.agent(h.url);
    await signIn(a, { email: ADA.email });
    const before = emulator.stats().grants['refresh_token'] ?? 0;
    clock.advance(250_000);
    const me = await a.get('/api/admin/me').set(csrf);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(ADA.id);
    expect((emulator.stats().grants['refresh_token'] ?? 0) - before).toBe(1);
  });
});
