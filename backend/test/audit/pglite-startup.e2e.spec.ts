import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditStore } from '../../src/audit/audit-store.js';
import { createTestApp, createTestIssuer, type TestApp, type TestIssuer } from '../kit/index.js';
import { auditConfig } from './support/audit-test-config.js';

const USER = { sub: 'user_ada', org_id: 'org_01STARTUP' };

describe('a backend opening a new PGlite directory', () => {
  let issuer: TestIssuer;
  let parent: string;
  let app: TestApp | undefined;

  beforeAll(async () => {
    issuer = await createTestIssuer();
    parent = mkdtempSync(join(tmpdir(), 'gatehouse-audit-startup-'));
  });
  afterAll(async () => {
    await app?.close();
    await issuer?.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('keeps answering guarded requests while PGlite initialises the directory', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    // An empty directory: PGlite runs initdb, the slowest open there is.
    app = await createTestApp({
      issuer,
      audit: auditConfig({ kind: 'pglite', dataDir: join(parent, 'audit') }),
    });
    const store = app.app.get(AuditStore);
    const latencies: number[] = [];
    while (store.status().state === 'opening') {
      const sent = performance.now();
      const res = await app.as(USER).get('/admin/me');
      expect(res.status).toBe(200);
      latencies.push(performance.now() - sent);
      await sleep(20);
    }
    const openMs = performance.now() - started;
    delay.disable();

    expect(store.status().state).toBe('open');
    // Blocked by the initialisation, the event loop would stall for most of the open at once
    // (initdb is one synchronous run), and a request sent meanwhile would wait as long.
    const stallMs = delay.max / 1e6;
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    expect(stallMs).toBeLessThan(openMs / 4);
    expect(Math.max(...latencies)).toBeLessThan(openMs / 4);
  }, 120_000);
});
