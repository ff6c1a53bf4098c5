import type {
  SeedClient,
  SeedImpersonator,
  SeedMembership,
  SeedOrganization,
  SeedRole,
  SeedUser,
  SeedWebhook,
} from './seed.types.js';
import { isObj, type Obj, type SeedReader } from './seed.reader.js';

/** Parsers of one seed entity each; problems go to the reader. */
export function readClient(r: SeedReader, c: Obj, w: string): SeedClient {
  const name = r.optStr(c, 'name', w);
  const client: SeedClient = {
    id: r.str(c, 'id', w),
    apiKey: r.str(c, 'apiKey', w),
    redirectUris: r.strList(c, 'redirectUris', w, true),
    logoutReturnUris: r.strList(c, 'logoutReturnUris', w, false),
  };
  if (name !== null) client.name = name;
  for (const uri of [...client.redirectUris, ...client.logoutReturnUris]) {
    if (!URL.canParse(uri)) r.problem(`${w}: "${uri}" is not an absolute URL`);
  }
  return client;
}

export function readWebhook(r: SeedReader, h: Obj, w: string): SeedWebhook {
  const hook: SeedWebhook = { url: r.str(h, 'url', w), secret: r.str(h, 'secret', w) };
  if (hook.url && (!URL.canParse(hook.url) || !/^https?:$/.test(new URL(hook.url).protocol))) {
    r.problem(`${w}.url must be an absolute http(s) URL`);
  }
  if (h['events'] !== undefined) hook.events = r.strList(h, 'events', w, true);
  return hook;
}

export function readRole(r: SeedReader, o: Obj, w: string): SeedRole {
  const role: SeedRole = {
    slug: r.str(o, 'slug', w),
    permissions: r.strList(o, 'permissions', w, false),
  };
  const name = r.optStr(o, 'name', w);
  if (name !== null) role.name = name;
  const description = r.optStr(o, 'description', w);
  if (description !== null) role.description = description;
  return role;
}

export function readOrganization(r: SeedReader, o: Obj, w: string): SeedOrganization {
  const org: SeedOrganization = {
    id: r.str(o, 'id', w),
    name: r.str(o, 'name', w),
    entitlements: r.strList(o, 'entitlements', w, false),
    featureFlags: r.strList(o, 'featureFlags', w, false),
  };
  const domains = r.strList(o, 'domains', w, false);
  if (domains.length > 0) org.domains = domains.map((d) => d.toLowerCase());
  const externalId = r.optStr(o, 'externalId', w);
  if (externalId !== null) org.externalId = externalId;
  if (o['metadata'] !== undefined) org.metadata = r.strMap(o, 'metadata', w);
  const createdAt = r.date(o, 'createdAt', w);
  if (createdAt !== undefined) org.createdAt = createdAt;
  const requires = o['requires'];
  if (requires === 'sso' || requires === 'mfa') org.requires = requires;
  else if (requires !== undefined) r.problem(`${w}.requires must be "sso" or "mfa"`);
  return org;
}

function readMemberships(r: SeedReader, u: Obj, w: string): SeedMembership[] {
  if (u['memberships'] !== undefined && !Array.isArray(u['memberships'])) {
    r.problem(`${w}.memberships must be an array`);
  }
  return (Array.isArray(u['memberships']) ? (u['memberships'] as unknown[]) : []).map((m, j) => {
    const mw = `${w}.memberships[${j}]`;
    if (!isObj(m)) {
      r.problem(`${mw} must be an object`);
      return { organizationId: '', role: '' };
    }
    const membership: SeedMembership = {
      organizationId: r.str(m, 'organizationId', mw),
      role: r.str(m, 'role', mw),
    };
    const status = m['status'];
    if (status === 'active' || status === 'inactive' || status === 'pending')
      membership.status = status;
    else if (status !== undefined)
      r.problem(`${mw}.status must be "active", "inactive" or "pending"`);
    return membership;
  });
}

export function readUser(r: SeedReader, u: Obj, w: string): SeedUser {
  const emailVerified = u['emailVerified'];
  if (emailVerified !== undefined && typeof emailVerified !== 'boolean') {
    r.problem(`${w}.emailVerified must be a boolean`);
  }
  const user: SeedUser = {
    id: r.str(u, 'id', w),
    email: r.str(u, 'email', w).toLowerCase(),
    password: r.str(u, 'password', w),
    firstName: r.optStr(u, 'firstName', w),
    lastName: r.optStr(u, 'lastName', w),
    emailVerified: emailVerified !== false,
    profilePictureUrl: r.optStr(u, 'profilePictureUrl', w),
    externalId: r.optStr(u, 'externalId', w),
    locale: r.optStr(u, 'locale', w),
    metadata: r.strMap(u, 'metadata', w),
    memberships: readMemberships(r, u, w),
  };
  const createdAt = r.date(u, 'createdAt', w);
  if (createdAt !== undefined) user.createdAt = createdAt;
  return user;
}

export function readImpersonator(r: SeedReader, o: Obj, w: string): SeedImpersonator {
  return { email: r.str(o, 'email', w).toLowerCase(), name: r.str(o, 'name', w) };
}
