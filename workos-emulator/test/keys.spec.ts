import { createVerify, X509Certificate, createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADA, MAX, createEmulator, type Emulator, type JwksResponse } from '../src/index.js';
import { decodePart, sdkFor } from './sdk.helpers.js';

/** Verifies an RS256 JWT with a PEM public key (node:crypto: no second JWT library in the test). */
function rs256Valid(token: string, publicKeyPem: string): boolean {
  const [header, payload, signature] = token.split('.');
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  return verifier.verify(publicKeyPem, Buffer.from(signature ?? '', 'base64url'));
}

async function jwks(emulator: Emulator): Promise<JwksResponse> {
  return (await (await fetch(emulator.jwksUrl)).json()) as JwksResponse;
}

// jwks-rsa (CommonJS) require()s jose, which the emulator already loaded as ESM: a static import would be a
// require(esm) cycle under Jest, so it is loaded once the static graph is done.
let jwksRsa: typeof import('jwks-rsa');

describe('signing keys', () => {
  let dataDir: string;

  beforeAll(async () => {
    jwksRsa = (await import('jwks-rsa')).default;
  });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'workos-emulator-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes x5c/x5t#S256 of a self-signed certificate for the signing key', async () => {
    const emulator = await createEmulator({ port: 0 });
    try {
      const { keys } = await jwks(emulator);
      expect(keys).toHaveLength(1);
      const key = keys[0];
      const der = Buffer.from(key?.x5c[0] ?? '', 'base64');
      const cert = new X509Certificate(der);
      expect(cert.subject).toBe('CN=auth.workos.com');
      expect(cert.checkIssued(cert)).toBe(true);
      expect(createHash('sha256').update(der).digest('base64url')).toBe(key?.['x5t#S256']);
      const certJwk = cert.publicKey.export({ format: 'jwk' });
      expect(certJwk.n).toBe(key?.n);
      expect(certJwk.e).toBe(key?.e);
    } finally {
      await emulator.close();
    }
  });

  it('a jwks-rsa client (the backend kind) verifies an access token', async () => {
    const emulator = await createEmulator({ port: 0 });
    try {
      const { accessToken } = await emulator.issueSession({ email: ADA.email });
      const client = jwksRsa({ jwksUri: emulator.jwksUrl, cache: false });
      const kid = String(decodePart(accessToken, 0)['kid']);
      const key = await client.getSigningKey(kid);
      expect(rs256Valid(accessToken, key.getPublicKey())).toBe(true);
      const tampered = accessToken.replace(
        /\.[^.]+\./,
        `.${Buffer.from('{"sub":"x"}').toString('base64url')}.`,
      );
      expect(rs256Valid(tampered, key.getPublicKey())).toBe(false);
      await expect(client.getSigningKey('sso_oidc_key_pair_unknown')).rejects.toThrow();
    } finally {
      await emulator.close();
    }
  });

  it('survive a restart with the same data dir, and so do live sessions', async () => {
    const first = await createEmulator({ port: 0, dataDir });
    const issued = await first.issueSession({ email: MAX.email });
    const before = await jwks(first);
    await first.close();

    const second = await createEmulator({ port: 0, dataDir });
    try {
      const after = await jwks(second);
      expect(after.keys.map((k) => k.kid)).toEqual(before.keys.map((k) => k.kid));
      expect(after.keys[0]?.n).toBe(before.keys[0]?.n);
      const key = await jwksRsa({ jwksUri: second.jwksUrl }).getSigningKey(
        String(decodePart(issued.accessToken, 0)['kid']),
      );
      expect(rs256Valid(issued.accessToken, key.getPublicKey())).toBe(true);
      // The refresh token minted before the restart still works (only its hash was stored).
      const refreshed = await sdkFor(second).userManagement.authenticateWithRefreshToken({
        refreshToken: issued.refreshToken,
      });
      expect(decodePart(refreshed.accessToken, 1)['sid']).toBe(issued.sessionId);
    } finally {
      await second.close();
    }
  });

  it('a different data dir (or none) means different keys', async () => {
    const a = await createEmulator({ port: 0, dataDir });
    const b = await createEmulator({ port: 0 });
    try {
      expect((await jwks(a)).keys[0]?.kid).not.toBe((await jwks(b)).keys[0]?.kid);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('rotateKeys() signs with the new key and keeps the old one for the overlap only', async () => {
    let now = Date.now();
    const emulator = await createEmulator({ port: 0, now: () => now, keyOverlapSeconds: 600 });
    try {
      const old = await emulator.issueSession({ email: ADA.email });
      const oldKid = String(decodePart(old.accessToken, 0)['kid']);
      const newKid = await emulator.rotateKeys();
      expect(newKid).toMatch(/^sso_oidc_key_pair_/);
      expect(newKid).not.toBe(oldKid);
      expect((await jwks(emulator)).keys.map((k) => k.kid)).toEqual([newKid, oldKid]);

      const fresh = await emulator.issueSession({ email: ADA.email });
      expect(decodePart(fresh.accessToken, 0)['kid']).toBe(newKid);
      const client = jwksRsa({ jwksUri: emulator.jwksUrl, cache: false });
      expect(rs256Valid(old.accessToken, (await client.getSigningKey(oldKid)).getPublicKey())).toBe(
        true,
      );

      now += 601_000;
      expect((await jwks(emulator)).keys.map((k) => k.kid)).toEqual([newKid]);
      await expect(client.getSigningKey(oldKid)).rejects.toThrow();
    } finally {
      await emulator.close();
    }
  });
});
