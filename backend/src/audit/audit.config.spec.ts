import { resolve } from 'node:path';
import { loadAuditConfig } from './audit.config.js';

const BACKEND_DIR = resolve(import.meta.dirname, '..', '..');

describe('loadAuditConfig', () => {
  it('uses PostgreSQL when DATABASE_URL is set, whatever else is', () => {
    const { config } = loadAuditConfig({
      DATABASE_URL: 'postgres://audit:secret@db.internal:5432/gatehouse',
      AUDIT_DATA_DIR: '/var/lib/gatehouse/audit',
      AUDIT_DB_POOL_MAX: '20',
    });
    expect(config?.store).toEqual({
      kind: 'postgres',
      url: 'postgres://audit:secret@db.internal:5432/gatehouse',
      poolMax: 20,
    });
  });

  it('embeds PGlite in AUDIT_DATA_DIR, resolved from the backend package', () => {
    expect(loadAuditConfig({ AUDIT_DATA_DIR: '.data/audit' }).config?.store).toEqual({
      kind: 'pglite',
      dataDir: resolve(BACKEND_DIR, '.data/audit'),
    });
    expect(loadAuditConfig({ AUDIT_DATA_DIR: 'memory://' }).config?.store).toEqual({
      kind: 'pglite',
      dataDir: 'memory://',
    });
  });

  it('has defaults: 365 days, migrations at start, polling every 10 s, the trail off without a store', () => {
    expect(loadAuditConfig({})).toEqual({
      config: {
        store: { kind: 'disabled', reason: expect.stringContaining('AUDIT_DATA_DIR') },
        migrateOnStart: true,
        retentionDays: 365,
        denials: { flushIntervalMs: 5_000, maxKeys: 10_000 },
        events: { pollIntervalMs: 10_000 },
      },
      problems: [],
    });
  });

  it('reads the Events API poll interval; 0 switches polling off', () => {
    const interval = (value: string) =>
      loadAuditConfig({ AUDIT_EVENTS_POLL_SECONDS: value }).config?.events?.pollIntervalMs;
    expect(interval('3')).toBe(3_000);
    expect(interval('0')).toBe(0);
    expect(loadAuditConfig({ AUDIT_EVENTS_POLL_SECONDS: '-1' }).problems).toEqual([
      'AUDIT_EVENTS_POLL_SECONDS must be a whole number',
    ]);
    expect(loadAuditConfig({ AUDIT_EVENTS_POLL_SECONDS: '86401' }).problems).toEqual([
      'AUDIT_EVENTS_POLL_SECONDS must be between 0 and 86400',
    ]);
  });

  it('exports to WorkOS Audit Logs only with AUDIT_EXPORT_WORKOS=true and an API key', () => {
    expect(loadAuditConfig({ AUDIT_DATA_DIR: 'memory://' }).config?.workosExport).toBeUndefined();
    expect(
      loadAuditConfig({ AUDIT_EXPORT_WORKOS: 'true', WORKOS_API_KEY: 'sk_test_123456789' }).config
        ?.workosExport,
    ).toEqual({ pollIntervalMs: 2_000, retryBaseMs: 5_000, maxRetryMs: 600_000 });
    expect(loadAuditConfig({ AUDIT_EXPORT_WORKOS: 'true' }).problems).toEqual([
      'AUDIT_EXPORT_WORKOS=true needs WORKOS_API_KEY',
    ]);
    // Reported together with the other audit problems.
    expect(
      loadAuditConfig({ NODE_ENV: 'production', AUDIT_EXPORT_WORKOS: 'true' }).problems,
    ).toEqual([
      'DATABASE_URL or AUDIT_DATA_DIR is required in production',
      'AUDIT_EXPORT_WORKOS=true needs WORKOS_API_KEY',
    ]);
    expect(loadAuditConfig({ AUDIT_EXPORT_WORKOS: 'yes' }).problems).toEqual([
      'AUDIT_EXPORT_WORKOS must be true or false',
    ]);
  });

  it('requires a lasting store in production', () => {
    expect(loadAuditConfig({ NODE_ENV: 'production' }).problems).toEqual([
      'DATABASE_URL or AUDIT_DATA_DIR is required in production',
    ]);
    expect(
      loadAuditConfig({ NODE_ENV: 'production', AUDIT_DATA_DIR: 'memory://' }).problems,
    ).toEqual(['AUDIT_DATA_DIR must be a directory in production (memory:// keeps nothing)']);
  });

  it('lists every problem at once, never echoing the database URL', () => {
    const { config, problems } = loadAuditConfig({
      DATABASE_URL: 'mysql://root:hunter2@db/x',
      AUDIT_RETENTION_DAYS: '0',
      AUDIT_MIGRATE_ON_START: 'yes',
    });
    expect(config).toBeUndefined();
    expect(problems).toEqual([
      'DATABASE_URL must be a postgres:// or postgresql:// URL',
      'AUDIT_RETENTION_DAYS must be between 1 and 36500',
      'AUDIT_MIGRATE_ON_START must be true or false',
    ]);
    expect(problems.join(' ')).not.toContain('hunter2');
  });
});
