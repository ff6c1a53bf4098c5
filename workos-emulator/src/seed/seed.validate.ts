import type {
  Seed,
  SeedClient,
  SeedMembership,
  SeedOrganization,
  SeedRole,
  SeedUser,
  SeedWebhook,
} from './seed.types.js';

/** Thrown when a seed is not valid; `problems` lists every issue found. */
export class SeedError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid seed:\n- ${problems.join('\n- ')}`);
    this.name = 'SeedError';
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Hand-written validator (the emulator has no schema library and the seed is small): checks types, unique ids and
 * references, and returns a normalised deep copy.
 */
export function validateSeed(input: unknown): Seed {
  const problems: string[] = [];
  const str = (o: Obj, key: string, where: string): string => {
    const v = o[key];
    if (typeof v !== 'string' || v.length === 0)
      problems.push(`${where}.${key} must be a non-empty string`);
    return typeof v === 'string' ? v : '';
  };
  const optStr = (o: Obj, key: string, where: string): string | null => {
    const v = o[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') problems.push(`${where}.${key} must be a string or null`);
    return typeof v === 'string' ? v : null;
  };
  const strList = (o: Obj, key: string, where: string, required: boolean): string[] => {
    const v = o[key];
    if (v === undefined && !required) return [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      problems.push(`${where}.${key} must be an array of strings`);
      return [];
    }
    return [...v];
  };
  const list = (o: Obj, key: string): Obj[] => {
    const v = o[key];
    if (!Array.isArray(v)) {
      problems.push(`${key} must be an array`);
      return [];
    }
    return v.map((item, i) => {
      if (!isObj(item)) problems.push(`${key}[${i}] must be an object`);
      return isObj(item) ? item : {};
    });
  };

  if (!isObj(input)) throw new SeedError(['the seed must be a JSON object']);

  const clients: SeedClient[] = list(input, 'clients').map((c, i) => {
    const w = `clients[${i}]`;
    const name = optStr(c, 'name', w);
    const client: SeedClient = {
      id: str(c, 'id', w),
      apiKey: str(c, 'apiKey', w),
      redirectUris: strList(c, 'redirectUris', w, true),
      logoutReturnUris: strList(c, 'logoutReturnUris', w, false),
    };
    if (name !== null) client.name = name;
    for (const uri of [...client.redirectUris, ...client.logoutReturnUris]) {
      if (!URL.canParse(uri)) problems.push(`${w}: "${uri}" is not an absolute URL`);
    }
    return client;
  });
  if (clients.length === 0) problems.push('clients must contain at least one client');

  const webhooks: SeedWebhook[] = (
    input['webhooks'] === undefined ? [] : list(input, 'webhooks')
  ).map((h, i) => {
    const w = `webhooks[${i}]`;
    const hook = { url: str(h, 'url', w), secret: str(h, 'secret', w) };
    if (hook.url && (!URL.canParse(hook.url) || !/^https?:$/.test(new URL(hook.url).protocol))) {
      problems.push(`${w}.url must be an absolute http(s) URL`);
    }
    return hook;
  });

  const roles: SeedRole[] = list(input, 'roles').map((r, i) => {
    const w = `roles[${i}]`;
    const role: SeedRole = {
      slug: str(r, 'slug', w),
      permissions: strList(r, 'permissions', w, false),
    };
    const name = optStr(r, 'name', w);
    if (name !== null) role.name = name;
    return role;
  });

  const organizations: SeedOrganization[] = list(input, 'organizations').map((o, i) => {
    const w = `organizations[${i}]`;
    return {
      id: str(o, 'id', w),
      name: str(o, 'name', w),
      entitlements: strList(o, 'entitlements', w, false),
      featureFlags: strList(o, 'featureFlags', w, false),
    };
  });

  const users: SeedUser[] = list(input, 'users').map((u, i) => {
    const w = `users[${i}]`;
    const memberships: SeedMembership[] = (
      Array.isArray(u['memberships']) ? (u['memberships'] as unknown[]) : []
    ).map((m, j) => {
      const mw = `${w}.memberships[${j}]`;
      if (!isObj(m)) {
        problems.push(`${mw} must be an object`);
        return { organizationId: '', role: '' };
      }
      return { organizationId: str(m, 'organizationId', mw), role: str(m, 'role', mw) };
    });
    if (u['memberships'] !== undefined && !Array.isArray(u['memberships']))
      problems.push(`${w}.memberships must be an array`);
    const metadata = u['metadata'];
    if (
      metadata !== undefined &&
      (!isObj(metadata) || !Object.values(metadata).every((v) => typeof v === 'string'))
    ) {
      problems.push(`${w}.metadata must be an object of strings`);
    }
    const emailVerified = u['emailVerified'];
    if (emailVerified !== undefined && typeof emailVerified !== 'boolean')
      problems.push(`${w}.emailVerified must be a boolean`);
    const createdAt = optStr(u, 'createdAt', w);
    if (createdAt !== null && Number.isNaN(Date.parse(createdAt)))
      problems.push(`${w}.createdAt must be an ISO 8601 date`);
    const user: SeedUser = {
      id: str(u, 'id', w),
      email: str(u, 'email', w).toLowerCase(),
      password: str(u, 'password', w),
      firstName: optStr(u, 'firstName', w),
      lastName: optStr(u, 'lastName', w),
      emailVerified: emailVerified !== false,
      profilePictureUrl: optStr(u, 'profilePictureUrl', w),
      externalId: optStr(u, 'externalId', w),
      locale: optStr(u, 'locale', w),
      metadata: isObj(metadata) ? { ...(metadata as Record<string, string>) } : {},
      memberships,
    };
    if (createdAt !== null && !Number.isNaN(Date.parse(createdAt))) {
      user.createdAt = new Date(createdAt).toISOString();
    }
    return user;
  });

  const unique = (kind: string, values: string[]): void => {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) problems.push(`duplicate ${kind} "${v}"`);
      seen.add(v);
    }
  };
  unique(
    'client id',
    clients.map((c) => c.id),
  );
  unique(
    'role slug',
    roles.map((r) => r.slug),
  );
  unique(
    'organization id',
    organizations.map((o) => o.id),
  );
  unique(
    'user id',
    users.map((u) => u.id),
  );
  unique(
    'user email',
    users.map((u) => u.email),
  );

  const orgIds = new Set(organizations.map((o) => o.id));
  const roleSlugs = new Set(roles.map((r) => r.slug));
  for (const u of users) {
    for (const m of u.memberships) {
      if (m.organizationId && !orgIds.has(m.organizationId))
        problems.push(`user ${u.id}: unknown organization "${m.organizationId}"`);
      if (m.role && !roleSlugs.has(m.role)) problems.push(`user ${u.id}: unknown role "${m.role}"`);
    }
    unique(
      `membership of ${u.id} in`,
      u.memberships.map((m) => m.organizationId),
    );
  }

  if (problems.length > 0) throw new SeedError(problems);
  const seed: Seed = { clients, roles, organizations, users };
  if (webhooks.length > 0) seed.webhooks = webhooks;
  return seed;
}
