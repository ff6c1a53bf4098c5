import { Injectable } from '@nestjs/common';
import type { Session as WorkosSession } from '@workos-inc/node';
import { conflict, notFound } from '../http/index.js';
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
  ) {}

  /** The caller's active sessions in every organization, the current one marked. */
  async mine(user: AuthenticatedUser): Promise<SessionList> {
    const sessions = await this.reader.sessionsOf(user.id);
    return { data: sessions.filter(isActive).map((s) => toSession(s, user.sessionId)) };
  }

  /** Ends one of the caller's other sessions. */
  async revokeMine(user: AuthenticatedUser, sessionId: string): Promise<void> {
    refuseCurrentSession(sessionId, user);
    const sessions = await this.reader.sessionsOf(user.id);
    const target = sessions.find((s) => s.id === sessionId);
    if (!target) throw notFound('session');
    if (isActive(target)) await this.reader.revoke(sessionId);
  }

  /** A member's active sessions in the caller's organization. */
  async ofMember(user: AuthenticatedUser, membershipId: string): Promise<SessionList> {
    const sessions = await this.memberSessions(user, membershipId);
    return { data: sessions.filter(isActive).map((s) => toSession(s, user.sessionId)) };
  }

  /** Ends a member's session in the caller's organization. */
  async revokeOfMember(
    user: AuthenticatedUser,
    membershipId: string,
    sessionId: string,
  ): Promise<void> {
    const sessions = await this.memberSessions(user, membershipId);
    const target = sessions.find((s) => s.id === sessionId);
    if (!target) throw notFound('session');
    refuseCurrentSession(sessionId, user);
    if (isActive(target)) await this.reader.revoke(sessionId);
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
