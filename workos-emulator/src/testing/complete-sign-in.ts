/** What {@link completeSignIn} signs in with. */
export interface CompleteSignInOptions {
  email: string;
  /** With a password the email + password form is used; without, the seeded user's one-click button. */
  password?: string;
  /** Picked on the organization choice when the user belongs to several organizations. */
  organizationId?: string;
  /**
   * Impersonate `email` instead of signing in as them: the page's "Impersonate a user" form, sent by the seeded
   * impersonator `by` with `reason` (`organizationId` picks the organization when the user has several).
   */
  impersonation?: { by: string; reason: string };
}

/** The sign-in page answered with something other than a redirect. */
export class SignInError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

function hidden(html: string, name: string): string | undefined {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return match?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The impersonation target (`<user id>|<organization id>`) offered for `email`, narrowed by `organizationId`. */
function impersonationTarget(html: string, email: string, organizationId?: string): string {
  const options = [...html.matchAll(/<option value="([^"|]*\|[^"]*)">([^<]*)<\/option>/g)]
    .filter((m) => (m[2] ?? '').includes(`(${email.toLowerCase()})`))
    .map((m) => m[1] ?? '')
    .filter((value) => organizationId === undefined || value.endsWith(`|${organizationId}`));
  if (options.length !== 1) {
    throw new SignInError(
      200,
      `${email}: ${options.length} impersonation targets offered; pass organizationId`,
    );
  }
  return options[0] ?? '';
}

function pageError(html: string): string {
  const match =
    /<p class="banner error"[^>]*>([^<]*)<\/p>/.exec(html) ??
    /<p class="sub">([^<]*)<\/p>/.exec(html);
  return match?.[1] ?? 'no message';
}

/**
 * Drives the emulator's real sign-in page over HTTP, like a browser without JavaScript: GET the authorize URL, read
 * the CSRF token from the form, POST the credentials (and the organization choice if asked), and return the redirect
 * URL (with `code` and `state`, or `error`). Throws {@link SignInError} when the page answers with an error instead.
 */
export async function completeSignIn(
  authorizeUrl: string,
  options: CompleteSignInOptions,
): Promise<URL> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = page.headers.get('location');
  if (page.status >= 300 && page.status < 400 && location !== null)
    return new URL(location, authorizeUrl);
  const html = await page.text();
  if (page.status !== 200)
    throw new SignInError(page.status, `authorize answered ${page.status}: ${pageError(html)}`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const requestId = hidden(html, 'request_id');
  const csrfToken = hidden(html, 'csrf_token');
  if (requestId === undefined || csrfToken === undefined)
    throw new SignInError(page.status, 'no sign-in form on the page');
  const action = new URL('/user_management/authorize/sign-in', authorizeUrl);

  const post = async (fields: Record<string, string>): Promise<Response> =>
    fetch(action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ request_id: requestId, csrf_token: csrfToken, ...fields }),
    });

  let response =
    options.impersonation !== undefined
      ? await post({
          intent: 'impersonate',
          impersonator: options.impersonation.by,
          target: impersonationTarget(html, options.email, options.organizationId),
          reason: options.impersonation.reason,
        })
      : options.password === undefined
        ? await post({ intent: 'one_click', sign_in_as: options.email })
        : await post({ intent: 'password', email: options.email, password: options.password });
  let body = response.status === 200 ? await response.text() : '';
  if (response.status === 200 && body.includes('name="intent" value="choose_organization"')) {
    if (options.organizationId === undefined) {
      throw new SignInError(
        200,
        `${options.email} belongs to several organizations: pass organizationId`,
      );
    }
    response = await post({
      intent: 'choose_organization',
      organization_id: options.organizationId,
    });
    body = response.status === 200 ? await response.text() : '';
  }
  const target = response.headers.get('location');
  if (response.status === 302 && target !== null) return new URL(target, authorizeUrl);
  if (body === '') body = await response.text();
  throw new SignInError(response.status, `sign-in answered ${response.status}: ${pageError(body)}`);
}
