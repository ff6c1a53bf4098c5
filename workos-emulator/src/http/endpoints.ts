/** The emulated endpoints, as `<METHOD> <pattern>`; stats and faults use these names. */
export const ENDPOINTS = [
  'GET /health',
  'GET /user_management/authorize',
  'POST /user_management/authorize/sign-in',
  'POST /user_management/authenticate',
  'GET /sso/jwks/:clientId',
  'GET /user_management/sessions/logout',
  'POST /user_management/sessions/revoke',
  'GET /user_management/users',
  'GET /user_management/users/external_id/:externalId',
  'GET /user_management/users/:id',
  'GET /user_management/users/:id/sessions',
  'GET /user_management/organization_memberships',
  'POST /user_management/organization_memberships',
  'GET /user_management/organization_memberships/:id',
  'PUT /user_management/organization_memberships/:id',
  'DELETE /user_management/organization_memberships/:id',
  'PUT /user_management/organization_memberships/:id/deactivate',
  'PUT /user_management/organization_memberships/:id/reactivate',
  'GET /user_management/invitations',
  'POST /user_management/invitations',
  'GET /user_management/invitations/by_token/:token',
  'GET /user_management/invitations/:id',
  'POST /user_management/invitations/:id/revoke',
  'POST /user_management/invitations/:id/resend',
  'GET /organizations',
  'GET /organizations/external_id/:externalId',
  'GET /organizations/:id',
  'GET /authorization/organizations/:organizationId/roles',
  'GET /authorization/organizations/:organizationId/roles/:slug',
  'GET /events',
  'POST /audit_logs/events',
] as const;

/** One of {@link ENDPOINTS}, or `UNMATCHED` for anything else. */
export type EndpointName = (typeof ENDPOINTS)[number] | 'UNMATCHED';

const MATCHERS = ENDPOINTS.map((name) => {
  const [method = '', pattern = ''] = name.split(' ');
  const regex = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}/?$`);
  return { name, method, pattern, regex };
});

/** Names the endpoint a request hits (HEAD counts as GET). */
export function endpointOf(method: string, path: string): EndpointName {
  const m = method === 'HEAD' ? 'GET' : method;
  return MATCHERS.find((x) => x.method === m && x.regex.test(path))?.name ?? 'UNMATCHED';
}

/** Whether a fault's `route` selects this request: an endpoint name, its pattern, or the concrete path. */
export function routeMatches(route: string, method: string, path: string): boolean {
  const endpoint = endpointOf(method, path);
  if (route === endpoint || route === path) return true;
  return endpoint !== 'UNMATCHED' && route === endpoint.slice(endpoint.indexOf(' ') + 1);
}
