import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Development-only secrets, generated once per checkout and kept under `.data/`. */
export interface DevSecrets {
  /** Seals tokens at rest and signs the BFF's cookies (>= 32 characters). */
  cookiePassword: string;
  /** Signs the emulator's webhooks to the BFF (`WORKOS_WEBHOOK_SECRET`). */
  webhookSecret: string;
}

const FILE_NAME = 'dev-secrets.json';

function usable(value: unknown, key: keyof DevSecrets): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field.length >= 32 ? field : undefined;
}

/**
 * Reads `<dataDir>/dev-secrets.json`, creating it (mode 0600) with fresh random values when it is
 * missing or unusable. The same values are then used on every start, so sessions survive restarts.
 */
export function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, FILE_NAME);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // Missing or unreadable: create below.
  }
  const cookiePassword = usable(parsed, 'cookiePassword');
  const webhookSecret = usable(parsed, 'webhookSecret');
  if (cookiePassword && webhookSecret) return { cookiePassword, webhookSecret };
  // A value that is missing (older files have no webhook secret) is added; a usable one is kept.
  const secrets: DevSecrets = {
    cookiePassword: cookiePassword ?? randomBytes(32).toString('base64url'),
    webhookSecret: webhookSecret ?? randomBytes(32).toString('base64url'),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
