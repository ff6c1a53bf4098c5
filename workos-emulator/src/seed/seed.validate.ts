import {
  readClient,
  readImpersonator,
  readOrganization,
  readRole,
  readUser,
  readWebhook,
} from './seed.entities.js';
import { isObj, SeedReader } from './seed.reader.js';
import type { Seed } from './seed.types.js';

/** Thrown when a seed is not valid; `problems` lists every issue found. */
export class SeedError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid seed:\n- ${problems.join('\n- ')}`);
    this.name = 'SeedError';
  }
}

/** Checks that ids are unique and that memberships and the default role name what exists. */
function checkReferences(r: SeedReader, seed: Seed): void {
  r.unique(
    'client id',
    seed.clients.map((c) => c.id),
  );
  r.unique(
    'role slug',
    seed.roles.map((x) => x.slug),
  );
  r.unique(
    'organization id',
    seed.organizations.map((o) => o.id),
  );
  r.unique(
    'user id',
    seed.users.map((u) => u.id),
  );
  r.unique(
    'user email',
    seed.users.map((u) => u.email),
  );
  r.unique(
    'impersonator email',
    (seed.impersonators ?? []).map((i) => i.email),
  );
  const orgIds = new Set(seed.organizations.map((o) => o.id));
  const roleSlugs = new Set(seed.roles.map((x) => x.slug));
  for (const u of seed.users) {
    for (const m of u.memberships) {
      if (m.organizationId && !orgIds.has(m.organizationId))
        r.problem(`user ${u.id}: unknown organization "${m.organizationId}"`);
      if (m.role && !roleSlugs.has(m.role)) r.problem(`user ${u.id}: unknown role "${m.role}"`);
    }
    r.unique(
      `membership of ${u.id} in`,
      u.memberships.map((m) => m.organizationId),
    );
  }
  if (seed.defaultRole !== undefined && !roleSlugs.has(seed.defaultRole)) {
    r.problem(`defaultRole: unknown role "${seed.defaultRole}"`);
  }
}

/**
 * Hand-written validator (the emulator has no schema library and the seed is small): checks types, unique ids and
 * references, and returns a normalised deep copy.
 */
export function validateSeed(input: unknown): Seed {
  if (!isObj(input)) throw new SeedError(['the seed must be a JSON object']);
  const r = new SeedReader();
  const seed: Seed = {
    clients: r.list(input, 'clients').map((c, i) => readClient(r, c, `clients[${i}]`)),
    roles: r.list(input, 'roles').map((o, i) => readRole(r, o, `roles[${i}]`)),
    organizations: r
      .list(input, 'organizations')
      .map((o, i) => readOrganization(r, o, `organizations[${i}]`)),
    users: r.list(input, 'users').map((u, i) => readUser(r, u, `users[${i}]`)),
  };
  if (seed.clients.length === 0) r.problem('clients must contain at least one client');
  const webhooks = r
    .list(input, 'webhooks', false)
    .map((h, i) => readWebhook(r, h, `webhooks[${i}]`));
  if (webhooks.length > 0) seed.webhooks = webhooks;
  if (input['defaultRole'] !== undefined) seed.defaultRole = r.str(input, 'defaultRole', 'seed');
  if (input['impersonators'] !== undefined) {
    seed.impersonators = r
      .list(input, 'impersonators')
      .map((o, i) => readImpersonator(r, o, `impersonators[${i}]`));
  }
  checkReferences(r, seed);
  if (r.problems.length > 0) throw new SeedError(r.problems);
  return seed;
}
