import { OAuthError } from '../http/errors.js';

/** A parsed request body: anything JSON or a urlencoded form can produce. */
export type RequestBody = Record<string, unknown>;

/** An optional string field; a present value of another type is `invalid_request`. Empty strings count as absent. */
export function optionalString(body: RequestBody, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new OAuthError('invalid_request', `${name} must be a string.`);
  return value === '' ? undefined : value;
}

/** A required non-empty string field, else `invalid_request`. */
export function requiredString(body: RequestBody, name: string): string {
  const value = optionalString(body, name);
  if (value === undefined) throw new OAuthError('invalid_request', `${name} is required.`);
  return value;
}
