import request from 'supertest';

import { type Harness, startHarness } from './support/harness.js';
import { testConfig } from './support/test-config.js';
import { Tripwire } from './support/tripwire.js';

const tripwire = new Tripwire();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    config: testConfig({ SPA_DIST_DIR: '/nonexistent-spa-build' }),
    tripwire,
  });
});
afterAll(() => h.close());

describe('GET /healthz', () => {
  it('answers JSON itself, not through the SPA fallback, and is never cached', async () => {
    const res = await request(h.url).get('/healthz').set('Accept', 'text/html');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
