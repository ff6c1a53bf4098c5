/**
 * The audit database cannot be written or read (not configured, unreachable, closed). The HTTP
 * layer answers 503 `{ code: 'audit_unavailable', retryable: true }`; an admin action that meets
 * it is refused before anything is changed at WorkOS.
 */
export class AuditUnavailableError extends Error {
  override readonly name = 'AuditUnavailableError';
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`audit trail unavailable: ${reason}`, options);
  }
}

/** An attempt to change an entry the trail does not allow to change (not pending, other org). */
export class AuditEntryNotPendingError extends Error {
  override readonly name = 'AuditEntryNotPendingError';
  constructor(readonly entryId: string) {
    super(`audit entry ${entryId} is not pending`);
  }
}
