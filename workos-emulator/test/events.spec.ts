import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GenericServerException,
  UnauthorizedException,
  UnprocessableEntityException,
  type WorkOS,
} from '@workos-inc/node';
import {
  ADA,
  EXAMPLE_CORP_ID,
  GLOBEX_ID,
  GRACE,
  MAX,
  completeSignIn,
  createEmulator,
} from '../src/index.js';
import { call } from './http.helpers.js';
import { componentValidator, responseValidator } from './openapi.helpers.js';
import { CALLBACK, sdkFor, useSdkEmulator } from './sdk.helpers.js';

type EventName = Parameters<WorkOS['events']['listEvents']>[0]['events'][number];
const ALL: EventName[] = [
  'authentication.password_succeeded',
  'authentication.password_failed',
  'session.created',
  'session.revoked',
  'organization_membership.created',
  'organization_membership.updated',
  'organization_membership.deleted',
  'invitation.created',
  'invitation.revoked',
  'invitation.resent',
];

/** The Events API the audit trail polls: what the emulator records and how `/events` pages it. */
describe('recorded events and GET /events', () => {
  const t = useSdkEmulator();

  async function signIn(email: string, password?: string): Promise<URL> {
    const url = t.workos.userManagement.getAuthorizationUrl({
      provider: 'authkit',
      redirectUri: CALLBACK,
    });
    return completeSignIn(url, { email, ...(password === undefined ? {} : { password }) });
  }

  async function raw(query: string) {
    return call(t.emulator, `/events?${query}`, {
      headers: { authorization: `Bearer ${t.emulator.apiKey}` },
    });
  }

  it('records a sign-in, a failed password, a sign-out and admin changes, each valid for the OpenAPI document', async () => {
    await expect(signIn(MAX.email, 'wrong-password')).rejects.toThrow();
    const code = (await signIn(MAX.email, MAX.password)).searchParams.get('code') ?? '';
    const session = await t.workos.userManagement.authenticateWithCode({
      code,
      ipAddress: '203.0.113.9',
      userAgent: 'Gatehouse test',
    });
    const sid = JSON.parse(
      Buffer.from(session.accessToken.split('.')[1] ?? '', 'base64url').toString(),
    ).sid;
    await fetch(t.workos.userManagement.getLogoutUrl({ sessionId: sid }), { redirect: 'manual' });
    const [max] = (await t.workos.userManagement.listOrganizationMemberships({ userId: MAX.id }))
      .data;
    await t.workos.userManagement.updateOrganizationMembership(max?.id ?? '', {
      roleSlug: 'admin',
    });
    await t.workos.userManagement.sendInvitation({
      email: 'new@example.com',
      organizationId: EXAMPLE_CORP_ID,
    });

    const listed = await t.workos.events.listEvents({ events: ALL, limit: 100 });
    expect(listed.data.map((e) => e.event)).toEqual([
      'authentication.password_failed',
      'authentication.password_succeeded',
      'session.created',
      'session.revoked',
      'organization_membership.updated',
      'invitation.created',
    ]);
    const [failed, succeeded, created, revoked, updated] = listed.data;
    expect(failed?.data).toMatchObject({
      type: 'password',
      status: 'failed',
      userId: MAX.id,
      email: MAX.email,
    });
    expect(succeeded?.data).toMatchObject({
      status: 'succeeded',
      userId: MAX.id,
      ipAddress: '127.0.0.1',
    });
    expect(created?.data).toMatchObject({
      id: sid,
      userId: MAX.id,
      organizationId: EXAMPLE_CORP_ID,
      authMethod: 'password',
      status: 'active',
      ipAddress: '203.0.113.9',
      userAgent: 'Gatehouse test',
    });
    expect(revoked?.data).toMatchObject({ id: sid, status: 'revoked' });
    expect(updated?.context).toEqual({ previous_attributes: { role: { slug: 'member' } } });
    const body = (await raw(`events=${ALL.join(',')}&limit=100`)).json;
    expect(responseValidator('/events', 'get', '200')(body)).toEqual([]);
    for (const event of body['data'] as unknown[])
      expect(componentValidator('EventSchema')(event)).toEqual([]);
  });

  it('pages oldest first with an after cursor; new events appear after the last one processed', async () => {
    for (const email of [ADA.email, MAX.email, ADA.email]) await t.emulator.issueSession({ email });
    const first = await t.workos.events.listEvents({ events: ['session.created'], limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.listMetadata.after).toBe(first.data[1]?.id);
    const second = await t.workos.events.listEvents({
      events: ['session.created'],
      limit: 2,
      after: first.listMetadata.after ?? '',
    });
    expect(second.data).toHaveLength(1);
    expect(second.listMetadata.after).toBeNull();
    const cursor = second.data[0]?.id ?? '';
    expect(
      await t.workos.events.listEvents({ events: ['session.created'], after: cursor }),
    ).toMatchObject({ data: [] });
    await t.emulator.issueSession({ email: MAX.email });
    const next = await t.workos.events.listEvents({ events: ['session.created'], after: cursor });
    expect(next.data.map((e) => e.event)).toEqual(['session.created']);
    const newest = await t.workos.events.listEvents({
      events: ['session.created'],
      order: 'desc',
      limit: 1,
    });
    expect(newest.data[0]?.id).toBe(next.data[0]?.id);
  });

  it('filters by organization and time range, and forgets events after 30 days', async () => {
    await t.emulator.issueSession({ email: GRACE.email, organizationId: GLOBEX_ID });
    const start = t.now;
    t.now += 60_000;
    await t.emulator.issueSession({ email: ADA.email });
    const globex = await t.workos.events.listEvents({
      events: ['session.created'],
      organizationId: GLOBEX_ID,
    });
    expect(globex.data.map((e) => (e.data as { userId: string }).userId)).toEqual([GRACE.id]);
    const later = await t.workos.events.listEvents({
      events: ['session.created'],
      rangeStart: new Date(start + 1).toISOString(),
      rangeEnd: new Date(t.now + 1).toISOString(),
    });
    expect(later.data.map((e) => (e.data as { userId: string }).userId)).toEqual([ADA.id]);
    t.now += 30 * 24 * 3600 * 1000;
    expect((await t.workos.events.listEvents({ events: ['session.created'] })).data).toHaveLength(
      1,
    );
  });

  it('answers production errors: events required, bad dates, unknown organization, no API key', async () => {
    const missing = t.workos.events.listEvents({ events: [] });
    await expect(missing).rejects.toBeInstanceOf(UnprocessableEntityException);
    // The SDK turns `errors[].code` into its message.
    await expect(missing).rejects.toThrow(/required/);
    const none = await raw('limit=5');
    expect(none.json).toEqual({
      message: 'Validation failed.',
      errors: [{ field: 'events', code: 'required' }],
    });
    const badDate = await raw('events=session.created&range_start=yesterday');
    expect(badDate.status).toBe(422);
    expect(badDate.json).toEqual({
      message: 'Validation failed.',
      errors: [{ field: 'range_start', code: 'invalid_date' }],
    });
    expect(responseValidator('/events', 'get', '422')(badDate.json)).toEqual([]);
    const unknownOrg = t.workos.events.listEvents({
      events: ['session.created'],
      organizationId: 'org_01JNOPE000000000000000000',
    });
    await expect(unknownOrg).rejects.toBeInstanceOf(GenericServerException);
    await expect(unknownOrg).rejects.toMatchObject({ status: 400 });
    expect(
      responseValidator(
        '/events',
        'get',
        '400',
      )((await raw('events=session.created&organization_id=org_x')).json),
    ).toEqual([]);
    await expect(
      sdkFor(t.emulator, 'sk_test_wrong').events.listEvents({ events: ['session.created'] }),
    ).rejects.toBeInstanceOf(UnauthorizedException);
    // `events[]=` (other SDKs) works like the comma-joined list.
    await t.emulator.issueSession({ email: ADA.email });
    expect(
      (await raw('events[]=session.created&events[]=session.revoked')).json['data'],
    ).toHaveLength(1);
  });
});

describe('events across restarts and in webhooks', () => {
  let dir: string;
  let hook: Server;
  let bodies: string[];
  let hookUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'events-'));
    bodies = [];
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        bodies.push(body);
        res.end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks`;
  });
  afterAll(() => {
    hook.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a restart with the same data dir keeps the events; webhooks deliver the same event ids', async () => {
    const first = await createEmulator({
      port: 0,
      dataDir: dir,
      webhooks: [
        { url: hookUrl, secret: 'whsec_x', events: ['session.created', 'session.revoked'] },
      ],
    });
    const issued = await first.issueSession({ email: ADA.email });
    first.revokeSession(issued.sessionId);
    await first.flushWebhooks();
    const before = await sdkFor(first).events.listEvents({
      events: ['session.created', 'session.revoked'],
    });
    await first.close();
    const second = await createEmulator({ port: 0, dataDir: dir });
    try {
      const after = await sdkFor(second).events.listEvents({
        events: ['session.created', 'session.revoked'],
      });
      expect(after.data.map((e) => e.id)).toEqual(before.data.map((e) => e.id));
      expect(bodies.map((b) => (JSON.parse(b) as { id: string }).id)).toEqual(
        before.data.map((e) => e.id),
      );
    } finally {
      await second.close();
    }
  });
});
