import {
  ApiRouteError,
  ApiRouteTable,
  renderRoutesModule,
  routesFromOpenApi,
} from './api-routes.js';

describe('ApiRouteTable', () => {
  const table = new ApiRouteTable([
    { method: 'GET', path: '/admin/me' },
    { method: 'GET', path: '/projects' },
    { method: 'POST', path: '/projects' },
    { method: 'GET', path: '/projects/{id}' },
    { method: 'DELETE', path: '/projects/{id}' },
    { method: 'GET', path: '/projects/{id}/members/{userId}' },
    { method: 'PUT', path: '/v1.2/things' },
  ]);
  const at = (path: string) => {
    const methods = table.methodsAt(path);
    return methods && [...methods].sort();
  };

  it('gives the methods of literal routes, GET implying HEAD', () => {
    expect(at('/admin/me')).toEqual(['GET', 'HEAD']);
    expect(at('/projects')).toEqual(['GET', 'HEAD', 'POST']);
    expect(at('/v1.2/things')).toEqual(['PUT']);
  });

  it('matches parameters as exactly one non-empty segment', () => {
    expect(at('/projects/42')).toEqual(['DELETE', 'GET', 'HEAD']);
    expect(at('/projects/42/members/u_1')).toEqual(['GET', 'HEAD']);
    expect(at('/projects/42/members')).toBeUndefined();
    expect(at('/projects/42/x')).toBeUndefined();
  });

  it('is undefined for unmapped paths, prefixes and extensions', () => {
    for (const path of ['/', '/admin', '/admin/me/x', '/admin/mee', '/health', '/v1x2/things']) {
      expect(at(path)).toBeUndefined();
    }
  });

  it('mirrors Express: case-insensitive literals, one trailing slash ignored', () => {
    expect(at('/Admin/ME')).toEqual(['GET', 'HEAD']);
    expect(at('/admin/me/')).toEqual(['GET', 'HEAD']);
    expect(at('/projects/42/')).toEqual(['DELETE', 'GET', 'HEAD']);
    expect(at('/admin/me//')).toBeUndefined();
  });

  it('refuses templates it cannot represent exactly', () => {
    for (const path of ['admin', '/a//b', '/a/{id', '/a/x{id}', '/a/:id', '/a/*', '/a/{id}.json']) {
      expect(() => new ApiRouteTable([{ method: 'GET', path }])).toThrow(ApiRouteError);
    }
    expect(() => new ApiRouteTable([{ method: 'FETCH', path: '/a' }])).toThrow(ApiRouteError);
  });
});

describe('routesFromOpenApi', () => {
  it('lists every operation, sorted, skipping non-method keys', () => {
    const doc = {
      openapi: '3.0.0',
      paths: {
        '/b': { post: {}, get: {}, parameters: [] },
        '/a/{id}': { delete: {}, summary: 'x' },
      },
    };
    expect(routesFromOpenApi(doc)).toEqual([
      { method: 'DELETE', path: '/a/{id}' },
      { method: 'GET', path: '/b' },
      { method: 'POST', path: '/b' },
    ]);
    expect(() => routesFromOpenApi({ openapi: '3.0.0' })).toThrow(ApiRouteError);
  });

  it('renders the generated module', () => {
    const source = renderRoutesModule([{ method: 'GET', path: '/admin/me' }]);
    expect(source).toContain(
      "export const BACKEND_API_ROUTES: readonly ApiRoute[] = [\n  { method: 'GET', path: '/admin/me' },\n];\n",
    );
  });
});
