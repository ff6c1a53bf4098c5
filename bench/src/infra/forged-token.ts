import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Mints RS256 tokens that look like WorkOS access tokens (right issuer, live `exp`) but carry a
 * random `kid` and are signed by a key nobody published: what an attacker floods a backend with to
 * make it hammer the JWKS endpoint. Hand-written with `node:crypto` because it is ten lines and
 * keeps jose out of this process's import graph.
 */
export class ForgedTokens {
  private readonly key: KeyObject = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  constructor(private readonly issuer: string) {}

  /** A token with a fresh random kid. */
  mint(): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url({
      alg: 'RS256',
      typ: 'JWT',
      kid: `sso_oidc_key_pair_${randomUUID()}`,
    });
    const payload = base64url({
      iss: this.issuer,
      sub: 'user_forged',
      sid: 'session_forged',
      jti: randomUUID(),
      iat: now,
      exp: now + 600,
    });
    const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), this.key);
    return `${header}.${payload}.${signature.toString('base64url')}`;
  }
}
