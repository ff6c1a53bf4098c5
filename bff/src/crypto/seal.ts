import * as Iron from 'iron-webcrypto';

import type { Clock } from '../clock.js';
import { passwordList, subkey } from './subkeys.js';

/** One sealing key: iron's password id (named in each seal) and the secret. */
interface SealingKey {
  readonly id: string;
  readonly secret: string;
}

function sealingKey(password: string): SealingKey {
  return {
    id: subkey(password, 'sealing-key-id').toString('hex').slice(0, 16),
    secret: subkey(password, 'sealing').toString('hex'),
  };
}

/**
 * Seals and unseals JSON with iron (AES-256-CBC + HMAC-SHA256, the format `iron-session` and the
 * WorkOS SDK use), keyed by the sealing subkey of `WORKOS_COOKIE_PASSWORD`. Used for tokens at
 * rest and for the login transaction cookie. With several passwords (newest first) it seals with
 * the newest and opens what any of them sealed: each seal names its key by iron's password id (a
 * hash of a subkey, not the key). The injected clock drives iron's own expiry check.
 */
export class Sealer {
  private readonly current: SealingKey;
  private readonly all: Record<string, string>;
  private readonly clock: Clock;

  constructor(passwords: string | readonly string[], clock: Clock) {
    const keys = passwordList(passwords).map(sealingKey);
    this.current = keys[0]!;
    this.all = Object.fromEntries(keys.map((key) => [key.id, key.secret]));
    this.clock = clock;
  }

  /** Seals `value`; with `ttlMs` > 0 the seal stops opening after that long. */
  seal(value: unknown, ttlMs = 0): Promise<string> {
    return Iron.seal(value, this.current, { ...Iron.defaults, ttl: ttlMs, ...this.timing() });
  }

  /** Opens a seal; returns `undefined` for anything tampered, expired, foreign or malformed. */
  async unseal<T>(sealed: string): Promise<T | undefined> {
    try {
      return (await Iron.unseal(sealed, this.all, { ...Iron.defaults, ...this.timing() })) as T;
    } catch {
      return undefined;
    }
  }

  private timing(): { localtimeOffsetMsec: number; timestampSkewSec: number } {
    return { localtimeOffsetMsec: this.clock() - Date.now(), timestampSkewSec: 0 };
  }
}
