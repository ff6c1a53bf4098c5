import { parseInstant } from '../../core/auth/session-info';

/** `GET /api/admin/overview`: the backend's admin-only summary. */
export interface AdminOverview {
  readonly viewerId: string;
  readonly organizationId: string | null;
  readonly uptimeSeconds: number | null;
  readonly signingKeys: number | null;
  readonly jwksReachable: boolean | null;
  readonly generatedAt: Date | null;
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** Validates the body; throws (the page shows its error state) when it is not an overview. */
export function parseAdminOverview(body: unknown): AdminOverview {
  if (typeof body !== 'object' || body === null) throw new Error('Unexpected overview answer');
  const record = body as Record<string, unknown>;
  const viewerId = record.viewerId;
  if (typeof viewerId !== 'string' || viewerId.length === 0) {
    throw new Error('Unexpected overview answer');
  }
  const organizationId = record.organizationId;
  const jwksReachable = record.jwksReachable;
  return {
    viewerId,
    organizationId: typeof organizationId === 'string' ? organizationId : null,
    uptimeSeconds: count(record.uptimeSeconds),
    signingKeys: count(record.signingKeys),
    jwksReachable: typeof jwksReachable === 'boolean' ? jwksReachable : null,
    generatedAt: parseInstant(record.generatedAt),
  };
}

/** "3 d 4 h", "2 h 5 min", "42 s". */
export function formatUptime(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${Math.floor(seconds)} s`;
}
