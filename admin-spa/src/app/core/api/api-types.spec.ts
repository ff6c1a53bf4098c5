/**
 * @jest-environment node
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const packageRoot = join(__dirname, '..', '..', '..', '..');

describe("the SPA's API types are the backend's", () => {
  it('equal what the backend OpenAPI document generates now (else run `npm run api-types` in admin-spa/)', () => {
    const generated = execFileSync(process.execPath, ['scripts/api-types.mjs', '--stdout'], {
      cwd: packageRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(generated).toContain("'/admin/me'");
    const committed = readFileSync(
      join(packageRoot, 'src/app/core/api/api-types.generated.ts'),
      'utf8',
    );
    expect(committed).toBe(generated);
  }, 60_000);
});
