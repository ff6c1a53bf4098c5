import { invalidParameters } from './errors.js';

/** A parsed query string (Express's simple parser: strings and string arrays). */
export type Query = Record<string, unknown>;

/** One optional query parameter; a repeated or nested one is a 422. An empty value counts as absent (the SDK drops them). */
export function queryString(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw invalidParameters(`${name} must be a single value.`);
  return value;
}

/**
 * An array parameter in every form clients send: `name=a,b` (the Node SDK and the OpenAPI `explode: false`),
 * `name=a&name=b`, and `name[]=a&name[]=b` (other SDKs). Undefined when absent.
 */
export function queryList(query: Query, name: string): string[] | undefined {
  const raw = [query[name], query[`${name}[]`]].flat().filter((v) => v !== undefined);
  if (raw.length === 0) return undefined;
  if (!raw.every((v): v is string => typeof v === 'string')) {
    throw invalidParameters(`${name} must be a list of strings.`);
  }
  return raw
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
