import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEFAULT_REDIS_URL, devStackOptions, StackConfigError } from './dev-options.js';

describe('devStackOptions', () => {
  const roots: string[] = [];
  const root = () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-root-'));
    roots.push(dir);
    return dir;
  };
  afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const log = () => undefined;

  it('runs one BFF on SQLite with emulator webhooks by default', () => {
    const options = devStackOptions(root(), {}, log);
    expect(options).toMatchObject({ bffInstances: 1, sessionStore: 'sqlite' });
    expect(options.redisUrl).toBeUndefined();
    expect(options.webhookSecret?.length).toBeGreaterThanOrEqual(32);
    expect(options.ports).toMatchObject({ backend: 3001, bff: 3000, bff2: 3002 });
  });

  it('exports the audit trail to WorkOS Audit Logs only with AUDIT_EXPORT_WORKOS=true', () => {
    expect(devStackOptions(root(), {}, log).auditExportWorkos).toBeUndefined();
    expect(devStackOptions(root(), { AUDIT_EXPORT_WORKOS: 'true' }, log).auditExportWorkos).toBe(
      true,
    );
  });

  it('refuses two parts on one port, and keeps the second BFF off the backend port', () => {
    expect(() => devStackOptions(root(), { BFF_PORT: '3001' }, log)).toThrow(
      new StackConfigError('backend and bff are both configured on port 3001'),
    );
    expect(() => devStackOptions(root(), { BFF2_PORT: '4100' }, log, ['--scale'])).toThrow(
      'emulator and bff2 are both configured on port 4100',
    );
    expect(devStackOptions(root(), { BFF2_PORT: '4100' }, log).ports.bff2).toBe(4100);
    expect(devStackOptions(root(), { BFF_PORT: '3100' }, log).ports.bff2).toBe(3101);
  });

  it('--scale or BFF_INSTANCES=2 → two BFFs on Redis (REDIS_URL, else the local default)', () => {
    expect(devStackOptions(root(), {}, log, ['--scale'])).toMatchObject({
      bffInstances: 2,
      sessionStore: 'redis',
      redisUrl: DEFAULT_REDIS_URL,
    });
    expect(
      devStackOptions(
        root(),
        { BFF_INSTANCES: '2', REDIS_URL: 'redis://10.0.0.5:6380/1', BFF_PORT: '4000' },
        log,
      ),
    ).toMatchObject({
      bffInstances: 2,
      redisUrl: 'redis://10.0.0.5:6380/1',
      ports: { bff: 4000, bff2: 4001 },
    });
    expect(devStackOptions(root(), { SESSION_STORE: 'redis' }, log)).toMatchObject({
      bffInstances: 1,
      sessionStore: 'redis',
    });
  });

  it('refuses what it cannot run, with the reason', () => {
    expect(() => devStackOptions(root(), { BFF_INSTANCES: '3' }, log)).toThrow(StackConfigError);
    expect(() => devStackOptions(root(), {}, log, ['--scael'])).toThrow(/unknown option --scael/);
    expect(() => devStackOptions(root(), { SESSION_STORE: 'sqlite' }, log, ['--scale'])).toThrow(
      /Redis/,
    );
    expect(() => devStackOptions(root(), { REDIS_URL: 'http://x' }, log, ['--scale'])).toThrow(
      /redis:\/\//,
    );
  });
});
