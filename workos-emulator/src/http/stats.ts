/** Call counts since start or the last reset. */
export interface EmulatorStats {
  /** Calls per endpoint name (`POST /user_management/authenticate`, …), counted on arrival, faults included. */
  endpoints: Record<string, number>;
  /** Authenticate calls per `grant_type` value (`authorization_code`, `refresh_token`, …; `(missing)` if absent). */
  grants: Record<string, number>;
  /** Responses per endpoint name and status code, e.g. `{ "POST /user_management/authenticate": { "200": 3 } }`. */
  statuses: Record<string, Record<string, number>>;
  /** Sessions that have not ended. */
  liveSessions: number;
}

/** Counts calls per endpoint, grant type and status. */
export class StatsRecorder {
  private endpoints = new Map<string, number>();
  private grants = new Map<string, number>();
  private statuses = new Map<string, Map<string, number>>();

  endpoint(name: string): void {
    this.endpoints.set(name, (this.endpoints.get(name) ?? 0) + 1);
  }

  grant(grantType: string): void {
    this.grants.set(grantType, (this.grants.get(grantType) ?? 0) + 1);
  }

  status(name: string, status: number): void {
    const byStatus = this.statuses.get(name) ?? new Map<string, number>();
    byStatus.set(String(status), (byStatus.get(String(status)) ?? 0) + 1);
    this.statuses.set(name, byStatus);
  }

  snapshot(liveSessions: number): EmulatorStats {
    const statuses: Record<string, Record<string, number>> = {};
    for (const [name, byStatus] of this.statuses) statuses[name] = Object.fromEntries(byStatus);
    return {
      endpoints: Object.fromEntries(this.endpoints),
      grants: Object.fromEntries(this.grants),
      statuses,
      liveSessions,
    };
  }

  clear(): void {
    this.endpoints = new Map();
    this.grants = new Map();
    this.statuses = new Map();
  }
}
