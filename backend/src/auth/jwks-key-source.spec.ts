import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadBackendConfig } from '../config/backend-config.js';
import { AppLogger } from '../logging/app-logger.js';
import { ClientIdDriftWarner } from './client-id-drift.warner.js';
import { SystemClock } from './clock.js';
import { JwksKeySource } from './jwks-key-source.js';
import { KeyLookupError } from './key-source.js';

const rsa = (bits: number) =>
  generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' });

describe('JwksKeySource parsing', () => {
  let server: Server;
  let body = '';
  let baseUrl = '';

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function source(): JwksKeySource {
    const config = loadBackendConfig({
      WORKOS_CLIENT_ID: 'client_1',
      WORKOS_API_BASE_URL: baseUrl,
    });
    const clock = new SystemClock();
    const logger = new AppLogger({ level: 'silent' });
    return new JwksKeySource(config, clock, new ClientIdDriftWarner(config, clock, logger), logger);
  }

  it('keeps only RSA signing keys of at least 2048 bits', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      format: 'jwk',
    });
    body = JSON.stringify({
      keys: [
        { ...rsa(2048), kid: 'good', alg: 'RS256', use: 'sig' },
        { ...rsa(2048), kid: 'no-alg-no-use' },
        { ...rsa(1024), kid: 'weak', alg: 'RS256' },
        { ...rsa(2048), kid: 'encryption', use: 'enc' },
        { ...rsa(2048), kid: 'rs512', alg: 'RS512' },
        { ...ec, kid: 'ec', alg: 'ES256' },
        { kty: 'RSA', kid: 'broken', n: '!!', e: 'AQAB' },
        'not an object',
      ],
    });
    const keys = source();
    expect(await keys.status()).toMatchObject({ reachable: true, keyCount: 2 });
    await expect(keys.getKey('good')).resolves.toMatchObject({ type: 'public' });
    await expect(keys.getKey('no-alg-no-use')).resolves.toMatchObject({ type: 'public' });
    for (const kid of ['weak', 'encryption', 'rs512', 'ec', 'broken']) {
      await expect(keys.getKey(kid)).rejects.toEqual(new KeyLookupError('unknown_key'));
    }
  });

  it('treats a non-JWKS answer as unreachable', async () => {
    body = '<html>login</html>';
    const keys = source();
    expect(await keys.status()).toMatchObject({ reachable: false, keyCount: 0 });
    await expect(keys.getKey('any')).rejects.toEqual(new KeyLookupError('unavailable'));
  });
});
