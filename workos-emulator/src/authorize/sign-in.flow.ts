import type { Request, Response } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import type { SeedUser } from '../seed/seed.types.js';
import type { AuthorizeRequest } from './authorize-request.store.js';
import { PAGE_HEADERS } from './page.layout.js';
import { renderOrganizationChoice, renderSignInPage } from './sign-in.page.js';

/** The browser on the other side of the sign-in page, as production records it in events and sessions. */
export interface Browser {
  ipAddress: string | null;
  userAgent: string | null;
}

export function browserOf(req: Request): Browser {
  return { ipAddress: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 512) ?? null };
}

/** A string field of the posted form, else undefined. */
export function formField(req: Request, name: string): string | undefined {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

export function sendPage(res: Response, status: number, html: string): void {
  res.status(status).set(PAGE_HEADERS).send(html);
}

/** An impersonation started from the page: who, and why. */
export interface Impersonation {
  email: string;
  reason: string;
}

/**
 * How a sign-in on the page ends: the organization decision (requested, only, or chosen), the
 * `authentication.password_succeeded` / `_failed` events production records, and the redirect with a code.
 */
export class SignInFlow {
  constructor(private readonly ctx: EmulatorContext) {}

  /** The user proved who they are: pick the organization (or ask), then redirect with a code. */
  complete(res: Response, request: AuthorizeRequest, user: SeedUser, browser: Browser): void {
    const { directory } = this.ctx;
    const memberships = directory.activeMemberships(user.id);
    const requested = request.params.organizationId;
    if (requested !== null) {
      if (directory.roleOf(user.id, requested) === undefined) {
        const org = directory.organization(requested);
        const error = `${user.email} is not a member of ${org?.name ?? requested}.`;
        sendPage(res, 403, renderSignInPage(directory, request, { error, email: user.email }));
        return;
      }
      this.redirectWithCode(res, request, user, requested, browser);
    } else if (memberships.length > 1) {
      request.authenticatedUserId = user.id;
      sendPage(res, 200, renderOrganizationChoice(directory, request, user));
    } else {
      this.redirectWithCode(res, request, user, memberships[0]?.organizationId ?? null, browser);
    }
  }

  /** Issues the code and redirects; a password sign-in records `authentication.password_succeeded`. */
  redirectWithCode(
    res: Response,
    request: AuthorizeRequest,
    user: SeedUser,
    organizationId: string | null,
    browser: Browser,
    impersonation?: Impersonation,
  ): void {
    this.ctx.authorizeRequests.delete(request.id);
    if (impersonation === undefined) {
      this.recordAuthentication('succeeded', request, browser, user.email, user, organizationId);
    }
    const code = this.ctx.codes.issue({
      clientId: request.params.clientId,
      redirectUri: request.params.redirectUri,
      userId: user.id,
      organizationId,
      authenticationMethod: impersonation === undefined ? 'Password' : 'Impersonation',
      codeChallenge: request.params.codeChallenge,
      ...browser,
      impersonator: impersonation === undefined ? null : { ...impersonation },
    });
    const target = new URL(request.params.redirectUri);
    target.searchParams.set('code', code);
    if (request.params.state !== null) target.searchParams.set('state', request.params.state);
    res.redirect(302, target.toString());
  }

  /** A wrong password or unknown email: `authentication.password_failed` with `invalid_credentials`. */
  recordFailure(
    request: AuthorizeRequest,
    browser: Browser,
    email: string,
    user: SeedUser | undefined,
  ): void {
    const memberships = user === undefined ? [] : this.ctx.directory.activeMemberships(user.id);
    const organizationId =
      request.params.organizationId ??
      (memberships.length === 1 ? (memberships[0]?.organizationId ?? null) : null);
    this.recordAuthentication('failed', request, browser, email, user, organizationId);
  }

  private recordAuthentication(
    status: 'succeeded' | 'failed',
    request: AuthorizeRequest,
    browser: Browser,
    email: string,
    user: SeedUser | undefined,
    organizationId: string | null,
  ): void {
    const data: Record<string, unknown> = {
      type: 'password',
      status,
      ip_address: browser.ipAddress,
      user_agent: browser.userAgent,
      user_id: user?.id ?? null,
      email: email.trim().toLowerCase().slice(0, 320) || null,
    };
    if (status === 'failed')
      data['error'] = { code: 'invalid_credentials', message: 'Invalid credentials.' };
    this.ctx.events.record(`authentication.password_${status}`, data, {
      organizationId,
      context: { client_id: request.params.clientId },
    });
  }
}
