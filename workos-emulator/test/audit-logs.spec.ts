import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BadRequestException,
  NotFoundException,
  UnprocessableEntityException,
  type WorkOS,
} from '@workos-inc/node';
import { ADA, EXAMPLE_CORP_ID, createEmulator, type Emulator } from '../src/index.js';
import { call } from './http.helpers.js';
import { componentValidator, responseValidator } from './openapi.helpers.js';
import { sdkFor } from './sdk.helpers.js';

const EVENT = {
  action: 'member.role_changed',
  occurredAt: new Date('2026-03-01T10:00:00.000Z'),
  version: 1,
  actor: { id: ADA.id, type: 'user', name: 'Ada Admin', metadata: { role: 'admin' } },
  targets: [
    { id: 'om_01J', type: 'organization_membership', metadata: { from: 'member', to: 'admin' } },
  ],
  context: { location: '203.0.113.9', userAgent: 'Firefox/140' },
  metadata: { reason: 'promotion', seats: 3, audited: true },
};

const wire = (event: Record<string, unknown>) => ({ organization_id: EXAMPLE_CORP_ID, event });
const valid = {
  action: 'user.signed_in',
  occurred_at: '2026-03-01T10:00:00.000Z',
  actor: { id: 'user_1', type: 'user' },
  targets: [],
  context: { location: '1.1.1.1' },
};

/** The optional Audit Logs export: `workos.auditLogs.createEvent` against the emulator. */
describe('POST /audit_logs/events', () => {
  let emulator: Emulator;
  let workos: WorkOS;

  beforeAll(async () => {
    emulator = await createEmulator({ port: 0 });
    workos = sdkFor(emulator);
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.reset();
  });

  function api(body: unknown, key?: string) {
    return call(emulator, '/audit_logs/events', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${emulator.apiKey}`,
        'content-type': 'application/json',
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body: JSON.stringify(body),
    });
  }

  it('accepts and stores an event; the same Idempotency-Key stores it once', async () => {
    await workos.auditLogs.createEvent(EXAMPLE_CORP_ID, EVENT, { idempotencyKey: 'audit-1' });
    await workos.auditLogs.createEvent(EXAMPLE_CORP_ID, EVENT, { idempotencyKey: 'audit-1' });
    await workos.auditLogs.createEvent(EXAMPLE_CORP_ID, EVENT);
    const stored = emulator.auditLogEvents(EXAMPLE_CORP_ID);
    expect(stored).toHaveLength(2);
    expect(stored[0]?.event).toMatchObject({
      action: 'member.role_changed',
      occurred_at: '2026-03-01T10:00:00.000Z',
      actor: { id: ADA.id, type: 'user', name: 'Ada Admin' },
      context: { location: '203.0.113.9', user_agent: 'Firefox/140' },
    });
    const reply = await api(wire(valid), 'audit-2');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ success: true });
    expect(responseValidator('/audit_logs/events', 'post', '200')(reply.json)).toEqual([]);
  });

  it('answers production errors: missing fields 422, wrong ones 400, unknown organization 404', async () => {
    const missing = workos.auditLogs.createEvent(EXAMPLE_CORP_ID, {
      ...EVENT,
      action: undefined as unknown as string,
    });
    await expect(missing).rejects.toBeInstanceOf(UnprocessableEntityException);
    const { action: _action, ...noAction } = valid;
    const reply422 = await api(wire({ ...noAction, context: {} }));
    expect(reply422.json).toEqual({
      message: 'Validation failed.',
      errors: [
        { field: 'event.action', code: 'required' },
        { field: 'event.context.location', code: 'required' },
      ],
    });
    expect(responseValidator('/audit_logs/events', 'post', '422')(reply422.json)).toEqual([]);

    const wrong = await api(wire({ ...valid, targets: {}, occurred_at: 'yesterday' }));
    expect(wrong.status).toBe(400);
    expect(wrong.json).toEqual({
      message: 'Invalid Audit Log event.',
      code: 'invalid_audit_log_event',
      errors: [{ instancePath: '/occurred_at' }, { instancePath: '/targets' }],
    });
    expect(responseValidator('/audit_logs/events', 'post', '400')(wrong.json)).toEqual([]);
    const badMetadata = workos.auditLogs.createEvent(EXAMPLE_CORP_ID, {
      ...EVENT,
      metadata: { 'no spaces': 'x' },
    });
    await expect(badMetadata).rejects.toBeInstanceOf(BadRequestException);
    await expect(badMetadata).rejects.toMatchObject({ code: 'invalid_audit_log_event' });

    const unknown = workos.auditLogs.createEvent('org_01JNOPE000000000000000000', EVENT);
    await expect(unknown).rejects.toBeInstanceOf(NotFoundException);
    const reply404 = await api({ organization_id: 'org_x', event: valid });
    expect(responseValidator('/audit_logs/events', 'post', '404')(reply404.json)).toEqual([]);
    expect(emulator.auditLogEvents()).toEqual([]);
  });

  it.each([
    ['the full SDK shape', wire(valid), true],
    [
      'targets with metadata',
      wire({ ...valid, targets: [{ id: 't', type: 'x', metadata: { a: 1, b: true } }] }),
      true,
    ],
    ['no organization', { event: valid }, false],
    ['an actor without type', wire({ ...valid, actor: { id: 'u' } }), false],
    ['a numeric action', wire({ ...valid, action: 5 }), false],
    ['targets not an array', wire({ ...valid, targets: {} }), false],
    [
      '51 metadata keys',
      wire({
        ...valid,
        metadata: Object.fromEntries([...Array(51).keys()].map((i) => [`k${i}`, 'v'])),
      }),
      false,
    ],
    [
      'a metadata key of 41 characters',
      wire({ ...valid, metadata: { ['k'.repeat(41)]: 'v' } }),
      false,
    ],
    [
      'a metadata value of 501 characters',
      wire({ ...valid, metadata: { k: 'v'.repeat(501) } }),
      false,
    ],
    ['an object metadata value', wire({ ...valid, metadata: { k: { nested: true } } }), false],
    ['a fractional version', wire({ ...valid, version: 1.5 }), false],
    ['a date-only occurred_at', wire({ ...valid, occurred_at: '2026-03-01' }), false],
  ])('agrees with the OpenAPI request schema on %s', async (_name, body, expected) => {
    expect(componentValidator('AuditLogEventIngestionDto')(body).length === 0).toBe(expected);
    const reply = await api(body);
    expect(reply.status === 200).toBe(expected);
  });

  it('remembers keys across a restart with the same data dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    try {
      const first = await createEmulator({ port: 0, dataDir: dir });
      await sdkFor(first).auditLogs.createEvent(EXAMPLE_CORP_ID, EVENT, {
        idempotencyKey: 'restart-key',
      });
      await first.close();
      const second = await createEmulator({ port: 0, dataDir: dir });
      try {
        await sdkFor(second).auditLogs.createEvent(EXAMPLE_CORP_ID, EVENT, {
          idempotencyKey: 'restart-key',
        });
        expect(second.auditLogEvents()).toHaveLength(1);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
