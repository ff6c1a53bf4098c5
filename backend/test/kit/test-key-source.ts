import type { KeyObject } from 'node:crypto';
import { KeyLookupError, KeySource, type KeySourceStatus } from '../../src/auth/key-source.js';
import type { TestIssuer } from './test-issuer.js';

/**
 * In-memory key source reading the issuer's current public keys: the one provider the default
 * test app replaces. Everything downstream (strategy, guards, decorators) is the real code.
 */
export class TestKeySource extends KeySource {
  constructor(private readonly issuer: TestIssuer) {
    super();
  }

  override getKey(kid: string): Promise<KeyObject> {
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
