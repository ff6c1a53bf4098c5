import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { WorkOS } from '@workos-inc/node';

import { ADA, createEmulator, MAX, signWebhook, type Emulator } from '../src/index.js';
import { componentValidator } from './openapi.helpers.js';
import { sdkFor } from './sdk.helpers.js';

const SECRET = 'whsec_emulator_test_secret';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver that records what arrives and answers with `status`. */
async function receiver(
  status = 200,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received, server };
}

describe('signed webhooks for session ends', () => {
  let emulator: Emulator;
  let workos: WorkOS;
  let hook: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    hook = await receiver();
    emulator = await createEmulator({ port: 0, webhooks: [{ url: hook.url, secret: SECRET }] });
    workos = sdkFor(emulator);
  });
  afterAll(async () => {
    await emulator.close();
    hook.server.close();
  });
  beforeEach(() => {
    emulator.reset();
    hook.received.length = 0;
  });

  async function verified(index: number) {
    const delivery = hook.received[index]!;
    return workos.webhooks.constructEvent({
      payload: delivery.body,
      sigHeader: String(delivery.headers['workos-signature']),
      secret: SECRET,
    });
  }

  it('sends session.revoked, verifiable by the SDK, when a session is revoked through the API', async () => {
    const session = await emulator.issueSession({ email: ADA.email });
    await workos.userManagement.revokeSession({ sessionId: session.sessionId });
    await emulator.flushWebhooks();
    expect(hook.received).toHaveLength(1);
    const delivery = hook.received[0]!;
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers['workos-signature']).toMatch(/^t=\d{13}, v1=[0-9a-f]{64}$/);
    const event = await verified(0);
    expect(event.event).toBe('session.revoked');
    expect(event.id).toMatch(/^event_/);
    if (event.event !== 'session.revoked') throw new Error('unexpected event');
    expect(event.data).toMatchObject({
      object: 'session',
      id: session.sessionId,
      userId: ADA.id,
      organizationId: session.organizationId,
      status: 'revoked',
      authMethod: 'password',
    });
    // The body is the OpenAPI document's session.revoked event.
    const raw = JSON.parse(delivery.body) as Record<string, unknown>;
    expect(raw['object']).toBe('event');
    expect(componentValidator('EventSchema')(raw)).toEqual([]);
    expect(emulator.webhookStats()).toEqual({ sent: 1, delivered: 1, failed: 0 });
  });

  it('sends it for a browser logout, revokeSession() and endSessionsOf(), once per ended session', async () => {
    const a = await emulator.issueSession({ email: ADA.email });
    const b = await emulator.issueSession({ email: ADA.email });
    const c = await emulator.issueSession({ email: MAX.email });
    const logout = await fetch(
      `${emulator.url}/user_management/sessions/logout?session_id=${a.sessionId}`,
      { redirect: 'manual' },
    );
    expect([200, 302]).toContain(logout.status);
    expect(emulator.revokeSession(c.sessionId)).toBe(true);
    expect(emulator.revokeSession(c.sessionId)).toBe(false); // already ended: no second event
    expect(emulator.endSessionsOf(ADA.id)).toEqual([b.sessionId]);
    await emulator.flushWebhooks();
    const ids = await Promise.all(
      hook.received.map(async (_, i) => {
        const event = await verified(i);
        return event.event === 'session.revoked' ? event.data.id : undefined;
      }),
    );
    expect(ids.sort()).toEqual([a.sessionId, b.sessionId, c.sessionId].sort());
  });

  it('signs with the endpoint secret: another secret or a changed body does not verify', async () => {
    const session = await emulator.issueSession({ email: ADA.email });
    emulator.revokeSession(session.sessionId);
    await emulator.flushWebhooks();
    const delivery = hook.received[0]!;
    const sigHeader = String(delivery.headers['workos-signature']);
    await expect(
      workos.webhooks.constructEvent({ payload: delivery.body, sigHeader, secret: 'other-secret' }),
    ).rejects.toThrow();
    await expect(
      workos.webhooks.constructEvent({
        payload: delivery.body.replace(session.sessionId, 'session_forged'),
        sigHeader,
        secret: SECRET,
      }),
    ).rejects.toThrow();
    const t = Number(/t=(\d+)/.exec(sigHeader)![1]);
    expect(signWebhook(delivery.body, SECRET, t)).toBe(sigHeader);
  });
});

describe('webhook delivery failures', () => {
  it('never break the emulator: refused connections and error answers are counted and logged', async () => {
    const failing = await receiver(500);
    const errors: string[] = [];
    const emulator = await createEmulator({
      port: 0,
      logError: (m) => errors.push(m),
      webhooks: [
        { url: 'http://127.0.0.1:1/nobody-listens', secret: SECRET },
        { url: failing.url, secret: SECRET },
      ],
    });
    try {
      const workos = sdkFor(emulator);
      const session = await emulator.issueSession({ email: ADA.email });
      await workos.userManagement.revokeSession({ sessionId: session.sessionId });
      await emulator.flushWebhooks();
      expect(emulator.webhookStats()).toEqual({ sent: 2, delivered: 0, failed: 2 });
      expect(errors.some((m) => m.includes('answered 500'))).toBe(true);
      expect(errors.join('\n')).not.toContain(SECRET);
      const next = await emulator.issueSession({ email: ADA.email });
      await expect(
        workos.userManagement.authenticateWithRefreshToken({ refreshToken: next.refreshToken }),
      ).resolves.toMatchObject({ user: { id: ADA.id } });
    } finally {
      await emulator.close();
      failing.server.close();
    }
  });

  it('takes endpoints from the seed and at run time, and refuses bad ones', async () => {
    const hook = await receiver();
    const emulator = await createEmulator({
      port: 0,
      editSeed: (seed) => {
        seed.webhooks = [{ url: hook.url, secret: SECRET }];
      },
    });
    try {
      expect(() => emulator.addWebhookEndpoint({ url: 'not a url', secret: 'x' })).toThrow();
      emulator.addWebhookEndpoint({ url: `${hook.url}?second`, secret: SECRET });
      const session = await emulator.issueSession({ email: ADA.email });
      emulator.revokeSession(session.sessionId);
      await emulator.flushWebhooks();
      expect(hook.received).toHaveLength(2);
    } finally {
      await emulator.close();
      hook.server.close();
    }
    await expect(
      createEmulator({
        port: 0,
        editSeed: (seed) => void (seed.webhooks = [{ url: 'ftp://x', secret: 's' }]),
      }),
    ).rejects.toThrow(/webhooks\[0\]\.url/);
  });
});
