import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** The installed PGlite version: a template is only reused by the same version. */
function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = join(dirname(entry), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

let template: Promise<string> | undefined;

/**
 * A PGlite data directory after initdb, before any migration, made once per machine and PGlite
 * version in the temp directory: initdb costs seconds, opening a copy a fraction of that. Built
 * under a unique name and renamed into place, so parallel suites never see half a directory.
 */
function templateDir(): Promise<string> {
  template ??= (async () => {
    const dir = join(tmpdir(), `gatehouse-audit-pglite-template-${pgliteVersion()}`);
    if (existsSync(join(dir, 'PG_VERSION'))) return dir;
    const building = mkdtempSync(`${dir}.building-`);
    const db = await PGlite.create(join(building, 'data'));
    await db.close();
    try {
      renameSync(join(building, 'data'), dir);
    } catch {
      // Another suite put its template in place first; both are the same empty cluster.
    }
    rmSync(building, { recursive: true, force: true });
    return dir;
  })();
  return template;
}

/** A new PGlite data directory (a copy of the template) under `parent`. */
export async function freshPgliteDir(parent: string): Promise<string> {
  const dir = mkdtempSync(join(parent, 'pglite-'));
  cpSync(await templateDir(), join(dir, 'data'), { recursive: true });
  return join(dir, 'data');
}
