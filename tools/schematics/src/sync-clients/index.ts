import type { Rule } from '@angular-devkit/schematics';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { formatTypeScript } from '../guarded-resource/format.js';
import { readOpenApiDocument } from './openapi.js';
import { renderSpaApi } from './spa-api.js';

/** What `guarded-resource` hands to `sync-clients` (schema.json). */
export interface SyncClientsOptions {
  readonly name: string;
  readonly spa: boolean;
  readonly backend: string;
  readonly spaRoot: string;
}

/**
 * Runs after `guarded-resource`'s files are on disk (a RunSchematicTask): regenerates the BFF's
 * route list with its own script (`npm run api-routes -w bff`, which builds the backend), and with
 * `spa` writes `<spaRoot>/src/app/features/<name>/<name>.api.ts` from the built backend's OpenAPI
 * document. Paths are relative to the working directory, the tree's root.
 */
export function syncClients(options: SyncClientsOptions): Rule {
  return async (tree, context) => {
    if (tree.exists('bff/package.json')) {
      context.logger.info('Regenerating the BFF route list: npm run api-routes -w bff');
      run('npm', ['run', 'api-routes', '-w', 'bff']);
    } else {
      context.logger.info(`No bff/ here: building ${options.backend} only`);
      run('npx', ['nx', 'run', 'backend:build', '--output-style=static']);
    }
    if (!options.spa) return;
    const path = `${options.spaRoot}/src/app/features/${options.name}/${options.name}.api.ts`;
    const document = await readOpenApiDocument(join(process.cwd(), options.backend));
    const text = await formatTypeScript(tree, path, renderSpaApi(document, options.name));
    if (tree.exists(path)) tree.overwrite(path, text);
    else tree.create(path, text);
  };
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}
