import { decodeJwt } from 'jose';

/** The claims the BFF reads from a WorkOS access token. */
export interface AccessTokenClaims {
  readonly sid: string | undefined;
  readonly orgId: string | null;
  readonly role: string | null;
  readonly roles: string[];
  readonly permissions: string[];
  /** `exp` in ms, or undefined. */
  readonly expiresAt: number | undefined;
  /** `act.sub`: the impersonator's email while a WorkOS dashboard user impersonates; else null. */
  readonly actor: string | null;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * Decodes (does NOT verify) a WorkOS access token. The BFF received it straight from WorkOS over
 * TLS and the backend verifies it on every call; decoding is what lets logout work after the token
 * expired (workos-node#1174: `session.getLogoutUrl()` verifies and throws on an expired token).
 */
export function readClaims(accessToken: string): AccessTokenClaims | undefined {
  try {
    const c = decodeJwt(accessToken);
    const role = typeof c['role'] === 'string' ? c['role'] : null;
    const roles = strings(c['roles']);
    const act = c['act'];
    const actor =
      typeof act === 'object' && act !== null && typeof (act as { sub?: unknown }).sub === 'string'
        ? (act as { sub: string }).sub
        : null;
    return {
      sid: typeof c['sid'] === 'string' ? c['sid'] : undefined,
      orgId: typeof c['org_id'] === 'string' ? c['org_id'] : null,
      role,
      roles: roles.length > 0 ? roles : role ? [role] : [],
      permissions: strings(c['permissions']),
      expiresAt: typeof c.exp === 'number' ? c.exp * 1000 : undefined,
      actor,
    };
  } catch {
    return undefined;
  }
}
