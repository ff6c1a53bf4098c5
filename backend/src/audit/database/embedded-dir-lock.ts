import { mkdirSync } from 'node:fs';
import lockfile from 'proper-lockfile';

/** A lock not refreshed for this long is taken over (its holder died). */
const STALE_MS = 15_000;

/** Retries spanning a little more than {@link STALE_MS}. */
const WAIT_FOR_STALE = { retries: 10, factor: 1.3, minTimeout: 500, maxTimeout: 3_000 };

/** Thrown when another live process holds the data directory. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(readonly dataDir: string) {
    super(
      `the audit data directory ${dataDir} is in use by another process (PGlite is single-process: ` +
        'give each backend its own AUDIT_DATA_DIR, or share PostgreSQL through DATABASE_URL)',
    );
  }
}

/**
 * Takes the inter-process lock of an embedded data directory (`<dir>.lock`, refreshed while held),
 * so a second process cannot open the same PGlite files and corrupt them. A lock left by a process
 * that died goes stale after {@link STALE_MS}; opening waits that long for it at most.
 *
 * @param options `waitForStale: false` fails at once when the lock is held.
 * @param onCompromised called if the lock is lost while held (e.g. the event loop stalled past
 *   the stale time and another process took it over).
 * @returns the release function.
 */
export async function lockDataDir(
  dataDir: string,
  onCompromised: (error: Error) => void,
  options: { readonly waitForStale?: boolean } = {},
): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, {
      stale: STALE_MS,
      retries: options.waitForStale === false ? 0 : WAIT_FOR_STALE,
      onCompromised,
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw error;
  }
}
