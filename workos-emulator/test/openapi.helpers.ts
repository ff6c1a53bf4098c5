import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

const require = createRequire(import.meta.url);
let document: Json | undefined;

/** The official WorkOS OpenAPI document (`@workos/openapi-spec`), parsed once. */
function openApi(): Json {
  document ??= parse(
    readFileSync(
      join(dirname(require.resolve('@workos/openapi-spec/package.json')), 'open-api-spec.yaml'),
      'utf8',
    ),
  ) as Json;
  return document;
}

/**
 * Rewrites `#/components/schemas/X` to `#/$defs/X` so one JSON Schema carries every component, and removes
 * duplicate `required` entries (the document's `OrganizationList` names `list_metadata` twice, which JSON Schema
 * forbids).
 */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof inner === 'string'
        ? inner.replace('#/components/schemas/', '#/$defs/')
        : key === 'required' && Array.isArray(inner)
          ? [...new Set(inner)]
          : rewriteRefs(inner);
  }
  return out;
}

/** A validator: returns the list of problems (empty when valid). */
export type Validate = (body: unknown) => string[];

/** Collects the component schemas `schema` reaches through `$ref`s (the document has unrelated invalid ones). */
function reachable(schema: unknown, components: Json, found: Json = {}): Json {
  if (Array.isArray(schema)) {
    for (const item of schema) reachable(item, components, found);
  } else if (typeof schema === 'object' && schema !== null) {
    for (const [key, inner] of Object.entries(schema)) {
      if (
        key === '$ref' &&
        typeof inner === 'string' &&
        inner.startsWith('#/components/schemas/')
      ) {
        const name = inner.slice('#/components/schemas/'.length);
        if (!(name in found)) {
          found[name] = components[name];
          reachable(components[name], components, found);
        }
      } else {
        reachable(inner, components, found);
      }
    }
  }
  return found;
}

function compile(schema: unknown): Validate {
  const components = ((openApi()['components'] as Json)['schemas'] ?? {}) as Json;
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; `example` and friends are annotations, hence strict: false.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile({
    ...(rewriteRefs(schema) as Json),
    $defs: rewriteRefs(reachable(schema, components)),
  });
  return (body) =>
    validate(body)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`.trim());
}

const components = new Map<string, Validate>();

/** Validator of a named component schema, e.g. `UserlandAuthenticateResponse` (compiled once per name). */
export function componentValidator(name: string): Validate {
  let validate = components.get(name);
  if (validate === undefined) {
    validate = compile({ $ref: `#/components/schemas/${name}` });
    components.set(name, validate);
  }
  return validate;
}

/** Validator of the JSON body the document declares for `method path` answering `status`. */
export function responseValidator(path: string, method: string, status: string): Validate {
  const operation = ((openApi()['paths'] as Json)[path] as Json | undefined)?.[method] as
    Json | undefined;
  const response = (operation?.['responses'] as Json | undefined)?.[status] as Json | undefined;
  const schema = (
    (response?.['content'] as Json | undefined)?.['application/json'] as Json | undefined
  )?.['schema'];
  if (schema === undefined) throw new Error(`no schema for ${method} ${path} ${status}`);
  return compile(schema);
}
