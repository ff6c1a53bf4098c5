import { strings } from '@angular-devkit/core';
import { SchematicsException } from '@angular-devkit/schematics';
import pluralize from 'pluralize';

/** What `guarded-resource` accepts (schema.json); the Nest CLI's own options are ignored. */
export interface GuardedResourceOptions {
  readonly name: string;
  readonly permissions?: string;
  readonly roles?: string;
  readonly spa?: boolean;
  readonly skipImport?: boolean;
  readonly skipClients?: boolean;
  readonly backend?: string;
  readonly spaRoot?: string;
}

/** The names one resource name gives: `audit-logs` -> /audit-logs, AuditLogsController, AuditLog. */
export interface ResourceNames {
  /** Folder, file prefix and route: `audit-logs`. */
  readonly name: string;
  /** Class prefix: `AuditLogs` (AuditLogsModule, AuditLogsController...). */
  readonly plural: string;
  /** One item: `AuditLog` (AuditLogResponse, CreateAuditLogRequest). */
  readonly singular: string;
  /** One item in sentences: `audit log`. */
  readonly label: string;
  /** Several in sentences: `audit logs`. */
  readonly pluralLabel: string;
  /** The service's field in the controller: `auditLogs`. */
  readonly field: string;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Permission and role slugs as WorkOS writes them (`reports:read`, `billing-admin`). */
const SLUG = /^[A-Za-z0-9][A-Za-z0-9:._*-]*$/;

export function resourceNames(name: string): ResourceNames {
  if (!NAME.test(name)) {
    throw new SchematicsException(`"${name}" is not a kebab-case resource name (e.g. reports)`);
  }
  const singular = pluralize.singular(name);
  return {
    name,
    plural: strings.classify(name),
    singular: strings.classify(singular),
    label: singular.replaceAll('-', ' '),
    pluralLabel: name.replaceAll('-', ' '),
    field: strings.camelize(name),
  };
}

/** `"a:read, b:read"` -> `['a:read', 'b:read']`; refuses anything that is not a plain slug. */
export function slugList(value: string | undefined, what: string): string[] {
  const items = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  for (const item of items) {
    if (!SLUG.test(item)) throw new SchematicsException(`"${item}" is not a valid ${what}`);
  }
  return [...new Set(items)];
}

/** Who may call the resource: any of `permissions` and any of `roles` (both when both are set). */
export interface AccessRequirement {
  readonly permissions: string[];
  readonly roles: string[];
}

export function accessRequirement(options: GuardedResourceOptions): AccessRequirement {
  const access = {
    permissions: slugList(options.permissions, 'permission'),
    roles: slugList(options.roles, 'role'),
  };
  if (access.permissions.length === 0 && access.roles.length === 0) {
    throw new SchematicsException(
      'A guarded resource needs --permissions or --roles (or both): say who may call it',
    );
  }
  return access;
}
