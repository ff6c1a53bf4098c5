import { createEmulator, type Emulator } from '../src/index.js';
import { call } from './http.helpers.js';

/** Throws odd requests at every endpoint: each gets a 4xx (or a normal answer), never a 5xx, and the server lives on. */
describe('robustness', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await createEmulator({ port: 0, logError: () => undefined });
  });
  afterAll(async () => {
    await emulator.close();
  });

  // Public endpoints and the first API-key ones: swept without a usable key and with the API key.
  const paths = [
    '/user_management/authorize',
    '/user_management/authorize/sign-in',
    '/user_management/authenticate',
    '/sso/jwks/client_gatehouse_dev',
    '/sso/jwks/%E0%A4%A',
    '/user_management/sessions/logout',
    '/user_management/sessions/revoke',
    '/user_management/users/%00',
    '/health',
    '/__emulator/stats',
  ];
  // Management endpoints answer 401 before reading anything without a key: swept with the API key only.
  const managementPaths = [
    '/user_management/users',
    '/user_management/users/external_id/%FF',
    '/user_management/users/user_01JADAADMIN0000000000000/sessions',
    '/events',
    '/audit_logs/events',
    '/user_management/organization_memberships',
    '/user_management/organization_memberships/om_x',
    '/user_management/organization_memberships/om_x/deactivate',
    '/user_management/organization_memberships/om_x/reactivate',
    '/user_management/invitations',
    '/user_management/invitations/invitation_x',
    '/user_management/invitations/by_token/%2F',
    '/user_management/invitations/invitation_x/revoke',
    '/user_management/invitations/invitation_x/resend',
    '/organizations',
    '/organizations/org_x',
    '/organizations/external_id/x',
    '/authorization/organizations/org_01JEXAMPLECORP0000000000/roles',
    '/authorization/organizations/org_x/roles/admin',
  ];
  // Every odd query parameter the list endpoints read, in shapes they must refuse cleanly.
  const oddQuery =
    'client_id[]=x&session_id[a]=b&redirect_uri=%&limit=-1&order[]=x&after[a]=1&statuses=%00,,x' +
    '&organization_id[]=o&user_id=&domains[x]=1&email[]=a&events=&range_start=nope';
  const bodies: [string, string][] = [
    ['application/json', '{'],
    ['application/json', 'null'],
    ['application/json', '[]'],
    ['application/json', '{"grant_type":{"$gt":""},"client_id":[],"code":null}'],
    [
      'application/json',
      '{"user_id":{"$gt":""},"organization_id":[],"role_slug":5,"role_slugs":"x","email":7,' +
        '"expires_in_days":"ten","locale":{},"event":{"action":5,"actor":[],"targets":{},"occurred_at":"x"}}',
    ],
    ['application/json; charset=utf-16', '{}'],
    ['application/x-www-form-urlencoded', 'a=%ZZ&&=&request_id[]=1'],
    ['application/octet-stream', '\u0000\u0001'],
  ];

  // Without a usable key (401 before any parsing) and with the API key (every validator runs).
  it.each([
    ...paths.flatMap((path) => [[path, 'Bearer'] as const, [path, 'API key'] as const]),
    ...managementPaths.map((path) => [path, 'API key'] as const),
  ])('%s survives malformed requests (%s)', async (path, auth) => {
    const authorization = auth === 'Bearer' ? 'Bearer' : `Bearer ${emulator.apiKey}`;
    const statuses: number[] = [];
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'HEAD']) {
      if (method === 'GET' || method === 'HEAD') {
        statuses.push(
          (await call(emulator, `${path}?${oddQuery}`, { method, headers: { authorization } }))
            .status,
        );
        continue;
      }
      for (const [type, body] of bodies) {
        statuses.push(
          (
            await call(emulator, path, {
              method,
              body,
              headers: { 'content-type': type, authorization },
            })
          ).status,
        );
      }
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect((await call(emulator, '/health')).status).toBe(200);
  });
});
