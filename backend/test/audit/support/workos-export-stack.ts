import type { AuditStoreConfig, WorkosExportSettings } from '../../../src/audit/audit.config.js';
import { AuditStore } from '../../../src/audit/audit-store.js';
import type { ExportCounts } from '../../../src/audit/export/audit-export.repository.js';
import { WorkosAuditExporter } from '../../../src/audit/export/workos-audit-exporter.js';
import { createTestApp, type LogCapture, type TestApp } from '../../kit/index.js';
import { auditConfig } from './audit-test-config.js';
import { auditedActionModule, type MembershipRolesFixture } from './audited-action.fixture.js';
import type { WorkosEventsStack } from './workos-events-stack.js';
import type { Response } from 'supertest';

/** Fast rounds and retries, so outages end within a test. */
export const FAST_EXPORT: WorkosExportSettings = {
  pollIntervalMs: 50,
  retryBaseMs: 50,
  maxRetryMs: 200,
};

/** The emulator route the export calls. */
export const CREATE_EVENT_ROUTE = 'POST /audit_logs/events';

export interface ExportingBackendOptions {
  readonly logs?: LogCapture;
  /** Export settings; null: `AUDIT_EXPORT_WORKOS` unset. */
  readonly exportSettings?: WorkosExportSettings | null;
  /** Whether the backend has the emulator's API key (default true). */
  readonly apiKey?: boolean;
}

/**
 * A backend on `store` with the audited-action fixture (`POST /fixture/members/:id/role`) that
 * exports to the stack's emulator. The Events API poller is off: only the export talks to WorkOS.
 */
export function exportingBackend(
  stack: WorkosEventsStack,
  store: AuditStoreConfig,
  roles: MembershipRolesFixture,
  options: ExportingBackendOptions = {},
): Promise<TestApp> {
  const settings = options.exportSettings === undefined ? FAST_EXPORT : options.exportSettings;
  return createTestApp({
    issuer: stack.issuer,
    audit: auditConfig(store, settings ? { workosExport: settings } : {}),
    ...(options.apiKey === false
      ? {}
      : {
          workosAdmin: {
            apiKey: stack.emulator.apiKey,
            clientId: stack.emulator.clientId,
            apiBaseUrl: stack.emulator.url,
            timeoutMs: 2_000,
            maxRetries: 0,
          },
        }),
    imports: [auditedActionModule(roles)],
    ...(options.logs ? { logs: options.logs } : {}),
  });
}

/** An admin of `organizationId` changes Max's role through the audited fixture. */
export async function changeRole(
  t: TestApp,
  organizationId: string,
  role: string,
): Promise<Response> {
  return t
    .as({ org_id: organizationId, permissions: ['members:manage'] })
    .post('/fixture/members/om_max/role')
    .set('X-Forwarded-For', '203.0.113.7')
    .set('User-Agent', 'Firefox/140')
    .send({ role });
}

/** The exporter of a backend. */
export const exporterOf = (t: TestApp) => t.app.get(WorkosAuditExporter);

/** The outbox's rows per state. */
export async function exportCounts(t: TestApp): Promise<ExportCounts> {
  return (await t.app.get(AuditStore).repositories()).exports.counts();
}

/** Calls of the emulator's create-event route since its last reset. */
export const createEventCalls = (stack: WorkosEventsStack) =>
  stack.emulator.stats().endpoints[CREATE_EVENT_ROUTE] ?? 0;
