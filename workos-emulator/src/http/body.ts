import type { Request } from 'express';
import { invalidParameters } from './errors.js';

/** A JSON request body. */
export type Body = Record<string, unknown>;

/** The JSON object body of a request; an absent or empty body is `{}`, any other non-object a 422. */
export function bodyObject(req: Request): Body {
  const body: unknown = req.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw invalidParameters('The request body must be a JSON object.');
  }
  return body as Body;
}

/** An optional string field (null counts as absent); another type is a 422. */
export function optionalField(body: Body, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameters(`${name} must be a string.`);
  return value;
}

/** A required non-empty string field, else a 422. */
export function requiredField(body: Body, name: string): string {
  const value = optionalField(body, name);
  if (value === undefined || value.trim() === '') throw invalidParameters(`${name} is required.`);
  return value;
}
