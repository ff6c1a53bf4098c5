import { Injectable } from '@nestjs/common';
import type { Session as WorkosSession } from '@workos-inc/node';
import { WorkosGateway } from '../workos/workos.gateway.js';
import type { Session } from './session.schemas.js';

/** WorkOS's largest page. */
const PAGE = 100;
/** Most sessions read for one user in one request. */
const MAX_SESSIONS = 1_000;

/** The API shape of a WorkOS session; `current` marks the caller's own session id. */
export function toSession(session: WorkosSession, currentSessionId: string): Session {
  return {
    id: session.id,
    userId: session.userId,
    organizationId: session.organizationId ?? null,
    authMethod: session.authMethod,
    ipAddress: session.ipAddress,
    userAgent: session.userAgent,
    impersonatorEmail: session.impersonator?.email ?? null,
    createdAt: session.createdAt,
    lastActiveAt: session.updatedAt,
    expiresAt: session.expiresAt,
    current: session.id === currentSessionId,
  };
}

/** Reads a user's sessions from WorkOS (newest first, at most 1,000). */
@Injectable()
export class UserSessionsReader {
  constructor(private readonly workos: WorkosGateway) {}

  async sessionsOf(userId: string): Promise<WorkosSession[]> {
    const sessions: WorkosSession[] = [];
    let after: string | undefined;
    while (sessions.length < MAX_SESSIONS) {
      const page = await this.workos.call('listSessions', (sdk) =>
        sdk.userManagement.listSessions(userId, {
          limit: PAGE,
          ...(after === undefined ? {} : { after }),
        }),
      );
      sessions.push(...page.data);
      const next = page.listMetadata.after;
      if (!next || page.data.length === 0) break;
      after = next;
    }
    return sessions;
  }

  /** Ends one session; WorkOS sends `session.revoked`, which signs it out at the BFF. */
  async revoke(sessionId: string): Promise<void> {
    await this.workos.call('revokeSession', (sdk) =>
      sdk.userManagement.revokeSession({ sessionId }),
    );
  }
}
