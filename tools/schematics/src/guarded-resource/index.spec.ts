import {
  SchematicTestRunner,
  type UnitTestTree,
} from '@angular-devkit/schematics/testing/index.js';
import { HostTree } from '@angular-devkit/schematics';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');
const collection = join(import.meta.dirname, '..', '..', 'collection.json');
const runner = new SchematicTestRunner('@gatehouse/schematics', collection);

/** A tree holding what the schematic reads: the real AppModule and Prettier settings. */
function workspace(): HostTree {
  const tree = new HostTree();
  for (const path of ['backend/src/app.module.ts', '.prettierrc.json', 'bff/package.json']) {
    tree.create(path, readFileSync(join(repoRoot, path)));
  }
  return tree;
}

function generate(options: Record<string, unknown>, tree = workspace()): Promise<UnitTestTree> {
  return runner.runSchematic('guarded-resource', { name: 'reports', ...options }, tree);
}

describe('guarded-resource', () => {
  it('writes the feature folder and its e2e spec', async () => {
    const tree = await generate({ permissions: 'reports:read' });
    expect(tree.files.filter((f) => f.includes('reports')).sort()).toEqual([
      '/backend/src/reports/reports.controller.ts',
      '/backend/src/reports/reports.dto.ts',
      '/backend/src/reports/reports.module.ts',
      '/backend/src/reports/reports.repository.ts',
      '/backend/src/reports/reports.service.ts',
      '/backend/test/reports.e2e.spec.ts',
    ]);
  });

  it('guards the controller with the permissions and roles asked for', async () => {
    const tree = await generate({ permissions: 'reports:read, reports:manage', roles: 'admin' });
    const controller = tree.readText('/backend/src/reports/reports.controller.ts');
    expect(controller).toContain("@Permissions({ anyOf: ['reports:read', 'reports:manage'] })");
    expect(controller).toContain("@Roles({ anyOf: ['admin'] })");
    expect(controller).toContain(
      "import { CurrentUser, Permissions, Roles } from '../auth/index.js';",
    );
    expect(controller).toContain("@CurrentUser('organizationId') organizationId: string | null");
    expect(controller).not.toMatch(/@(Query|Headers)\(/);
  });

  it('imports only the decorators it uses', async () => {
    const tree = await generate({ roles: 'auditor' });
    const controller = tree.readText('/backend/src/reports/reports.controller.ts');
    expect(controller).toContain("import { CurrentUser, Roles } from '../auth/index.js';");
    expect(controller).not.toContain('@Permissions');
  });

  it('writes an e2e spec whose allowed caller holds one of each, and whose forbidden one holds none', async () => {
    const tree = await generate({ permissions: 'reports:read', roles: 'guest,admin' });
    const spec = tree.readText('/backend/test/reports.e2e.spec.ts');
    expect(spec).toContain(
      "return { org_id, permissions: ['reports:read'], role: 'guest', roles: ['guest'] };",
    );
    expect(spec).toMatch(
      /const FORBIDDEN: TestClaims = \{\s+org_id: OWN_ORG,\s+role: 'visitor',\s+roles: \['visitor'\],\s+permissions: \[\],\s+\};/,
    );
    for (const status of ['401', '403', '404', '400', '201', '200']) expect(spec).toContain(status);
  });

  it('names classes after the resource, singular for one item', async () => {
    const tree = await generate({ name: 'audit-categories', permissions: 'audit:read' });
    const dto = tree.readText('/backend/src/audit-categories/audit-categories.dto.ts');
    expect(dto).toContain('export const createAuditCategoryRequestSchema =');
    expect(dto).toContain('export type CreateAuditCategoryRequest =');
    expect(dto).toContain('export const auditCategoryResponseSchema =');
    expect(dto).toContain('export type AuditCategoryResponse =');
    const module = tree.readText('/backend/src/audit-categories/audit-categories.module.ts');
    expect(module).toContain('export class AuditCategoriesModule');
    expect(tree.readText('/backend/src/app.module.ts')).toContain(
      "import { AuditCategoriesModule } from './audit-categories/audit-categories.module.js';",
    );
  });

  it('registers the module in AppModule.forRoot, formatted as Prettier would', async () => {
    const tree = await generate({ permissions: 'reports:read' });
    const appModule = tree.readText('/backend/src/app.module.ts');
    expect(appModule).toContain("import { ReportsModule } from './reports/reports.module.js';");
    expect(appModule).toMatch(/\n {8}ReportsModule,\n {6}\],/);
  });

  it('leaves AppModule alone with --skip-import', async () => {
    const tree = await generate({ permissions: 'reports:read', skipImport: true });
    const original = readFileSync(join(repoRoot, 'backend/src/app.module.ts'), 'utf8');
    expect(tree.readText('/backend/src/app.module.ts')).toBe(original);
  });

  it('schedules sync-clients after writing, unless --skip-clients', async () => {
    await generate({ permissions: 'reports:read', spa: true });
    expect(runner.tasks.map((task) => task.options)).toContainEqual(
      expect.objectContaining({
        name: 'sync-clients',
        options: { name: 'reports', spa: true, backend: 'backend', spaRoot: 'admin-spa' },
      }),
    );
    await generate({ permissions: 'reports:read', skipClients: true });
    expect(runner.tasks).toEqual([]);
  });

  it.each([
    [{ permissions: '' }, /needs --permissions or --roles/],
    [{ permissions: "x'); evil('" }, /is not a valid permission/],
    [{ roles: 'admin role' }, /is not a valid role/],
    [{ name: 'Reports', permissions: 'a' }, /Reports/],
  ])('refuses %p', async (options, message) => {
    await expect(generate(options)).rejects.toThrow(message);
  });

  it('refuses to overwrite an existing feature', async () => {
    const tree = workspace();
    tree.create('backend/src/reports/reports.service.ts', 'export {};\n');
    await expect(generate({ permissions: 'reports:read' }, tree)).rejects.toThrow(
      'backend/src/reports already exists',
    );
  });

  it('explains where to run it when there is no AppModule', async () => {
    await expect(generate({ permissions: 'a' }, new HostTree())).rejects.toThrow(
      'run the generator from the repository root',
    );
  });
});
