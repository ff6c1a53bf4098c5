import type { Directory } from '../seed/directory.js';
import { HtmlError } from '../http/error.handler.js';
import type { AuthorizeParams } from './authorize-request.store.js';

/** An OAuth error to send back to the (already validated) redirect URI. */
export class AuthorizeRedirectError extends Error {
  constructor(
    readonly redirectUri: string,
    readonly state: string | null,
    readonly error: 'invalid_request' | 'unsupported_response_type' | 'access_denied',
    readonly description: string,
  ) {
    super(description);
    this.name = 'AuthorizeRedirectError';
  }

  /** The redirect target with `error`, `error_description` and `state`. */
  location(): string {
    const url = new URL(this.redirectUri);
    url.searchParams.set('error', this.error);
    url.searchParams.set('error_description', this.description);
    if (this.state !== null) url.searchParams.set('state', this.state);
    return url.toString();
  }
}

type Query = Record<string, unknown>;

/** A single string query parameter; repeated or non-string values are a problem (reported as `null`). */
function single(query: Query, name: string): string | undefined | null {
  const value = query[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
}

const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Validates `GET /user_management/authorize`. Client and redirect URI problems throw an {@link HtmlError} (400, no
 * redirect: the URI is not trusted); once the redirect URI is known to be registered, other problems throw an
 * {@link AuthorizeRedirectError} (OAuth's error redirect to that URI).
 */
export function parseAuthorizeParams(directory: Directory, query: Query): AuthorizeParams {
  const clientId = single(query, 'client_id');
  if (typeof clientId !== 'string' || clientId === '') {
    throw new HtmlError(
      400,
      'Invalid sign-in request',
      'The client_id parameter is missing or invalid.',
    );
  }
  const client = directory.client(clientId);
  if (client === undefined)
    throw new HtmlError(400, 'Invalid sign-in request', `Unknown client_id "${clientId}".`);
  const redirectUri = single(query, 'redirect_uri');
  if (typeof redirectUri !== 'string' || !client.redirectUris.includes(redirectUri)) {
    throw new HtmlError(
      400,
      'Invalid redirect URI',
      'The redirect_uri parameter is missing or is not registered for this client.',
    );
  }
  const rawState = single(query, 'state');
  const state = typeof rawState === 'string' ? rawState : null;
  const fail = (
    description: string,
    error: 'invalid_request' | 'unsupported_response_type' = 'invalid_request',
  ) => new AuthorizeRedirectError(redirectUri, state, error, description);

  if (rawState === null) throw fail('state must be a single string.');
  const responseType = single(query, 'response_type');
  if (responseType !== 'code')
    throw fail('response_type must be "code".', 'unsupported_response_type');

  const provider = single(query, 'provider');
  const organizationId = single(query, 'organization_id');
  if (provider === null || organizationId === null)
    throw fail('provider and organization_id must be single strings.');
  if (single(query, 'connection_id') !== undefined)
    throw fail('connection_id (SSO) is not supported by the emulator.');
  if (provider !== undefined && provider !== 'authkit') {
    throw fail(`provider "${provider}" is not supported by the emulator; use provider=authkit.`);
  }
  if (provider === undefined && (organizationId === undefined || organizationId === '')) {
    throw fail('provider=authkit (or organization_id) is required.');
  }
  if (organizationId !== undefined && directory.organization(organizationId) === undefined) {
    throw fail(`Organization "${organizationId}" not found.`);
  }

  const codeChallenge = single(query, 'code_challenge');
  const method = single(query, 'code_challenge_method');
  if (codeChallenge === null || method === null)
    throw fail('code_challenge parameters must be single strings.');
  if (codeChallenge !== undefined) {
    if (method !== 'S256') throw fail('code_challenge_method must be S256.');
    if (!CODE_CHALLENGE.test(codeChallenge))
      throw fail('code_challenge must be a base64url SHA-256 digest.');
  } else if (method !== undefined) {
    throw fail('code_challenge_method requires a code_challenge.');
  }

  const screenHint = single(query, 'screen_hint');
  if (screenHint !== undefined && screenHint !== 'sign-in' && screenHint !== 'sign-up') {
    throw fail('screen_hint must be "sign-in" or "sign-up".');
  }
  const loginHint = single(query, 'login_hint');
  if (loginHint === null) throw fail('login_hint must be a single string.');

  return {
    clientId,
    redirectUri,
    state,
    codeChallenge: codeChallenge ?? null,
    loginHint: loginHint === undefined || loginHint === '' ? null : loginHint,
    organizationId: organizationId ?? null,
    screenHint: screenHint ?? null,
  };
}
