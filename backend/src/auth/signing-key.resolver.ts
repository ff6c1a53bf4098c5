import type { KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BACKEND_CONFIG } from '../config/config.tokens.js';
import type { BackendConfig } from '../config/backend-config.js';
import { ClientIdDriftWarner } from './client-id-drift.warner.js';
import { KeyLookupError, KeySource } from './key-source.js';
import { KeysUnavailable, TokenRejection } from './token-rejection.js';

/** The only algorithm WorkOS uses and the only one accepted. */
export const ALLOWED_ALGORITHM = 'RS256';

function decodeSegment(segment: string | undefined): Record<string, unknown> {
  if (segment === undefined || !/^[A-Za-z0-9_-]+$/.test(segment)) {
    throw new TokenRejection('token_malformed');
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new TokenRejection('token_malformed');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TokenRejection('token_malformed');
  }
  return value as Record<string, unknown>;
}

/** The `kid` header of a token that passed verification (so its header decodes). */
export function verifiedKid(token: string): string {
  const kid = decodeSegment(token.slice(0, token.indexOf('.')))['kid'];
  return typeof kid === 'string' ? kid : '';
}

/**
 * Picks the verification key for a token, after cheap checks on the unverified header and payload.
 * These checks only ever reject (the signature is verified afterwards by jsonwebtoken): a token
 * with another algorithm or issuer is refused before any key lookup, so it can never trigger a
 * JWKS fetch. Header parameters such as `jku`, `jwk`, `x5u` and `x5c` are never used: keys come
 * only from the configured JWKS.
 */
@Injectable()
export class SigningKeyResolver {
  private readonly issuers: ReadonlySet<string>;

  constructor(
    @Inject(BACKEND_CONFIG) config: BackendConfig,
    private readonly keySource: KeySource,
    private readonly drift: ClientIdDriftWarner,
  ) {
    this.issuers = new Set(config.issuers);
  }

  /**
   * @param allowFetch false on public routes: answer from cached keys only.
   * @throws TokenRejection or KeysUnavailable
   */
  async resolve(token: string, allowFetch: boolean): Promise<KeyObject> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new TokenRejection('token_malformed');
    const header = decodeSegment(parts[0]);
    const payload = decodeSegment(parts[1]);
    if (header['alg'] !== ALLOWED_ALGORITHM) throw new TokenRejection('algorithm_not_allowed');
    if (typeof payload['iss'] !== 'string' || !this.issuers.has(payload['iss'])) {
      this.drift.issuerMismatch(payload['iss']);
      throw new TokenRejection('issuer_mismatch');
    }
    const kid = header['kid'];
    if (typeof kid !== 'string' || kid.length === 0 || kid.length > 256) {
      throw new TokenRejection('unknown_key');
    }
    try {
      return await this.keySource.getKey(kid, { allowFetch });
    } catch (error) {
      if (error instanceof KeyLookupError) {
        if (error.reason === 'unavailable') throw new KeysUnavailable();
        throw new TokenRejection('unknown_key');
      }
      throw error;
    }
  }
}
