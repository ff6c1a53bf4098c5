import { ApiError, type FieldError, validationFailed } from '../http/errors.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const METADATA_KEY = /^[a-zA-Z0-9_-]{0,40}$/;

/** A valid `POST /audit_logs/events` body. */
export interface AuditLogEventInput {
  organizationId: string;
  event: Obj;
}

/** Collects the two kinds of problems production tells apart: missing fields (422) and wrong ones (400). */
class Problems {
  readonly missing: FieldError[] = [];
  readonly invalid: string[] = [];

  /** Checks a required field: absent → `required` at `field`; present with the wrong type → invalid at `path`. */
  require(o: Obj, key: string, field: string, path: string, ok: (v: unknown) => boolean): boolean {
    const value = o[key];
    if (value === undefined || value === null) {
      this.missing.push({ field, code: 'required' });
      return false;
    }
    if (!ok(value)) this.invalid.push(path);
    return ok(value);
  }

  optional(o: Obj, key: string, path: string, ok: (v: unknown) => boolean): void {
    if (o[key] !== undefined && !ok(o[key])) this.invalid.push(path);
  }

  metadata(o: Obj, path: string): void {
    const value = o['metadata'];
    if (value === undefined) return;
    const entries = isObj(value) ? Object.entries(value) : [];
    const valid =
      isObj(value) &&
      entries.length <= 50 &&
      entries.every(
        ([k, v]) =>
          METADATA_KEY.test(k) &&
          ((typeof v === 'string' && v.length <= 500) ||
            (typeof v === 'number' && Number.isFinite(v)) ||
            typeof v === 'boolean'),
      );
    if (!valid) this.invalid.push(`${path}/metadata`);
  }
}

const isString = (v: unknown) => typeof v === 'string';
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const isDate = (v: unknown) =>
  typeof v === 'string' && ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v));

function checkEntity(p: Problems, o: unknown, field: string, path: string, named: boolean): void {
  if (!isObj(o)) {
    p.invalid.push(path);
    return;
  }
  p.require(o, 'id', `${field}.id`, `${path}/id`, isString);
  p.require(o, 'type', `${field}.type`, `${path}/type`, isString);
  if (named) p.optional(o, 'name', `${path}/name`, isString);
  p.metadata(o, path);
}

/**
 * Validates an Audit Logs event as production does (`AuditLogEventIngestionDto`): a missing required field is a
 * 422 `Validation failed.` listing `{ field, code: "required" }`; a present field of the wrong type or shape (not
 * an ISO 8601 `occurred_at`, metadata beyond 50 keys, keys outside `[a-zA-Z0-9_-]{0,40}`, values not string ≤ 500,
 * number or boolean) is a 400 `invalid_audit_log_event` listing `{ instancePath }`. Hand-written: the schema is a
 * dozen fields, and the OpenAPI document and a JSON Schema engine stay test-only dependencies.
 */
export function validateAuditLogEvent(body: Obj): AuditLogEventInput {
  const p = new Problems();
  p.require(body, 'organization_id', 'organization_id', '/organization_id', isString);
  const eventOk = p.require(body, 'event', 'event', '', isObj);
  const event = isObj(body['event']) ? body['event'] : {};
  if (eventOk) {
    p.require(event, 'action', 'event.action', '/action', isString);
    p.require(event, 'occurred_at', 'event.occurred_at', '/occurred_at', isDate);
    if (p.require(event, 'actor', 'event.actor', '/actor', isObj)) {
      checkEntity(p, event['actor'], 'event.actor', '/actor', true);
    }
    if (p.require(event, 'targets', 'event.targets', '/targets', Array.isArray)) {
      (event['targets'] as unknown[]).forEach((t, i) =>
        checkEntity(p, t, `event.targets.${i}`, `/targets/${i}`, true),
      );
    }
    if (p.require(event, 'context', 'event.context', '/context', isObj)) {
      const context = event['context'] as Obj;
      p.require(context, 'location', 'event.context.location', '/context/location', isString);
      p.optional(context, 'user_agent', '/context/user_agent', isString);
    }
    p.optional(event, 'version', '/version', (v) => Number.isInteger(v));
    p.metadata(event, '');
  }
  if (p.missing.length > 0) throw validationFailed(p.missing);
  if (p.invalid.length > 0) {
    throw new ApiError(400, 'invalid_audit_log_event', 'Invalid Audit Log event.', {
      errors: p.invalid.map((instancePath) => ({ instancePath })),
    });
  }
  return { organizationId: body['organization_id'] as string, event };
}
