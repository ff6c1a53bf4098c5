import { WorkOS } from '@workos-inc/node';
import { createEmulator, type Emulator, type EmulatorOptions } from '../src/index.js';

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

/** A suite's emulator, the SDK pointed at it, and the emulator's clock (see {@link useSdkEmulator}). */
export interface SdkEmulator {
  readonly emulator: Emulator;
  readonly workos: WorkOS;
  /** The emulator's current time, in ms; tests move it forward. */
  now: number;
}

/**
 * One emulator for the enclosing `describe` (closed after it, reset before each test) with the
 * unmodified SDK and a clock the tests set: `const t = useSdkEmulator(); … t.now += DAY`.
 */
export function useSdkEmulator(options: Omit<EmulatorOptions, 'port' | 'now'> = {}): SdkEmulator {
  const state = { now: Date.now() } as { emulator: Emulator; workos: WorkOS; now: number };
  beforeAll(async () => {
    state.emulator = await createEmulator({ ...options, port: 0, now: () => state.now });
    state.workos = sdkFor(state.emulator);
  });
  afterAll(async () => {
    await state.emulator.close();
  });
  beforeEach(() => {
    state.emulator.reset();
  });
  return state;
}
