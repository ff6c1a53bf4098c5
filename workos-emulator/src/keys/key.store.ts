import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { Clock } from '../util/clock.js';
import { prefixedId } from '../util/ids.js';
import { generateKeyMaterial } from './certificate.js';

/** One key of production's `JwksResponse`. */
export interface JwksKey {
  alg: 'RS256';
  kty: 'RSA';
  use: 'sig';
  x5c: string[];
  n: string;
  e: string;
  kid: string;
  'x5t#S256': string;
}

/** Production's `JwksResponse`. */
export interface JwksResponse {
  keys: JwksKey[];
}

/** The key that signs new access tokens. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

interface KeyRow {
  kid: string;
  private_pkcs8: string;
  certificate_der: string;
  created_at: number;
  retire_at: number | null;
}

/**
 * Signing keys, persisted in the state database. The newest non-retired key signs; `rotate()` retires the current keys
 * after an overlap during which they stay in the JWKS, so tokens they signed keep verifying.
 */
export class KeyStore {
  private readonly privateKeys = new Map<string, KeyObject>();
  private readonly publicJwks = new Map<string, JwksKey>();

  constructor(
    private readonly db: DatabaseSync,
    private readonly clock: Clock,
  ) {}

  /** Creates the first key unless the database already has an active one. */
  async ensureActiveKey(): Promise<void> {
    if (this.activeRow() === undefined) await this.addKey();
  }

  /**
   * Publishes a new signing key; the previous ones stay in the JWKS for `overlapSeconds`, then disappear.
   * Returns the new `kid`.
   */
  async rotate(overlapSeconds: number): Promise<string> {
    const retireAt = this.clock() + Math.max(0, overlapSeconds) * 1000;
    const kid = await this.addKey();
    this.db
      .prepare('UPDATE signing_keys SET retire_at = ? WHERE retire_at IS NULL AND kid <> ?')
      .run(retireAt, kid);
    return kid;
  }

  /** The key that signs new tokens. */
  signingKey(): SigningKey {
    const row = this.activeRow();
    if (row === undefined)
      throw new Error('no active signing key (ensureActiveKey() was not awaited)');
    return { kid: row.kid, privateKey: this.privateKeyOf(row) };
  }

  /** Production's JWKS document: the active key first, then keys still inside their overlap. */
  jwks(): JwksResponse {
    const rows = this.db
      .prepare(
        'SELECT * FROM signing_keys WHERE retire_at IS NULL OR retire_at > ? ORDER BY created_at DESC, rowid DESC',
      )
      .all(this.clock()) as unknown as KeyRow[];
    return { keys: rows.map((row) => this.jwkOf(row)) };
  }

  private async addKey(): Promise<string> {
    const now = this.clock();
    const material = await generateKeyMaterial(now);
    const kid = prefixedId('sso_oidc_key_pair', now);
    this.db
      .prepare(
        'INSERT INTO signing_keys (kid, private_pkcs8, certificate_der, created_at) VALUES (?, ?, ?, ?)',
      )
      .run(kid, material.privatePkcs8, material.certificateDer, now);
    return kid;
  }

  private activeRow(): KeyRow | undefined {
    return this.db
      .prepare(
        'SELECT * FROM signing_keys WHERE retire_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1',
      )
      .get() as unknown as KeyRow | undefined;
  }

  private privateKeyOf(row: KeyRow): KeyObject {
    let key = this.privateKeys.get(row.kid);
    if (key === undefined) {
      key = createPrivateKey({
        key: Buffer.from(row.private_pkcs8, 'base64'),
        format: 'der',
        type: 'pkcs8',
      });
      this.privateKeys.set(row.kid, key);
    }
    return key;
  }

  private jwkOf(row: KeyRow): JwksKey {
    let jwk = this.publicJwks.get(row.kid);
    if (jwk === undefined) {
      const pub = createPublicKey(this.privateKeyOf(row)).export({ format: 'jwk' });
      const der = Buffer.from(row.certificate_der, 'base64');
      jwk = {
        alg: 'RS256',
        kty: 'RSA',
        use: 'sig',
        x5c: [row.certificate_der],
        n: String(pub.n),
        e: String(pub.e),
        kid: row.kid,
        'x5t#S256': createHash('sha256').update(der).digest('base64url'),
      };
      this.publicJwks.set(row.kid, jwk);
    }
    return jwk;
  }
}
