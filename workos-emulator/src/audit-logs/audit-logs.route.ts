import { Router } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { requireApiKey } from '../http/api-key.middleware.js';
import { bodyObject } from '../http/body.js';
import { ApiError } from '../http/errors.js';
import { jsonRoute } from '../http/json-route.js';
import { AUDIT_IDEMPOTENCY_MS } from './audit-log.store.js';
import { validateAuditLogEvent } from './audit-log.validate.js';

/**
 * `POST /audit_logs/events` (`workos.auditLogs.createEvent`): validates the event as production does, checks the
 * organization (404), stores it and answers 200 `{ success: true }`. A repeated `Idempotency-Key` (the SDK always
 * sends one) within 24 hours answers the same and stores nothing, even after a restart. API key.
 */
export function auditLogsRoute(ctx: EmulatorContext): Router {
  const router = Router();
  router.post(
    '/audit_logs/events',
    requireApiKey(ctx.directory),
    jsonRoute((req) => {
      const { organizationId, event } = validateAuditLogEvent(bodyObject(req));
      if (ctx.directory.organization(organizationId) === undefined) {
        throw new ApiError(404, undefined, `Organization not found: '${organizationId}'.`);
      }
      const key = req.get('idempotency-key')?.slice(0, 256) || null;
      const now = ctx.clock();
      if (key === null || !ctx.auditLogs.hasKey(key, now - AUDIT_IDEMPOTENCY_MS)) {
        ctx.auditLogs.insert(
          { id: ctx.ids.next('audit_log_event', now), organizationId, event, createdAt: now },
          key,
        );
      }
      return { status: 200, body: { success: true } };
    }),
  );
  return router;
}
