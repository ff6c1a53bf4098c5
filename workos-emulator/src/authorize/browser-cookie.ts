import type { Request, Response } from 'express';
import { opaqueToken } from '../util/ids.js';

/** Cookie that ties a pending sign-in to the browser that started it (half of the CSRF protection). */
export const BROWSER_COOKIE = 'wos_emulator_browser';
const COOKIE_PATH = '/user_management/authorize';

/**
 * Reads one cookie. Hand-written (a cookie-parser dependency for one read-only lookup is not worth it); tolerant of
 * malformed headers, which simply yield undefined.
 */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.get('cookie');
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The browser id from the cookie, or a new one set on the response. */
export function browserId(req: Request, res: Response): string {
  const existing = readCookie(req, BROWSER_COOKIE);
  if (existing !== undefined && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) return existing;
  const id = opaqueToken(24);
  res.append(
    'Set-Cookie',
    `${BROWSER_COOKIE}=${id}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=86400`,
  );
  return id;
}
