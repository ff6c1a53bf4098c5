import { Injectable } from '@nestjs/common';
import type { Session as WorkosSession } from '@workos-inc/node';
import { conflict, notFound } from '../http/index.js';
import { AuditedActions, type AdminCaller } from '../admin-api/audited-action.js';
import { organizationOf } from '../admin-api/organization-scope.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { MembershipDirectory } from '../members/membership.directory.js';
import type { SessionList } from './session.schemas.js';
import { toSession, UserSessionsReader } from './user-sessions.reader.js';

const isActive = (s: WorkosSession) => s.status === 'active';

/** 409 `current_session`: the session of this very request is ended by signing out. */
function refuseCurrentSession(sessionId: string, user: AuthenticatedUser): void {
  if (sessionId === user.sessionId) {
    throw conflict(
      'current_session',
      'This is the session you are using now; sign out instead to end it.',
    );
  }
}

/**
 * Sessions: the caller's own (any signed-in user) and, for admins, a member's sessions in the
 * caller's organization. A session id that is not in the listed set answers 404, whoever owns it.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly reader: UserSessionsReader,
    private readonly directory: MembershipDirectory,
    private readonly audited: AuditedActions,
  ) {}

  /** The caller's active sessions in every organization, the current one marked. */
  async mine(user: AuthenticatedUser): Promise<SessionList> {
    const sessions = await this.reader.sessionsOf(user.id);
    return { data: sessions.filter(isActive).map((s) => toSession(s, user.sessionId)) };
  }

  /** Ends one of the caller's other sessions (`session.revoked`, filed under its organization). */
  async revokeMine(caller: AdminCaller, sessionId: string): Promise<void> {
    refuseCurrentSession(sessionId, caller.user);
    const sessions = await this.reader.sessionsOf(caller.user.id);
    const target = sessions.find((s) => s.id === sessionId);
    if (!target) throw notFound('session');
    const organizationId = target.organizationId ?? organizationOf(caller.user);
    if (isActive(target)) await this.revoke(caller, organizationId, target, null);
  }

  /** A member's active sessions in the caller's organization. */
  async ofMember(user: AuthenticatedUser, membershipId: string): Promise<SessionList> {
    const sessions = await this.memberSessions(user, membershipId);
    return { data: sessions.filter(isActive).map((s) => toSession(s, user.sessionId)) };
  }

  /** Ends a member's session in the caller's organization (`session.revoked`). */
  async revokeOfMember(
    caller: AdminCaller,
    membershipId: string,
    sessionId: string,
  ): Promise<void> {
    const organizationId = organizationOf(caller.user);
    const sessions = await this.memberSessions(caller.user, membershipId);
    const target = sessions.find((s) => s.id === sessionId);
    if (!target) throw notFound('session');
    refuseCurrentSession(sessionId, caller.user);
    if (isActive(target)) await this.revoke(caller, organizationId, target, membershipId);
  }

  private async revoke(
    caller: AdminCaller,
    organizationId: string,
    session: WorkosSession,
    membershipId: string | null,
  ): Promise<void> {
    await this.audited.run(caller, {
      action: 'session.revoked',
      organizationId,
      target: { type: 'session', id: session.id },
      before: { status: session.status, userId: session.userId, membershipId },
      run: () => this.reader.revoke(session.id),
      after: () => ({ status: 'revoked' }),
    });
  }

  /** The member's sessions scoped to the caller's organization (404 for another org's member). */
  private async memberSessions(
    user: AuthenticatedUser,
    membershipId: string,
  ): Promise<WorkosSession[]> {
    const organizationId = organizationOf(user);
    const membership = await this.directory.findInOrganization(organizationId, membershipId);
    const sessions = await this.reader.sessionsOf(membership.userId);
    return sessions.filter((s) => s.organizationId === organizationId);
  }
}
