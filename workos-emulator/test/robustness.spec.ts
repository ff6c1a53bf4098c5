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
  const bodies: [string, string][] = [
    ['application/json', '{'],
    ['application/json', 'null'],
    ['application/json', '[]'],
    ['application/json', '{"grant_type":{"$gt":""},"client_id":[],"code":null}'],
    ['application/json; charset=utf-16', '{}'],
    ['application/x-www-form-urlencoded', 'a=%ZZ&&=&request_id[]=1'],
    ['application/octet-stream', '\u0000\u0001'],
  ];

  it.each(paths)('%s survives malformed requests', async (path) => {
    const statuses: number[] = [];
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'HEAD']) {
      if (method === 'GET' || method === 'HEAD') {
        statuses.push(
          (await call(emulator, `${path}?client_id[]=x&session_id[a]=b&redirect_uri=%`, { method }))
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
              headers: { 'content-type': type, authorization: 'Bearer' },
            })
          ).status,
        );
      }
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect((await call(emulator, '/health')).status).toBe(200);
  });
});
