import type { KeyObject } from 'node:crypto';

/** Why no key could be returned. */
export type KeyLookupFailure = 'unknown_key' | 'unavailable';

/** Thrown by {@link KeySource.getKey}. */
export class KeyLookupError extends Error {
  override readonly name = 'KeyLookupError';
  constructor(readonly reason: KeyLookupFailure) {
    super(reason === 'unknown_key' ? 'no key with this kid' : 'key source unavailable');
  }
}

/** What `/health/ready` reports about the key source. */
export interface KeySourceStatus {
  /** The last JWKS fetch succeeded. */
  readonly reachable: boolean;
  /** Number of usable keys held. */
  readonly keyCount: number;
  /** When the keys were last fetched successfully (ms since epoch), if ever. */
  readonly fetchedAt: number | undefined;
}

/** Told which kids left the key set: removed from it, or now naming another key. */
export type KeysRetiredListener = (kids: ReadonlySet<string>) => void;

/**
 * Where the guard gets verification keys. The production implementation is {@link JwksKeySource};
 * the test kit replaces only this provider.
 */
export abstract class KeySource {
  private readonly retiredListeners: KeysRetiredListener[] = [];

  /**
   * Returns the public key for `kid`.
   *
   * @param options.allowFetch when false, answer from memory only (public routes never wait on the JWKS).
   * @throws KeyLookupError `unknown_key` or `unavailable` (no usable key and the JWKS unreachable).
   */
  abstract getKey(kid: string, options?: { allowFetch?: boolean }): Promise<KeyObject>;

  /** Current state; may start a refresh (subject to the cooldown) when no keys are held. */
  abstract status(): Promise<KeySourceStatus>;

  /**
   * Subscribes to key retirement, so what was verified with a retired key is not trusted any
   * longer. Listeners run synchronously, before the new key set answers any lookup.
   */
  onKeysRetired(listener: KeysRetiredListener): void {
    this.retiredListeners.push(listener);
  }

  /** For implementations: announce the kids that left the key set. */
  protected retire(kids: ReadonlySet<string>): void {
    if (kids.size === 0) return;
    for (const listener of this.retiredListeners) listener(kids);
  }
}
