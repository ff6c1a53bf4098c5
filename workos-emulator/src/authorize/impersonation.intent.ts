import type { Request, Response } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import type { AuthorizeRequest } from './authorize-request.store.js';
import { type SignInFlow, browserOf, formField, sendPage } from './sign-in.flow.js';
import { renderSignInPage } from './sign-in.page.js';

/** Longest accepted reason (production requires one; the emulator bounds it). */
export const MAX_REASON_LENGTH = 500;

/**
 * The page's "Impersonate a user" form: a seeded impersonator (a dashboard member, see `Seed.impersonators`) picks a
 * user, one of their organizations (the requested one if the app asked for one) and a reason, as in production's
 * dashboard. The code then starts a session with `impersonator: { email, reason }`,
 * `authentication_method: "Impersonation"`, an `act: { sub: <impersonator email> }` claim and a 60-minute life.
 * No `authentication.*` event is recorded: the user did not sign in.
 */
export function impersonate(
  ctx: EmulatorContext,
  flow: SignInFlow,
  req: Request,
  res: Response,
  request: AuthorizeRequest,
): void {
  const { directory } = ctx;
  const refuse = (error: string) =>
    sendPage(res, 400, renderSignInPage(directory, request, { error }));
  const impersonatorEmail = (formField(req, 'impersonator') ?? '').trim().toLowerCase();
  const impersonator = (directory.seed.impersonators ?? []).find(
    (i) => i.email === impersonatorEmail,
  );
  if (impersonator === undefined) return refuse('Choose one of the listed support users.');
  const [userId = '', organizationId = ''] = (formField(req, 'target') ?? '').split('|');
  const user = directory.user(userId);
  if (user === undefined) return refuse('Choose a user to impersonate.');
  const requested = request.params.organizationId;
  if (organizationId === '') {
    if (requested !== null || directory.activeMemberships(user.id).length > 0) {
      return refuse('Choose one of the listed users and organizations.');
    }
  } else if (
    directory.roleOf(user.id, organizationId) === undefined ||
    (requested !== null && requested !== organizationId)
  ) {
    return refuse('Choose one of the listed users and organizations.');
  }
  const reason = (formField(req, 'reason') ?? '').trim();
  if (reason === '') return refuse('A reason is required to impersonate a user.');
  if (reason.length > MAX_REASON_LENGTH) {
    return refuse(`The reason must be at most ${MAX_REASON_LENGTH} characters.`);
  }
  flow.redirectWithCode(
    res,
    request,
    user,
    organizationId === '' ? null : organizationId,
    browserOf(req),
    {
      email: impersonator.email,
      reason,
    },
  );
}
