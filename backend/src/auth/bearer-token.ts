import type { Request } from 'express';

/** Any JavaScript whitespace (the `\s` class): a token containing one is not a bearer token. */
const WHITESPACE = /\s/;
/** `'bearer'`, the scheme, compared case-insensitively. */
const SCHEME = 'bearer';
const SPACE = 0x20;
/** Setting this bit lower-cases an ASCII letter and changes no other character into one. */
const ASCII_LOWER = 0x20;

/**
 * The bearer token of `Authorization: Bearer <token>`, or undefined. Never reads the query string
 * or cookies. The scheme is case-insensitive (RFC 7235); a header with extra parts yields undefined.
 *
 * Accepts exactly what `/^Bearer +([^\s]+) *$/i` accepts (the spec checks the two agree), written
 * as a scan because it runs on every request and that expression's capture walks the whole token.
 */
export function extractBearerToken(req: Pick<Request, 'headers'>): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const length = header.length;
  if (length < SCHEME.length + 2) return undefined;
  for (let i = 0; i < SCHEME.length; i += 1) {
    if ((header.charCodeAt(i) | ASCII_LOWER) !== SCHEME.charCodeAt(i)) return undefined;
  }
  let start = SCHEME.length;
  if (header.charCodeAt(start) !== SPACE) return undefined;
  while (start < length && header.charCodeAt(start) === SPACE) start += 1;
  let end = length;
  while (end > start && header.charCodeAt(end - 1) === SPACE) end -= 1;
  if (end === start) return undefined;
  const token = header.slice(start, end);
  return WHITESPACE.test(token) ? undefined : token;
}
