import { readFileSync } from 'node:fs';
import type { Seed } from './seed.types.js';
import { SeedError, validateSeed } from './seed.validate.js';

/** Reads and validates a JSON seed file; throws {@link SeedError} with every problem found. */
export function loadSeedFile(path: string): Seed {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new SeedError([`cannot read ${path} as JSON: ${(error as Error).message}`]);
  }
  return validateSeed(raw);
}
