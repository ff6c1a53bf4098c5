import type { Request } from 'express';

/**
 * The bearer token of `Authorization: Bearer <token>`, or undefined. Never reads the query string
 * or cookies. The scheme is case-insensitive (RFC 7235); a header with extra parts yields undefined.
 */
export function extractBearerToken(req: Pick<Request, 'headers'>): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  return match?.[1];
}
