import { Router, type Request, type Response } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { HtmlError } from '../http/error.handler.js';
import type { SeedUser } from '../seed/seed.types.js';
import { safeEqual } from '../util/hash.js';
import { AuthorizeRedirectError, parseAuthorizeParams } from './authorize.params.js';
import type { AuthorizeRequest } from './authorize-request.store.js';
import { BROWSER_COOKIE, browserId, readCookie } from './browser-cookie.js';
import { PAGE_HEADERS } from './page.layout.js';
import { SIGN_IN_PATH, renderOrganizationChoice, renderSignInPage } from './sign-in.page.js';

const AUTHENTICATION_METHOD = 'Password';

function sendPage(res: Response, status: number, html: string): void {
  res.status(status).set(PAGE_HEADERS).send(html);
}

function formField(req: Request, name: string): string | undefined {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** `GET /user_management/authorize` (the hosted sign-in page) and the page's form target. */
export function authorizeRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const { directory } = ctx;

  router.get('/user_management/authorize', (req, res) => {
    try {
      const params = parseAuthorizeParams(directory, req.query);
      const request = ctx.authorizeRequests.create(params, browserId(req, res));
      sendPage(res, 200, renderSignInPage(directory, request));
    } catch (error) {
      if (!(error instanceof AuthorizeRedirectError)) throw error;
      res.redirect(302, error.location());
    }
  });

  /** Finishes the sign-in: a code for the redirect URI, or the organization choice. */
  function complete(res: Response, request: AuthorizeRequest, user: SeedUser): void {
    const memberships = directory.activeMemberships(user.id);
    let organizationId: string | null = null;
    if (request.params.organizationId !== null) {
      if (directory.roleOf(user.id, request.params.organizationId) === undefined) {
        const org = directory.organization(request.params.organizationId);
        sendPage(
          res,
          403,
          renderSignInPage(directory, request, {
            error: `${user.email} is not a member of ${org?.name ?? request.params.organizationId}.`,
            email: user.email,
          }),
        );
        return;
      }
      organizationId = request.params.organizationId;
    } else if (memberships.length === 1) {
      organizationId = memberships[0]?.organizationId ?? null;
    } else if (memberships.length > 1) {
      request.authenticatedUserId = user.id;
      request.authenticationMethod = AUTHENTICATION_METHOD;
      sendPage(res, 200, renderOrganizationChoice(directory, request, user));
      return;
    }
    redirectWithCode(res, request, user, organizationId);
  }

  function redirectWithCode(
    res: Response,
    request: AuthorizeRequest,
    user: SeedUser,
    organizationId: string | null,
  ): void {
    ctx.authorizeRequests.delete(request.id);
    const code = ctx.codes.issue({
      clientId: request.params.clientId,
      redirectUri: request.params.redirectUri,
      userId: user.id,
      organizationId,
      authenticationMethod: request.authenticationMethod ?? AUTHENTICATION_METHOD,
      codeChallenge: request.params.codeChallenge,
    });
    const target = new URL(request.params.redirectUri);
    target.searchParams.set('code', code);
    if (request.params.state !== null) target.searchParams.set('state', request.params.state);
    res.redirect(302, target.toString());
  }

  router.post(SIGN_IN_PATH, (req, res) => {
    const requestId = formField(req, 'request_id');
    const request = requestId === undefined ? undefined : ctx.authorizeRequests.get(requestId);
    if (request === undefined) {
      throw new HtmlError(
        400,
        'Sign-in expired',
        'This sign-in request is unknown or has expired. Start again from the application.',
      );
    }
    const csrf = formField(req, 'csrf_token') ?? '';
    const browser = readCookie(req, BROWSER_COOKIE) ?? '';
    if (!safeEqual(csrf, request.csrfToken) || !safeEqual(browser, request.browserId)) {
      throw new HtmlError(
        403,
        'Sign-in refused',
        'The form could not be verified (CSRF check failed). Start again from the application.',
      );
    }

    switch (formField(req, 'intent')) {
      case 'cancel': {
        ctx.authorizeRequests.delete(request.id);
        const cancelled = new AuthorizeRedirectError(
          request.params.redirectUri,
          request.params.state,
          'access_denied',
          'The user cancelled the sign-in.',
        );
        res.redirect(302, cancelled.location());
        return;
      }
      case 'one_click': {
        const user = directory.userByEmail(formField(req, 'sign_in_as') ?? '');
        if (user === undefined) {
          sendPage(
            res,
            400,
            renderSignInPage(directory, request, { error: 'Choose one of the listed users.' }),
          );
          return;
        }
        request.authenticationMethod = AUTHENTICATION_METHOD;
        complete(res, request, user);
        return;
      }
      case 'password': {
        const email = formField(req, 'email') ?? '';
        const user = directory.userByEmail(email);
        // Compare even for unknown emails, so both failures take the same path.
        const ok =
          safeEqual(formField(req, 'password') ?? '', user?.password ?? '\u0000no-user') &&
          user !== undefined;
        if (!ok || user === undefined) {
          sendPage(
            res,
            401,
            renderSignInPage(directory, request, { error: 'Incorrect email or password.', email }),
          );
          return;
        }
        request.authenticationMethod = AUTHENTICATION_METHOD;
        complete(res, request, user);
        return;
      }
      case 'choose_organization': {
        const user =
          request.authenticatedUserId === null
            ? undefined
            : directory.user(request.authenticatedUserId);
        if (user === undefined) {
          sendPage(res, 400, renderSignInPage(directory, request, { error: 'Sign in first.' }));
          return;
        }
        const organizationId = formField(req, 'organization_id') ?? '';
        if (directory.roleOf(user.id, organizationId) === undefined) {
          sendPage(
            res,
            400,
            renderOrganizationChoice(directory, request, user, 'Choose one of your organizations.'),
          );
          return;
        }
        redirectWithCode(res, request, user, organizationId);
        return;
      }
      default:
        sendPage(res, 400, renderSignInPage(directory, request, { error: 'Unknown action.' }));
    }
  });

  return router;
}
