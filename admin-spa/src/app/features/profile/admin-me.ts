import { parseInstant } from '../../core/auth/session-info';

/** `GET /api/admin/me`: the caller as the backend verified the access token. */
export interface AdminMe {
  readonly id: string;
  readonly sessionId: string;
  readonly organizationId: string | null;
  readonly role: string | null;
  readonly roles: readonly string[];
  readonly permissions: readonly string[];
  readonly expiresAt: Date | null;
  readonly impersonatedBy: string | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function texts(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** Validates the body; throws (the page shows its error state) when it is not a verified user. */
export function parseAdminMe(body: unknown): AdminMe {
  if (typeof body !== 'object' || body === null) throw new Error('Unexpected /api/admin/me answer');
  const record = body as Record<string, unknown>;
  const id = text(record.id);
  const sessionId = text(record.sessionId);
  if (id === null || sessionId === null) throw new Error('Unexpected /api/admin/me answer');
  return {
    id,
    sessionId,
    organizationId: text(record.organizationId),
    role: text(record.role),
    roles: texts(record.roles),
    permissions: texts(record.permissions),
    expiresAt: parseInstant(record.expiresAt),
    impersonatedBy: text(record.impersonatedBy),
  };
}
