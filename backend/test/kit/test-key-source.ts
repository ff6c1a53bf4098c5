import type { KeyObject } from 'node:crypto';
import { KeyLookupError, KeySource, type KeySourceStatus } from '../../src/auth/key-source.js';
import type { TestIssuer } from './test-issuer.js';

/**
 * In-memory key source reading the issuer's current public keys: the one provider the default
 * test app replaces. Everything downstream (strategy, guards, decorators) is the real code.
 */
export class TestKeySource extends KeySource {
  /** How many times a key was asked for (each full verification asks once; a cache hit never). */
  lookups = 0;

  constructor(private readonly issuer: TestIssuer) {
    super();
  }

  override getKey(kid: string): Promise<KeyObject> {
    this.lookups += 1;
    const key = this.issuer.publicKeys().get(kid);
    return key ? Promise.resolve(key) : Promise.reject(new KeyLookupError('unknown_key'));
  }

  override status(): Promise<KeySourceStatus> {
    return Promise.resolve({
      reachable: true,
      keyCount: this.issuer.publicKeys().size,
      fetchedAt: Date.now(),
    });
  }
}
