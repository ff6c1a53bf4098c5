// Writes src/proxy/api-routes.generated.ts from the backend's OpenAPI document: starts the built
// backend in-process (no identity provider needed to list routes), reads GET /docs-json and renders
// the route list. Run with `npm run api-routes` after changing the backend's controllers.
import { writeFileSync } from 'node:fs';

import { startBackend } from '@gatehouse/backend';

import { renderRoutesModule, routesFromOpenApi } from '../dist/proxy/api-routes.js';

const target = new URL('../src/proxy/api-routes.generated.ts', import.meta.url);
const backend = await startBackend({
  port: 0,
  env: { WORKOS_CLIENT_ID: 'client_route_listing', WORKOS_API_BASE_URL: 'http://127.0.0.1:9' },
  logLevel: 'silent',
});
try {
  const response = await fetch(`${backend.url}/docs-json`);
  if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
  const routes = routesFromOpenApi(await response.json());
  writeFileSync(target, renderRoutesModule(routes));
  console.log(`${routes.length} routes written to ${target.pathname}`);
} finally {
  await backend.close();
}
