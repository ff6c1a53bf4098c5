import { normalize, strings } from '@angular-devkit/core';
import {
  apply,
  applyTemplates,
  chain,
  mergeWith,
  SchematicsException,
  url,
  type Rule,
  type Tree,
} from '@angular-devkit/schematics';
import { RunSchematicTask } from '@angular-devkit/schematics/tasks/index.js';
import type { SyncClientsOptions } from '../sync-clients/index.js';
import { formatFiles } from './format.js';
import {
  accessRequirement,
  resourceNames,
  type AccessRequirement,
  type GuardedResourceOptions,
  type ResourceNames,
} from './options.js';
import { addModuleImport } from './register-module.js';

/**
 * `guarded-resource <name>`: writes the feature (module, controller, service, repository, DTOs)
 * and its e2e spec into the backend, adds the module to AppModule, then, once the files are on
 * disk, runs `sync-clients` (the BFF's route list, and the SPA service with --spa).
 */
export function guardedResource(options: GuardedResourceOptions): Rule {
  const names = resourceNames(options.name);
  const access = accessRequirement(options);
  const backend = options.backend ?? 'backend';
  const featureDir = `${backend}/src/${names.name}`;
  const specPath = `${backend}/test/${names.name}.e2e.spec.ts`;
  const appModule = `${backend}/src/app.module.ts`;
  const written = ['module', 'controller', 'service', 'repository', 'dto']
    .map((kind) => `${featureDir}/${names.name}.${kind}.ts`)
    .concat(specPath);

  return (tree, context) => {
    if (!tree.exists(appModule)) {
      throw new SchematicsException(
        `${appModule} not found: run the generator from the repository root (or pass --backend)`,
      );
    }
    for (const path of [featureDir, specPath]) {
      if (tree.exists(path) || tree.getDir(path).subfiles.length > 0) {
        throw new SchematicsException(`${path} already exists: pick another name`);
      }
    }
    const templates = apply(url('./files'), [
      applyTemplates({ ...strings, ...templateValues(names, access), backend, name: names.name }),
    ]);
    const rules: Rule[] = [mergeWith(templates)];
    if (!options.skipImport) rules.push(registerModule(appModule, names));
    rules.push(formatFiles(options.skipImport ? written : [...written, appModule]));
    if (!options.skipClients) {
      const sync: SyncClientsOptions = {
        name: names.name,
        spa: options.spa ?? false,
        backend,
        spaRoot: options.spaRoot ?? 'admin-spa',
      };
      context.addTask(new RunSchematicTask('sync-clients', sync));
    }
    return chain(rules);
  };
}

function registerModule(appModule: string, names: ResourceNames): Rule {
  return (tree: Tree) => {
    const source = tree.readText(appModule);
    const specifier = `./${names.name}/${names.name}.module.js`;
    tree.overwrite(
      normalize(appModule),
      addModuleImport(source, appModule, `${names.plural}Module`, specifier),
    );
  };
}

/** What the templates print besides the names: access rule, claims for the spec, wording. */
export function templateValues(names: ResourceNames, access: AccessRequirement) {
  const literal = (items: readonly string[]) => `[${items.map((i) => `'${i}'`).join(', ')}]`;
  const { permissions, roles } = access;
  const outsider = ['guest', 'visitor', 'outsider'].find((role) => !roles.includes(role)) ?? '';
  const allowed: string[] = [];
  if (permissions.length > 0) allowed.push(`permissions: ${literal(permissions.slice(0, 1))}`);
  if (roles.length > 0) allowed.push(`role: '${roles[0]}', roles: ${literal(roles.slice(0, 1))}`);
  const wording = [
    permissions.length > 0 ? `permission ${quoted(permissions)}` : '',
    roles.length > 0 ? `role ${quoted(roles)}` : '',
  ].filter((part) => part.length > 0);
  return {
    names,
    access,
    literal,
    authImports: [
      'CurrentUser',
      ...(permissions.length > 0 ? ['Permissions'] : []),
      ...(roles.length > 0 ? ['Roles'] : []),
    ].join(', '),
    accessText: `the ${wording.join(' and the ')}`,
    allowedClaims: allowed.join(', '),
    forbiddenClaims: `role: '${outsider}', roles: ['${outsider}'], permissions: []`,
  };
}

/** `['a', 'b']` -> "`a` or `b`". */
function quoted(items: readonly string[]): string {
  return items.map((item) => `\`${item}\``).join(' or ');
}
