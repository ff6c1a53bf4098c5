import type { IssueSessionInput, IssuedSession } from '../emulator.types.js';
import { EmulatorUsageError } from '../emulator.types.js';
import type { Directory } from '../seed/directory.js';
import type { SeedClient } from '../seed/seed.types.js';
import type { SessionService } from './session.service.js';

/**
 * `Emulator.issueSession()`: resolves the user and organization like the sign-in page would, then starts the session
 * through {@link SessionService.startSession}, the code path of a code exchange.
 */
export async function issueSession(
  directory: Directory,
  sessions: SessionService,
  client: SeedClient,
  input: IssueSessionInput,
): Promise<IssuedSession> {
  const user = directory.userByEmail(typeof input.email === 'string' ? input.email : '');
  if (user === undefined)
    throw new EmulatorUsageError(`no seeded user with email ${String(input.email)}`);
  const memberships = directory.activeMemberships(user.id);
  let organizationId: string | null;
  if (input.organizationId !== undefined && input.organizationId !== null) {
    if (directory.roleOf(user.id, input.organizationId) === undefined) {
      throw new EmulatorUsageError(`${user.email} is not a member of ${input.organizationId}`);
    }
    organizationId = input.organizationId;
  } else if (input.organizationId === null || memberships.length === 0) {
    organizationId = null;
  } else if (memberships.length === 1) {
    organizationId = memberships[0]?.organizationId ?? null;
  } else {
    throw new EmulatorUsageError(
      `${user.email} belongs to several organizations: pass organizationId`,
    );
  }
  const impersonator =
    input.impersonator === undefined
      ? undefined
      : { email: input.impersonator.email, reason: input.impersonator.reason ?? null };
  const { body, session } = await sessions.startSession({
    user,
    clientId: client.id,
    organizationId,
    authenticationMethod: impersonator === undefined ? 'Password' : 'Impersonation',
    impersonator,
  });
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    sessionId: session.id,
    organizationId,
    user: body.user,
    response: body,
  };
}
