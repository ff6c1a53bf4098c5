import { createHmac, type KeyObject } from 'node:crypto';

import { constantTimeEqual } from '../crypto/constant-time.js';

/**
 * The session id in a `Cookie` header, read exactly as express-session reads it (`getcookie`):
 * the first cookie named `name` (`cookie.parse`: pairs split on `;`, names and values trimmed, one
 * pair of double quotes removed, URI-decoded when valid), whose value is `s:` + the id + `.` + its
 * signature (`cookie-signature`: HMAC-SHA256 under one of `secrets`, base64 without padding).
 * Undefined for no cookie, an unsigned value or a signature no secret made. `secrets` as
 * `createSecretKey(Buffer.from(secret))`: the same HMAC key as the string, prepared once.
 */
export function signedSessionId(
  header: string | undefined,
  name: string,
  secrets: readonly KeyObject[],
): string | undefined {
  const raw = header === undefined ? undefined : cookieValue(header, name);
  if (!raw?.startsWith('s:')) return undefined;
  const signed = raw.slice(2);
  const id = signed.slice(0, signed.lastIndexOf('.'));
  for (const secret of secrets) {
    if (constantTimeEqual(`${id}.${signature(id, secret)}`, signed)) return id;
  }
  return undefined;
}

function signature(value: string, secret: KeyObject): string {
  return createHmac('sha256', secret).update(value).digest('base64').replace(/=+$/, '');
}

/** The first value of cookie `name` in a `Cookie` header (see {@link signedSessionId}). */
function cookieValue(header: string, name: string): string | undefined {
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1);
    }
    return decoded(value);
  }
  return undefined;
}

function decoded(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
