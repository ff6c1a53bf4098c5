import { Router } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { requireApiKey } from '../http/api-key.middleware.js';
import { notFound } from '../http/errors.js';
import { jsonRoute } from '../http/json-route.js';
import { listParams, paginate } from '../http/list.js';
import { queryList, queryString } from '../http/query.js';
import type { SeedOrganization } from '../seed/seed.types.js';
import { organizationObject } from './organization.wire.js';

/**
 * `GET /organizations` (filters `domains` and `search`, a case-insensitive part of the name; cursor pages),
 * `GET /organizations/:id` and `GET /organizations/external_id/:external_id`. API key. Organizations come from the
 * seed and are read-only.
 */
export function organizationsRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const { directory } = ctx;
  const apiKey = requireApiKey(directory);
  const orgs = (): SeedOrganization[] => directory.seed.organizations;

  router.get(
    '/organizations',
    apiKey,
    jsonRoute((req) => {
      const params = listParams(req.query);
      const domains = queryList(req.query, 'domains')?.map((d) => d.toLowerCase());
      const search = queryString(req.query, 'search')?.toLowerCase();
      const matching = orgs()
        .filter((o) => domains === undefined || (o.domains ?? []).some((d) => domains.includes(d)))
        .filter((o) => search === undefined || o.name.toLowerCase().includes(search));
      const page = paginate(matching, params);
      return { status: 200, body: { ...page, data: page.data.map(organizationObject) } };
    }),
  );

  router.get(
    '/organizations/external_id/:externalId',
    apiKey,
    jsonRoute((req) => {
      const externalId = String(req.params['externalId']);
      const org = orgs().find((o) => o.externalId === externalId);
      if (org === undefined) throw notFound('Organization', externalId);
      return { status: 200, body: organizationObject(org) };
    }),
  );

  router.get(
    '/organizations/:id',
    apiKey,
    jsonRoute((req) => {
      const id = String(req.params['id']);
      const org = directory.organization(id);
      if (org === undefined) throw notFound('Organization', id);
      return { status: 200, body: organizationObject(org) };
    }),
  );

  return router;
}
