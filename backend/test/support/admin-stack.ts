import {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  type SeededUserInfo,
} from '@gatehouse/workos-emulator';
import { WorkOS } from '@workos-inc/node';
import type { AuditConfig } from '../../src/audit/audit.config.js';
import { AuditStore } from '../../src/audit/audit-store.js';
import type { WorkosAdminConfig } from '../../src/workos/workos-admin.config.js';
import { auditConfig } from '../audit/support/audit-test-config.js';
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from '../audit/support/postgres-test-database.js';
import {
  createTestApp,
  createTestIssuer,
  type Caller,
  type TestApp,
  type TestClaims,
  type TestIssuer,
} from '../kit/index.js';

/** A running admin API test stack: the real backend, the kit's issuer and an in-process emulator. */
export interface AdminStack {
  readonly emulator: Emulator;
  readonly issuer: TestIssuer;
  readonly t: TestApp;
  /** An SDK client on the emulator, to read WorkOS state behind the backend's back. */
  readonly workos: WorkOS;
  /** Requests as a seeded user in one of their organizations, with that role's permissions. */
  as(user: SeededUserInfo, organizationId: string, claims?: TestClaims): Caller;
  /** The WorkOS membership id of a seeded user in an organization (ids change on `reset()`). */
  membershipId(user: SeededUserInfo, organizationId: string): Promise<string>;
  /** The claims {@link as} signs. */
  claimsFor(user: SeededUserInfo, organizationId: string, claims?: TestClaims): TestClaims;
  close(): Promise<void>;
}

/** Options of {@link startAdminStack}. */
export interface AdminStackOptions {
  /** Changes to the admin API settings (default: the emulator, no retries, 2 s per attempt). */
  readonly workosAdmin?: Partial<WorkosAdminConfig>;
  readonly emulator?: EmulatorOptions;
  /**
   * The audit trail; default a fresh database on the machine's PostgreSQL (what
   * `./gatehouse test` starts before the tests), dropped by `close()`.
   */
  readonly audit?: AuditConfig;
}

/** How long a suite's `beforeAll` may take (database creation and migrations included). */
export const STACK_START_TIMEOUT_MS = 60_000;

/**
 * Starts the emulator (default seed: Example Corp with Ada admin and Max member, Globex with
 * Grace admin, who is also a member of Example Corp) and a backend whose admin routes call it
 * with its API key. Tokens come from the kit's issuer, for the seeded users' real ids and
 * organizations, so every membership check the backend makes is answered by the emulator.
 */
export async function startAdminStack(options: AdminStackOptions = {}): Promise<AdminStack> {
  const emulator = await createEmulator({ port: 0, ...options.emulator });
  const issuer = await createTestIssuer({ clientId: emulator.clientId });
  let database: PostgresTestDatabase | null = null;
  let audit = options.audit;
  if (!audit) {
    database = await createPostgresTestDatabase();
    audit = auditConfig({ kind: 'postgres', url: database.url, poolMax: 4 });
  }
  const t = await createTestApp({
    issuer,
    audit,
    workosAdmin: {
      apiKey: emulator.apiKey,
      clientId: emulator.clientId,
      apiBaseUrl: emulator.url,
      timeoutMs: 2_000,
      maxRetries: 0,
      ...options.workosAdmin,
    },
  });
  // The store opens in the background; the first admin action would wait for it.
  if (database) await t.app.get(AuditStore).repositories();
  const workos = new WorkOS(emulator.apiKey, {
    clientId: emulator.clientId,
    apiHostname: '127.0.0.1',
    https: false,
    port: emulator.port,
    maxRetries: 0,
  });
  const claimsFor = (user: SeededUserInfo, organizationId: string, claims: TestClaims = {}) => {
    const role = user.roles[organizationId];
    if (role === undefined) throw new Error(`${user.email} is not a member of ${organizationId}`);
    const permissions = emulator.seed.roles.find((r) => r.slug === role)?.permissions ?? [];
    return {
      sub: user.id,
      org_id: organizationId,
      role,
      roles: [role],
      permissions: [...permissions],
      ...claims,
    };
  };
  return {
    emulator,
    issuer,
    t,
    workos,
    claimsFor,
    as: (user, organizationId, claims) => t.as(claimsFor(user, organizationId, claims)),
    async membershipId(user, organizationId) {
      const list = await workos.userManagement.listOrganizationMemberships({
        organizationId,
        userId: user.id,
        statuses: ['active', 'inactive', 'pending'],
      });
      const [membership] = list.data;
      if (!membership) throw new Error(`${user.email} has no membership in ${organizationId}`);
      return membership.id;
    },
    async close() {
      await t.close();
      await issuer.close();
      await emulator.close();
      await database?.drop();
    },
  };
}

/** Endpoints that only read or sign in, although some are POSTs. */
const NOT_WRITES = new Set([
  'POST /user_management/authenticate',
  'POST /user_management/authorize/sign-in',
]);

/** Calls the emulator received that can change WorkOS state (every method but GET, minus sign-in). */
export function writeCalls(emulator: Emulator): number {
  return Object.entries(emulator.stats().endpoints)
    .filter(([name]) => !name.startsWith('GET ') && !NOT_WRITES.has(name))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** The `data` array of a list answer. */
export function dataOf<T>(res: { body: unknown }): T[] {
  return (res.body as { data: T[] }).data;
}
