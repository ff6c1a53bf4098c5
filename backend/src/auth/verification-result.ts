import type { VerificationFailure } from './auth-error.js';
import type { AuthenticatedUser } from './authenticated-user.js';

/** What {@link TokenVerifier.verify} answers: the verified user, or why the token was refused. */
export type VerificationResult =
  | { readonly user: AuthenticatedUser; readonly failure?: undefined }
  | { readonly user?: undefined; readonly failure: VerificationFailure };

/** A token refused for a known reason, as it travels through passport-jwt's callbacks. */
export class TokenRejection extends Error {
  override readonly name = 'TokenRejection';
  constructor(readonly failure: VerificationFailure) {
    super(failure);
  }
}
