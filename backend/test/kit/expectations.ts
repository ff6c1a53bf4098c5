import type { Response } from 'supertest';
import type { AuthErrorCode } from '../../src/auth/auth-error.js';

/** Asserts a 401 with the typed code, the JSON shape and the RFC 6750 challenge. */
export function expectUnauthorized(res: Response, code: AuthErrorCode): void {
  expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({
    status: 401,
    code,
  });
  expect(res.body).toEqual({
    statusCode: 401,
    error: 'Unauthorized',
    code,
    message: expect.any(String),
  });
  const challenge = res.headers['www-authenticate'];
  if (code === 'token_missing') expect(challenge).toBe('Bearer');
  else expect(challenge).toMatch(/^Bearer error="invalid_token"/);
}

/** Asserts a 403 `insufficient_scope`. */
export function expectForbidden(res: Response): void {
  expect(res.status).toBe(403);
  expect(res.body).toMatchObject({ statusCode: 403, code: 'insufficient_scope' });
  expect(res.headers['www-authenticate']).toBe('Bearer error="insufficient_scope"');
}

/** Asserts a 503 `auth_unavailable`. */
export function expectAuthUnavailable(res: Response): void {
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({ statusCode: 503, code: 'auth_unavailable' });
}
