import { stackEnv } from './stack-env.js';

/** The BFF refreshes an access token once fewer than this many seconds are left. */
const REFRESH_AHEAD_SECONDS = 60;

/**
 * Waits (real time: the stack runs in other processes) until an access token issued just before
 * the call is inside the BFF's refresh-ahead window, so the next API call has to refresh it.
 */
export async function waitUntilAccessTokenNeedsRefresh(): Promise<void> {
  const seconds = stackEnv().accessTokenTtlSeconds - REFRESH_AHEAD_SECONDS + 2;
  await new Promise((resolve) => setTimeout(resolve, Math.max(seconds, 0) * 1000));
}
