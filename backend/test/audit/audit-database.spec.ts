import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditDatabase } from '../../src/audit/database/audit-database.js';
import { DataDirLockedError, lockDataDir } from '../../src/audit/database/embedded-dir-lock.js';
import { AuditMigrationError } from '../../src/audit/database/migrate.js';
import { AUDIT_MIGRATIONS } from '../../src/audit/database/migrations/index.js';
import { AuditUnavailableError } from '../../src/audit/audit-unavailable.error.js';
import { quiet } from './support/audit-events.js';
import { storesUnderTest } from './support/stores-under-test.js';

describe.each(storesUnderTest())('migrations on $name', (store) => {
  beforeAll(() => store.setUp(), 180_000);
  afterAll(() => store.tearDown());

  it('applies the migrations once, and a backend that does not migrate refuses an old schema', async () => {
    await expect(AuditDatabase.open(store.config(), quiet, { migrate: false })).rejects.toThrow(
      AuditMigrationError,
    );

    const first = await AuditDatabase.open(store.config(), quiet);
    await first.close();
    const checked = await AuditDatabase.open(store.config(), quiet, { migrate: false });
    await checked.close();
    const again = await AuditDatabase.open(store.config(), quiet);
    await again.close();

    expect(first.appliedMigrations).toEqual(Object.keys(AUDIT_MIGRATIONS));
    expect(checked.appliedMigrations).toEqual([]);
    expect(again.appliedMigrations).toEqual([]);
  }, 90_000);
});

describe('the embedded data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-audit-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one holder at a time open a directory', async () => {
    const dataDir = join(dir, 'audit');
    const release = await lockDataDir(dataDir, quiet);

    await expect(lockDataDir(dataDir, quiet, { waitForStale: false })).rejects.toBeInstanceOf(
      DataDirLockedError,
    );
    await release();
    const again = await lockDataDir(dataDir, quiet, { waitForStale: false });
    await again();
  });
});

describe('a PGlite directory that cannot be opened', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-audit-broken-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails the open in the PGlite thread, not the process, and releases the directory', async () => {
    const dataDir = join(dir, 'audit');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'PG_VERSION'), '99\n');

    await expect(AuditDatabase.open({ kind: 'pglite', dataDir }, quiet)).rejects.toThrow();
    const release = await lockDataDir(dataDir, quiet, { waitForStale: false });
    await release();
  });
});

describe('a closed or disabled store', () => {
  it('answers AuditUnavailableError instead of a query builder', async () => {
    const disabled = await AuditDatabase.open({ kind: 'disabled', reason: 'test' }, quiet);
    expect(() => disabled.db).toThrow(AuditUnavailableError);
  });
});
