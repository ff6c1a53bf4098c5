import type { WorkOS } from '@workos-inc/node';
import type { Logger } from 'pino';

/** What became of one `revokeSession` call. */
export type RevokeOutcome = 'revoked' | 'already_ended' | 'failed';

/**
 * Ends a WorkOS session at WorkOS (`userManagement.revokeSession`), best effort: never throws. A
 * 404 means it had already ended; any other failure is logged (without token material) and
 * reported as `failed`, for the caller to count, never to show.
 */
export async function revokeWorkOSSession(
  workos: WorkOS,
  sessionId: string,
  log: Logger,
): Promise<RevokeOutcome> {
  try {
    await workos.userManagement.revokeSession({ sessionId });
    return 'revoked';
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (status === 404) return 'already_ended';
    log.warn(
      {
        event: 'session.workos_revoke_failed',
        status: typeof status === 'number' ? status : undefined,
      },
      'WorkOS session could not be revoked',
    );
    return 'failed';
  }
}
