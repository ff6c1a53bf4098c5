import { signInThroughBff, signOutOfBff } from './bff-login.js';

/** Options of {@link signInBatch}. */
export interface SignInBatchOptions {
  readonly bffUrl: string;
  readonly email: string;
  /** Sign-ins to complete. */
  readonly count: number;
  /** Sign-ins in flight at once. */
  readonly concurrency: number;
  /** Log every new session out again (`POST /auth/logout`), so the batch leaves no live session. */
  readonly logout: boolean;
}

/**
 * Signs in `count` times through the real flow with `concurrency` sign-ins in flight and returns the
 * sign-ins per second. The first failure rejects the batch (after the other workers stop starting
 * new sign-ins): a benchmark must not count sessions that were never created.
 */
export async function signInBatch(options: SignInBatchOptions): Promise<number> {
  const { bffUrl, email, count, concurrency, logout } = options;
  const start = performance.now();
  let started = 0;
  let failed = false;
  const worker = async () => {
    while (started < count && !failed) {
      started += 1;
      try {
        const cookie = await signInThroughBff(bffUrl, email);
        if (logout) await signOutOfBff(bffUrl, cookie);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  return count / ((performance.now() - start) / 1000);
}
