import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import request from 'supertest';

import { type Harness, startHarness } from './support/harness.js';
import { testConfig } from './support/test-config.js';
import { Tripwire } from './support/tripwire.js';

const tripwire = new Tripwire();
let dist: string;
let h: Harness;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'gatehouse-spa-'));
  mkdirSync(join(dist, 'media'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html><body><app-root></app-root><script src="main-ABCDEFGH.js" type="module"></script></body></html>',
  );
  writeFileSync(join(dist, 'main-ABCDEFGH.js'), 'console.log("app")');
  writeFileSync(join(dist, 'styles-5INURTSO.css'), 'body{}');
  writeFileSync(join(dist, 'favicon.ico'), 'ico');
  writeFileSync(join(dist, 'chunk-Bh5-kiQk.js'), 'export {}');
  writeFileSync(join(dist, 'apple-touch-icon.png'), 'png');
  h = await startHarness({ config: testConfig({ SPA_DIST_DIR: dist }), tripwire });
});
afterAll(async () => {
  await h.close();
  rmSync(dist, { recursive: true, force: true });
  expect(tripwire.leaks()).toEqual([]);
});

describe('serving the admin-spa build', () => {
  it('index.html is no-store with a strict CSP (script-src self) and helmet headers', async () => {
    const res = await request(h.url).get('/').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<app-root>');
    expect(res.headers['cache-control']).toBe('no-store');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('hashed assets are immutable; other files revalidate', async () => {
    const js = await request(h.url).get('/main-ABCDEFGH.js');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await request(h.url).get('/styles-5INURTSO.css');
    expect(css.headers['cache-control']).toContain('immutable');
    const chunk = await request(h.url).get('/chunk-Bh5-kiQk.js');
    expect(chunk.headers['cache-control']).toContain('immutable');
    const ico = await request(h.url).get('/favicon.ico');
    expect(ico.headers['cache-control']).toBe('no-cache');
    const icon = await request(h.url).get('/apple-touch-icon.png');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('falls back to index.html for GET navigations outside /api and /auth', async () => {
    for (const path of ['/users', '/users/42/roles', '/signed-out?reason=logout']) {
      const res = await request(h.url).get(path).set('Accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<app-root>');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('does not fall back for missing files, /api, /auth or non-GET', async () => {
    expect((await request(h.url).get('/missing-ABCDEFGH.js')).status).toBe(404);
    const api = await request(h.url).get('/api/x').set('X-CSRF', '1');
    expect(api.status).toBe(401);
    const auth = await request(h.url).get('/auth/nope');
    expect(auth.status).toBe(404);
    expect(auth.body).toEqual({ error: 'not_found' });
    expect((await request(h.url).post('/users')).status).toBe(404);
  });
});
