import { EXAMPLE_CORP_ID, MAX, createEmulator, type Emulator } from '../src/index.js';
import { apiCall, call, type Reply } from './http.helpers.js';
import { componentValidator, responseValidator } from './openapi.helpers.js';

const INV = '/user_management/invitations';

/** Invitation responses, successes and errors, checked against the official WorkOS OpenAPI document. */
describe('invitation responses match the WorkOS OpenAPI document', () => {
  let emulator: Emulator;
  let pending: string;
  let revoked: string;
  let token: string;

  beforeAll(async () => {
    emulator = await createEmulator({ port: 0 });
    const a = await api('POST', INV, { email: 'a@example.com', organization_id: EXAMPLE_CORP_ID });
    const b = await api('POST', INV, { email: 'b@example.com', organization_id: EXAMPLE_CORP_ID });
    pending = String(a.json['id']);
    token = String(a.json['token']);
    revoked = String(b.json['id']);
    await api('POST', `${INV}/${revoked}/revoke`);
  });
  afterAll(async () => {
    await emulator.close();
  });

  const api = (method: string, path: string, body?: unknown): Promise<Reply> =>
    apiCall(emulator, method, path, body);

  type Row = [string, string, () => string, unknown, number, string];
  const rows: Row[] = [
    [
      'send',
      'POST',
      () => INV,
      { email: 'c@example.com', organization_id: EXAMPLE_CORP_ID, expires_in_days: 3 },
      201,
      INV,
    ],
    [
      'send a duplicate',
      'POST',
      () => INV,
      { email: 'a@example.com', organization_id: EXAMPLE_CORP_ID },
      400,
      INV,
    ],
    [
      'send to a member',
      'POST',
      () => INV,
      { email: MAX.email, organization_id: EXAMPLE_CORP_ID },
      400,
      INV,
    ],
    [
      'send with 0 days',
      'POST',
      () => INV,
      { email: 'd@example.com', expires_in_days: 0 },
      400,
      INV,
    ],
    [
      'send to an unknown organization',
      'POST',
      () => INV,
      { email: 'd@example.com', organization_id: 'org_x' },
      404,
      INV,
    ],
    ['send without email', 'POST', () => INV, {}, 422, INV],
    [
      'send with a fractional validity',
      'POST',
      () => INV,
      { email: 'd@example.com', expires_in_days: 1.5 },
      422,
      INV,
    ],
    ['list', 'GET', () => `${INV}?organization_id=${EXAMPLE_CORP_ID}&limit=1`, undefined, 200, INV],
    ['list with a bad limit', 'GET', () => `${INV}?limit=0`, undefined, 422, INV],
    ['get', 'GET', () => `${INV}/${pending}`, undefined, 200, `${INV}/{id}`],
    ['get an unknown one', 'GET', () => `${INV}/invitation_x`, undefined, 404, `${INV}/{id}`],
    [
      'find by token',
      'GET',
      () => `${INV}/by_token/${token}`,
      undefined,
      200,
      `${INV}/by_token/{token}`,
    ],
    [
      'find by an unknown token',
      'GET',
      () => `${INV}/by_token/nope`,
      undefined,
      404,
      `${INV}/by_token/{token}`,
    ],
    ['resend', 'POST', () => `${INV}/${pending}/resend`, {}, 200, `${INV}/{id}/resend`],
    [
      'resend a revoked one',
      'POST',
      () => `${INV}/${revoked}/resend`,
      {},
      400,
      `${INV}/{id}/resend`,
    ],
    [
      'resend an unknown one',
      'POST',
      () => `${INV}/invitation_x/resend`,
      {},
      404,
      `${INV}/{id}/resend`,
    ],
    [
      'resend with a bad locale',
      'POST',
      () => `${INV}/${pending}/resend`,
      { locale: 'xx' },
      422,
      `${INV}/{id}/resend`,
    ],
    [
      'revoke a revoked one',
      'POST',
      () => `${INV}/${revoked}/revoke`,
      undefined,
      400,
      `${INV}/{id}/revoke`,
    ],
    ['revoke', 'POST', () => `${INV}/${pending}/revoke`, undefined, 200, `${INV}/{id}/revoke`],
  ];

  it.each(rows)('%s', async (_name, method, path, body, status, specPath) => {
    const reply = await api(method, path(), body);
    expect(reply.status).toBe(status);
    expect(responseValidator(specPath, method.toLowerCase(), String(status))(reply.json)).toEqual(
      [],
    );
  });

  it('a repeated Idempotency-Key returns the first invitation and creates no second one', async () => {
    const send = () =>
      call(emulator, INV, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${emulator.apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': 'retry-7a4c',
        },
        body: JSON.stringify({ email: 'once@example.com' }),
      });
    const [first, second] = [await send(), await send()];
    expect(second.status).toBe(201);
    expect(second.json['id']).toBe(first.json['id']);
    const listed = await api('GET', `${INV}?email=once@example.com`);
    expect(listed.json['data']).toHaveLength(1);
  });

  it('a POST without a body but with a JSON content type (what revokeInvitation sends) is accepted', async () => {
    const sent = await api('POST', INV, { email: 'e@example.com' });
    const reply = await call(emulator, `${INV}/${String(sent.json['id'])}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(200);
    expect(componentValidator('UserlandUserInvite')(reply.json)).toEqual([]);
  });
});
