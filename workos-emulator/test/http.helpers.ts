import type { Emulator } from '../src/index.js';

/** A parsed response (status, headers, text and JSON when it is JSON). */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

/** Sends a request without following redirects and reads the whole body. */
export async function call(
  emulator: Emulator,
  path: string,
  init: RequestInit = {},
): Promise<Reply> {
  const response = await fetch(new URL(path, emulator.url), { redirect: 'manual', ...init });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  if (text !== '' && (response.headers.get('content-type') ?? '').startsWith('application/json')) {
    json = JSON.parse(text) as Record<string, unknown>;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** POSTs a raw body with a content type. */
export function post(
  emulator: Emulator,
  path: string,
  body: string,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Promise<Reply> {
  return call(emulator, path, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, ...headers },
  });
}

/** An authorize URL for the default client with overridable parameters (`undefined` removes one). */
export function authorizePath(
  emulator: Emulator,
  overrides: Record<string, string | undefined> = {},
): string {
  const params: Record<string, string | undefined> = {
    client_id: emulator.clientId,
    redirect_uri: 'http://localhost:3000/auth/callback',
    response_type: 'code',
    provider: 'authkit',
    state: 'st',
    ...overrides,
  };
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, v);
  return `/user_management/authorize?${query.toString()}`;
}

/** A management API call with the emulator's API key and an optional JSON body. */
export function apiCall(
  emulator: Emulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  return call(emulator, path, {
    method,
    headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
