import type { ApiRoute } from '../../src/proxy/api-routes.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The echo upstream's routes (see `echo-upstream.ts`) plus the backend's `/admin/*`, every method:
 * what the suites that proxy to the echo upstream call. The allow-list itself is tested with the
 * generated backend list in `api-routes.spec.ts`.
 */
export const TEST_API_ROUTES: readonly ApiRoute[] = [
  '/echo',
  '/slow',
  '/hang',
  '/status/{code}',
  '/set-cookie',
  '/leaky-headers',
  '/redirect',
  '/stream',
  '/cut',
  '/things',
  '/x',
  '/upload',
  '/json',
  '/files',
  '/ws',
  '/admin/me',
  '/admin/overview',
].flatMap((path) => METHODS.map((method) => ({ method, path })));
