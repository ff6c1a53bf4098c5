import { endpointOf, routeMatches } from './endpoints.js';

describe('endpointOf / routeMatches', () => {
  it('names endpoints by method and pattern', () => {
    expect(endpointOf('POST', '/user_management/authenticate')).toBe(
      'POST /user_management/authenticate',
    );
    expect(endpointOf('GET', '/sso/jwks/client_1')).toBe('GET /sso/jwks/:clientId');
    expect(endpointOf('HEAD', '/health')).toBe('GET /health');
    expect(endpointOf('GET', '/user_management/authenticate')).toBe('UNMATCHED');
    expect(endpointOf('GET', '/sso/jwks/a/b')).toBe('UNMATCHED');
  });

  it('matches a fault route by endpoint name, pattern or concrete path', () => {
    expect(routeMatches('GET /sso/jwks/:clientId', 'GET', '/sso/jwks/c')).toBe(true);
    expect(routeMatches('/sso/jwks/:clientId', 'GET', '/sso/jwks/c')).toBe(true);
    expect(routeMatches('/sso/jwks/c', 'GET', '/sso/jwks/c')).toBe(true);
    expect(routeMatches('/sso/jwks/d', 'GET', '/sso/jwks/c')).toBe(false);
    expect(
      routeMatches('POST /user_management/authenticate', 'GET', '/user_management/authenticate'),
    ).toBe(false);
  });
});
