import { webcrypto } from 'node:crypto';

/** A freshly generated RSA signing key with its self-signed certificate, both DER, base64. */
export interface GeneratedKeyMaterial {
  privatePkcs8: string;
  certificateDer: string;
}

const RSA_ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

/**
 * Generates an RSA-2048 key pair and a self-signed X.509 certificate for it (CN `auth.workos.com`, like production's
 * `x5c`), so the JWKS can carry `x5c` and `x5t#S256`.
 */
export async function generateKeyMaterial(nowMs: number): Promise<GeneratedKeyMaterial> {
  // @peculiar/x509 resolves its internals through tsyringe, which needs the Reflect metadata polyfill loaded first;
  // importing lazily also keeps start-up fast when the keys already exist in the data dir.
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  const keys = await webcrypto.subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify']);
  const serial = Buffer.from(webcrypto.getRandomValues(new Uint8Array(12)));
  serial[0] = (serial[0] ?? 0) & 0x7f; // a positive serial number
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial.toString('hex'),
      name: 'CN=auth.workos.com',
      notBefore: new Date(nowMs - 60_000),
      notAfter: new Date(nowMs + 10 * 365 * 24 * 3600 * 1000),
      signingAlgorithm: RSA_ALGORITHM,
      keys,
    },
    webcrypto,
  );
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    privatePkcs8: Buffer.from(pkcs8).toString('base64'),
    certificateDer: Buffer.from(certificate.rawData).toString('base64'),
  };
}
