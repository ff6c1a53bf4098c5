import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Development-only secrets, generated once per checkout and kept under `.data/`. */
export interface DevSecrets {
  /** Seals tokens at rest and signs the BFF's cookies (>= 32 characters). */
  cookiePassword: string;
}

const FILE_NAME = 'dev-secrets.json';

function isDevSecrets(value: unknown): value is DevSecrets {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DevSecrets).cookiePassword === 'string' &&
    (value as DevSecrets).cookiePassword.length >= 32
  );
}

/**
 * Reads `<dataDir>/dev-secrets.json`, creating it (mode 0600) with fresh random values when it is
 * missing or unusable. The same values are then used on every start, so sessions survive restarts.
 */
export function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, FILE_NAME);
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (isDevSecrets(parsed)) return parsed;
  } catch {
    // Missing or unreadable: create below.
  }
  const secrets: DevSecrets = { cookiePassword: randomBytes(32).toString('base64url') };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
