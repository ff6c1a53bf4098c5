import * as Iron from 'iron-webcrypto';

import type { Clock } from '../clock.js';

/**
 * Seals and unseals JSON with iron (AES-256-CBC + HMAC-SHA256, the format `iron-session` and the
 * WorkOS SDK use), keyed by `WORKOS_COOKIE_PASSWORD`. Used for tokens at rest and for the login
 * transaction cookie. The injected clock drives iron's own expiry check.
 */
export class Sealer {
  constructor(
    private readonly password: string,
    private readonly clock: Clock,
  ) {
    if (password.length < 32)
      throw new Error('The sealing password must be at least 32 characters');
  }

  /** Seals `value`; with `ttlMs` > 0 the seal stops opening after that long. */
  seal(value: unknown, ttlMs = 0): Promise<string> {
    return Iron.seal(value, this.password, { ...Iron.defaults, ttl: ttlMs, ...this.timing() });
  }

  /** Opens a seal; returns `undefined` for anything tampered, expired, foreign or malformed. */
  async unseal<T>(sealed: string): Promise<T | undefined> {
    try {
      return (await Iron.unseal(sealed, this.password, {
        ...Iron.defaults,
        ...this.timing(),
      })) as T;
    } catch {
      return undefined;
    }
  }

  private timing(): { localtimeOffsetMsec: number; timestampSkewSec: number } {
    return { localtimeOffsetMsec: this.clock() - Date.now(), timestampSkewSec: 0 };
  }
}
