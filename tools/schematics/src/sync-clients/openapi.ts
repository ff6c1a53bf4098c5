import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The parts of an OpenAPI 3 document the SPA service renderer reads. */
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation | undefined>>;
  readonly components?: { readonly schemas?: Record<string, OpenApiSchema> };
}

export interface OpenApiOperation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly parameters?: readonly { name: string; in: string; schema?: OpenApiSchema }[];
  readonly requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
  readonly responses?: Record<string, { content?: Record<string, { schema?: OpenApiSchema }> }>;
}

export interface OpenApiSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly nullable?: boolean;
  readonly enum?: readonly unknown[];
  readonly items?: OpenApiSchema;
  readonly properties?: Record<string, OpenApiSchema>;
  readonly required?: readonly string[];
  readonly description?: string;
}

interface BuiltBackend {
  readonly startBackend: (options: {
    port: number;
    env: Record<string, string>;
    logLevel: string;
  }) => Promise<{ url: string; close(): Promise<void> }>;
}

/**
 * The OpenAPI document of the built backend in `backendDir` (its `dist/`): starts it in-process on
 * a free port, as bff/scripts/sync-api-routes.mjs does, and reads `GET /docs-json`. Listing routes
 * needs no identity provider, so the JWKS URL points at a closed port.
 */
export async function readOpenApiDocument(backendDir: string): Promise<OpenApiDocument> {
  const entry = pathToFileURL(join(backendDir, 'dist', 'index.js')).href;
  const { startBackend } = (await import(entry)) as BuiltBackend;
  const backend = await startBackend({
    port: 0,
    env: { WORKOS_CLIENT_ID: 'client_openapi_listing', WORKOS_API_BASE_URL: 'http://127.0.0.1:9' },
    logLevel: 'silent',
  });
  try {
    const response = await fetch(`${backend.url}/docs-json`);
    if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
    return (await response.json()) as OpenApiDocument;
  } finally {
    await backend.close();
  }
}
