import { Router, type Request } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { HtmlError } from '../http/error.handler.js';
import { safeEqual } from '../util/hash.js';
import { AuthorizeRedirectError, parseAuthorizeParams } from './authorize.params.js';
import type { AuthorizeRequest } from './authorize-request.store.js';
import { BROWSER_COOKIE, browserId, readCookie } from './browser-cookie.js';
import { impersonate } from './impersonation.intent.js';
import { SignInFlow, browserOf, formField, sendPage } from './sign-in.flow.js';
import { SIGN_IN_PATH, renderOrganizationChoice, renderSignInPage } from './sign-in.page.js';

/** The pending sign-in a form post belongs to, after the CSRF checks (token and browser cookie). */
function verifiedRequest(ctx: EmulatorContext, req: Request): AuthorizeRequest {
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
  return request;
}

/** `GET /user_management/authorize` (the hosted sign-in page) and the page's form target. */
export function authorizeRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const { directory } = ctx;
  const flow = new SignInFlow(ctx);

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

  router.post(SIGN_IN_PATH, (req, res) => {
    const request = verifiedRequest(ctx, req);
    const browser = browserOf(req);
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
          const error = 'Choose one of the listed users.';
          sendPage(res, 400, renderSignInPage(directory, request, { error }));
          return;
        }
        flow.complete(res, request, user, browser);
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
          flow.recordFailure(request, browser, email, user);
          const error = 'Incorrect email or password.';
          sendPage(res, 401, renderSignInPage(directory, request, { error, email }));
          return;
        }
        flow.complete(res, request, user, browser);
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
          const error = 'Choose one of your organizations.';
          sendPage(res, 400, renderOrganizationChoice(directory, request, user, error));
          return;
        }
        flow.redirectWithCode(res, request, user, organizationId, browser);
        return;
      }
      case 'impersonate':
        impersonate(ctx, flow, req, res, request);
        return;
      default:
        sendPage(res, 400, renderSignInPage(directory, request, { error: 'Unknown action.' }));
    }
  });

  return router;
}
