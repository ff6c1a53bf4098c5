/** Production's event envelope (`object: "event"`), as `/events` lists it and webhooks deliver it. */
export interface WorkOSEvent {
  object: 'event';
  id: string;
  event: string;
  data: Record<string, unknown>;
  created_at: string;
  context?: Record<string, unknown>;
}

/** Events older than this are dropped: production's Events API serves 30 days. */
export const EVENT_RETENTION_MS = 30 * 24 * 3600 * 1000;
