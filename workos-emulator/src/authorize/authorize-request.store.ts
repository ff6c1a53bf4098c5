import type { Clock } from '../util/clock.js';
import { opaqueToken, prefixedId } from '../util/ids.js';

/** How long the sign-in page stays usable. */
export const AUTHORIZE_REQUEST_TTL_MS = 30 * 60 * 1000;

/** The validated parameters of one `GET /user_management/authorize`. */
export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  state: string | null;
  codeChallenge: string | null;
  loginHint: string | null;
  organizationId: string | null;
  screenHint: 'sign-in' | 'sign-up' | null;
}

/** A pending sign-in: its parameters, its CSRF token, and the user once they proved who they are. */
export interface AuthorizeRequest {
  id: string;
  csrfToken: string;
  /** The browser cookie value the request is bound to. */
  browserId: string;
  params: AuthorizeParams;
  expiresAt: number;
  /** Set after the password step when the user must still pick an organization. */
  authenticatedUserId: string | null;
}

/** Pending sign-ins, in memory. */
export class AuthorizeRequestStore {
  private readonly requests = new Map<string, AuthorizeRequest>();

  constructor(private readonly clock: Clock) {}

  create(params: AuthorizeParams, browserId: string): AuthorizeRequest {
    this.sweep();
    const request: AuthorizeRequest = {
      id: prefixedId('authreq', this.clock()),
      csrfToken: opaqueToken(32),
      browserId,
      params,
      expiresAt: this.clock() + AUTHORIZE_REQUEST_TTL_MS,
      authenticatedUserId: null,
    };
    this.requests.set(request.id, request);
    return request;
  }

  get(id: string): AuthorizeRequest | undefined {
    const request = this.requests.get(id);
    if (request !== undefined && request.expiresAt <= this.clock()) {
      this.requests.delete(id);
      return undefined;
    }
    return request;
  }

  delete(id: string): void {
    this.requests.delete(id);
  }

  clear(): void {
    this.requests.clear();
  }

  private sweep(): void {
    const now = this.clock();
    for (const [id, r] of this.requests) if (r.expiresAt <= now) this.requests.delete(id);
  }
}
