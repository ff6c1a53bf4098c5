/**
 * Every `@Public()` route, as `METHOD /path`. The route-coverage test fails when the set of public
 * routes differs from this list, so a new controller is guarded unless someone decides otherwise
 * here, in review. `/docs` (Swagger UI) is served outside the controllers and listed separately.
 */
export const PUBLIC_ROUTES: readonly string[] = ['GET /health', 'GET /health/ready'];

/** Paths mounted outside Nest controllers (no guard runs there); all public by design. */
export const PUBLIC_MOUNTS: readonly string[] = ['/docs', '/docs-json', '/docs-yaml'];
