import { startBackend } from '@gatehouse/backend';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { OpenApiDocument } from './openapi.js';
import { renderSpaApi } from './spa-api.js';

/** The real backend's OpenAPI document (its /admin routes). */
async function backendDocument(): Promise<OpenApiDocument> {
  const backend = await startBackend({
    port: 0,
    env: { WORKOS_CLIENT_ID: 'client_spa_api_spec', WORKOS_API_BASE_URL: 'http://127.0.0.1:9' },
    logLevel: 'silent',
  });
  try {
    return (await (await fetch(`${backend.url}/docs-json`)).json()) as OpenApiDocument;
  } finally {
    await backend.close();
  }
}

/** What @nestjs/swagger emits for a generated resource's three routes. */
const reportsDocument: OpenApiDocument = {
  paths: {
    '/reports': {
      get: {
        operationId: 'ReportsController_list',
        responses: {
          '200': {
            content: {
              'application/json': {
                schema: { type: 'array', items: { $ref: '#/components/schemas/ReportResponse' } },
              },
            },
          },
        },
      },
      post: {
        operationId: 'ReportsController_create',
        requestBody: {
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/CreateReportRequest' } },
          },
        },
        responses: {
          '201': {
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ReportResponse' } },
            },
          },
        },
      },
    },
    '/reports/{id}': {
      get: {
        operationId: 'ReportsController_get',
        parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }],
        responses: {
          '200': {
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ReportResponse' } },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      CreateReportRequest: {
        type: 'object',
        properties: { name: { type: 'string' } },
        required: ['name'],
      },
      ReportResponse: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          createdAt: { type: 'string', description: 'Creation time, ISO 8601' },
        },
        required: ['id', 'name', 'createdAt'],
      },
    },
  },
};

/** Type-checks one SPA file with the admin SPA's compiler settings and the real Angular types. */
function spaDiagnostics(source: string): string[] {
  const dir = join(import.meta.dirname, '..', '..', '.test-results', `spa-api-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'generated.api.ts');
  writeFileSync(file, source);
  try {
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Preserve,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      experimentalDecorators: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      types: [],
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('renderSpaApi', () => {
  it('renders a service method per operation, with path parameters and bodies', () => {
    const source = renderSpaApi(reportsDocument, 'reports');
    expect(source).toContain('export class ReportsApi {');
    expect(source).toContain('list(): Observable<readonly ReportResponse[]> {');
    expect(source).toContain('return this.http.get<readonly ReportResponse[]>(`/api/reports`);');
    expect(source).toContain('get(id: string): Observable<ReportResponse> {');
    expect(source).toContain('`/api/reports/${encodeURIComponent(id)}`');
    expect(source).toContain('create(body: CreateReportRequest): Observable<ReportResponse> {');
    expect(source).toContain('/** Creation time, ISO 8601 */\n  readonly createdAt: string;');
  });

  it('type-checks against Angular as the SPA compiles it', () => {
    expect(spaDiagnostics(renderSpaApi(reportsDocument, 'reports'))).toEqual([]);
  });

  it("renders the real backend's /admin routes with their nullable and array fields", async () => {
    const source = renderSpaApi(await backendDocument(), 'admin');
    expect(source).toContain('me(): Observable<MeResponse> {');
    expect(source).toContain('overview(): Observable<OverviewResponse> {');
    expect(source).toContain('readonly organizationId: string | null;');
    expect(source).toContain('readonly roles: readonly string[];');
    expect(spaDiagnostics(source)).toEqual([]);
  });

  it('refuses a resource the document does not have, and schemas it cannot render', () => {
    expect(() => renderSpaApi(reportsDocument, 'invoices')).toThrow('has no /invoices routes');
    const odd: OpenApiDocument = {
      paths: {
        '/odd': {
          get: {
            responses: {
              '200': { content: { 'application/json': { schema: { type: 'object' } } } },
            },
          },
        },
      },
    };
    expect(() => renderSpaApi(odd, 'odd')).toThrow('Unsupported OpenAPI schema');
  });
});
