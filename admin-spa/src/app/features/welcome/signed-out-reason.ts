/** Why the visitor is on the signed-out page (`/signed-out?reason=...`). */
export type SignedOutReason = 'signed-out' | 'expired' | 'error' | 'access_denied';

/** What the Welcome page says for each reason. */
export const REASON_MESSAGES: Readonly<
  Record<SignedOutReason, { readonly tone: 'info' | 'error'; readonly text: string }>
> = {
  'signed-out': { tone: 'info', text: 'You have signed out. See you next time.' },
  expired: { tone: 'info', text: 'Your session expired. Sign in again to continue.' },
  error: { tone: 'error', text: 'Sign-in did not complete. Please try again.' },
  access_denied: {
    tone: 'error',
    text: 'Sign-in was cancelled or access was denied. Ask your administrator if you need access.',
  },
};

/** Reads the `reason` query parameter; unknown values are ignored. */
export function parseReason(value: string | null | undefined): SignedOutReason | null {
  return value !== null && value !== undefined && Object.hasOwn(REASON_MESSAGES, value)
    ? (value as SignedOutReason)
    : null;
}
