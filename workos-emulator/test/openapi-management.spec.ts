import {
  ADA,
  EXAMPLE_CORP_ID,
  GLOBEX_ID,
  MAX,
  createEmulator,
  type Emulator,
} from '../src/index.js';
import { apiCall, type Reply } from './http.helpers.js';
import { responseValidator } from './openapi.helpers.js';

const NO_ORG = 'org_01JNOPE000000000000000000';
const NO_OM = 'om_01JNOPE0000000000000000000';
const OM = '/user_management/organization_memberships';

/**
 * Management responses, successes and errors alike, checked against the official WorkOS OpenAPI document: each row
 * is a request, the status production answers, and the document's path whose schema for that status must accept it.
 */
describe('management responses match the WorkOS OpenAPI document', () => {
  let emulator: Emulator;
  let maxMembership: string;
  let pendingMembership: string;

  beforeAll(async () => {
    emulator = await createEmulator({
      port: 0,
      editSeed: (seed) => {
        seed.users
          .find((u) => u.id === MAX.id)
          ?.memberships.push({
            organizationId: GLOBEX_ID,
            role: 'member',
            status: 'pending',
          });
      },
    });
    const list = await api('GET', `${OM}?user_id=${MAX.id}&statuses=active,pending`);
    const data = list.json['data'] as { id: string; status: string }[];
    maxMembership = data.find((m) => m.status === 'active')?.id ?? '';
    pendingMembership = data.find((m) => m.status === 'pending')?.id ?? '';
  });
  afterAll(async () => {
    await emulator.close();
  });

  const api = (method: string, path: string, body?: unknown): Promise<Reply> =>
    apiCall(emulator, method, path, body);

  type Row = [string, string, () => string, unknown, number, string];
  const rows: Row[] = [
    [
      'list memberships',
      'GET',
      () => `${OM}?organization_id=${EXAMPLE_CORP_ID}&limit=2`,
      undefined,
      200,
      OM,
    ],
    ['list without user or organization', 'GET', () => OM, undefined, 400, OM],
    [
      'list an unknown organization',
      'GET',
      () => `${OM}?organization_id=${NO_ORG}`,
      undefined,
      404,
      OM,
    ],
    [
      'list with a bad status',
      'GET',
      () => `${OM}?user_id=${ADA.id}&statuses=gone`,
      undefined,
      422,
      OM,
    ],
    ['get a membership', 'GET', () => `${OM}/${maxMembership}`, undefined, 200, `${OM}/{id}`],
    ['get an unknown membership', 'GET', () => `${OM}/${NO_OM}`, undefined, 404, `${OM}/{id}`],
    ['create one', 'POST', () => OM, { user_id: ADA.id, organization_id: GLOBEX_ID }, 201, OM],
    [
      'create over a pending one',
      'POST',
      () => OM,
      { user_id: MAX.id, organization_id: GLOBEX_ID },
      400,
      OM,
    ],
    [
      'create for an unknown organization',
      'POST',
      () => OM,
      { user_id: ADA.id, organization_id: NO_ORG },
      404,
      OM,
    ],
    [
      'create with an unknown role',
      'POST',
      () => OM,
      { user_id: ADA.id, organization_id: EXAMPLE_CORP_ID, role_slug: 'x' },
      422,
      OM,
    ],
    ['create without user_id', 'POST', () => OM, { organization_id: GLOBEX_ID }, 422, OM],
    [
      'change a role',
      'PUT',
      () => `${OM}/${maxMembership}`,
      { role_slug: 'admin' },
      200,
      `${OM}/{id}`,
    ],
    [
      'change to an unknown role',
      'PUT',
      () => `${OM}/${maxMembership}`,
      { role_slug: 'x' },
      422,
      `${OM}/{id}`,
    ],
    [
      'ask for multiple roles',
      'PUT',
      () => `${OM}/${maxMembership}`,
      { role_slugs: ['admin'] },
      422,
      `${OM}/{id}`,
    ],
    [
      'change an unknown membership',
      'PUT',
      () => `${OM}/${NO_OM}`,
      { role_slug: 'admin' },
      404,
      `${OM}/{id}`,
    ],
    [
      'deactivate',
      'PUT',
      () => `${OM}/${maxMembership}/deactivate`,
      {},
      200,
      `${OM}/{id}/deactivate`,
    ],
    [
      'deactivate a pending one',
      'PUT',
      () => `${OM}/${pendingMembership}/deactivate`,
      {},
      400,
      `${OM}/{id}/deactivate`,
    ],
    [
      'reactivate',
      'PUT',
      () => `${OM}/${maxMembership}/reactivate`,
      {},
      200,
      `${OM}/{id}/reactivate`,
    ],
    [
      'reactivate a pending one',
      'PUT',
      () => `${OM}/${pendingMembership}/reactivate`,
      {},
      400,
      `${OM}/{id}/reactivate`,
    ],
    [
      'reactivate an unknown one',
      'PUT',
      () => `${OM}/${NO_OM}/reactivate`,
      {},
      404,
      `${OM}/{id}/reactivate`,
    ],
    ['delete an unknown one', 'DELETE', () => `${OM}/${NO_OM}`, undefined, 404, `${OM}/{id}`],
    [
      'list users',
      'GET',
      () => `/user_management/users?organization_id=${EXAMPLE_CORP_ID}`,
      undefined,
      200,
      '/user_management/users',
    ],
    [
      'list users with a bad limit',
      'GET',
      () => '/user_management/users?limit=500',
      undefined,
      422,
      '/user_management/users',
    ],
    [
      'get an unknown user by external id',
      'GET',
      () => '/user_management/users/external_id/x',
      undefined,
      404,
      '/user_management/users/external_id/{external_id}',
    ],
    [
      'list organizations',
      'GET',
      () => '/organizations?domains=example.com',
      undefined,
      200,
      '/organizations',
    ],
    [
      'list organizations with a bad order',
      'GET',
      () => '/organizations?order=sideways',
      undefined,
      422,
      '/organizations',
    ],
    [
      'get an organization',
      'GET',
      () => `/organizations/${GLOBEX_ID}`,
      undefined,
      200,
      '/organizations/{id}',
    ],
    [
      'get an unknown organization',
      'GET',
      () => `/organizations/${NO_ORG}`,
      undefined,
      404,
      '/organizations/{id}',
    ],
    [
      'list roles',
      'GET',
      () => `/authorization/organizations/${EXAMPLE_CORP_ID}/roles`,
      undefined,
      200,
      '/authorization/organizations/{organizationId}/roles',
    ],
    [
      'list roles of an unknown organization',
      'GET',
      () => `/authorization/organizations/${NO_ORG}/roles`,
      undefined,
      404,
      '/authorization/organizations/{organizationId}/roles',
    ],
    [
      'get a role',
      'GET',
      () => `/authorization/organizations/${EXAMPLE_CORP_ID}/roles/admin`,
      undefined,
      200,
      '/authorization/organizations/{organizationId}/roles/{slug}',
    ],
    [
      'get an unknown role',
      'GET',
      () => `/authorization/organizations/${EXAMPLE_CORP_ID}/roles/x`,
      undefined,
      404,
      '/authorization/organizations/{organizationId}/roles/{slug}',
    ],
  ];

  it.each(rows)('%s', async (_name, method, path, body, status, specPath) => {
    const reply = await api(method, path(), body);
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(responseValidator(specPath, method.toLowerCase(), String(status))(reply.json)).toEqual(
      [],
    );
  });

  it('not-found bodies carry entity_not_found and the id; deleting answers an empty 200', async () => {
    expect((await api('GET', `${OM}/${NO_OM}`)).json).toEqual({
      code: 'entity_not_found',
      message: `Organization membership not found: '${NO_OM}'.`,
      entity_id: NO_OM,
    });
    emulator.reset();
    const created = await api('POST', OM, { user_id: ADA.id, organization_id: GLOBEX_ID });
    expect(created.status).toBe(201);
    const deleted = await api('DELETE', `${OM}/${String(created.json['id'])}`);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
  });
});
