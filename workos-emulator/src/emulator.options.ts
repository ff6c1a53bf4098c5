import { EmulatorUsageError, type EmulatorOptions } from './emulator.types.js';
import { defaultSeed } from './seed/default-seed.js';
import { loadSeedFile } from './seed/seed.loader.js';
import type { Seed } from './seed/seed.types.js';
import { validateSeed } from './seed/seed.validate.js';

/** A numeric option: `fallback` when absent, else a finite number > 0 (or >= 0 with `allowZero`). */
export function positiveNumber(
  name: string,
  value: number | undefined,
  fallback: number,
  allowZero = false,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (!allowZero && value === 0)
  ) {
    throw new EmulatorUsageError(
      `${name} must be a ${allowZero ? 'non-negative' : 'positive'} number`,
    );
  }
  return value;
}

/** The seed to run: given or default, plus the extra URIs of the options, edited, validated. */
export function resolveSeed(options: EmulatorOptions): Seed {
  const base =
    options.seed === undefined
      ? defaultSeed()
      : typeof options.seed === 'string'
        ? loadSeedFile(options.seed)
        : options.seed;
  let seed = validateSeed(base);
  for (const client of seed.clients) {
    client.redirectUris.push(
      ...(options.redirectUris ?? []).filter((u) => !client.redirectUris.includes(u)),
    );
    client.logoutReturnUris.push(
      ...(options.logoutReturnUris ?? []).filter((u) => !client.logoutReturnUris.includes(u)),
    );
  }
  // Validated again: the extra URIs and the edit must obey the same rules as a seed file.
  if (options.editSeed !== undefined) seed = options.editSeed(seed) ?? seed;
  return validateSeed(seed);
}

/** The host part of the advertised URL (a wildcard bind is reached through loopback). */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
