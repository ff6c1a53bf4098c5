import { WorkOS } from '@workos-inc/node';
import type { Emulator } from '../src/index.js';

/** The redirect URI the default seed registers. */
export const CALLBACK = 'http://localhost:3000/auth/callback';
/** A cookie password of the length the SDK requires. */
export const COOKIE_PASSWORD = 'a-test-cookie-password-of-32-chars!!';

/** The real SDK pointed at the emulator, without retries. */
export function sdkFor(emulator: Emulator, apiKey: string | undefined = emulator.apiKey): WorkOS {
  const options = {
    clientId: emulator.clientId,
    apiHostname: '127.0.0.1',
    https: false,
    port: emulator.port,
    maxRetries: 0,
  };
  return apiKey === undefined ? new WorkOS(options) : new WorkOS(apiKey, options);
}

/** Decodes a JWT part without verifying (tests only). */
export function decodePart(token: string, index: 0 | 1): Record<string, unknown> {
  const part = token.split('.')[index] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
