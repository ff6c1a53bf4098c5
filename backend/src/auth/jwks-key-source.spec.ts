import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadBackendConfig } from '../config/backend-config.js';
import { AppLogger } from '../logging/app-logger.js';
import { ClientIdDriftWarner } from './client-id-drift.warner.js';
import type { Clock } from '../clock.js';
import { JwksKeySource } from './jwks-key-source.js';
import { KeyLookupError } from './key-source.js';

const rsa = (bits: number) =>
  generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' });

/** A clock the test moves by hand. */
class ManualClock {
  current = Date.now();
  readonly now: Clock = () => this.current;
}

const TIMEOUT_MS = 300;

describe('JwksKeySource over jwks-rsa', () => {
  let server: Server;
  let body = '';
  let baseUrl = '';
  /** `json` answers `body`; `status` answers `statusCode`; `trickle` sends headers then a byte at a time; `hang` never answers. */
  let mode: 'json' | 'status' | 'trickle' | 'hang' = 'json';
  let statusCode = 500;
  let requests = 0;
  const timers = new Set<NodeJS.Timeout>();

  beforeEach(() => {
    mode = 'json';
    requests = 0;
  });
  afterEach(() => {
    for (const timer of timers) clearInterval(timer);
    timers.clear();
    server.closeAllConnections();
  });

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests += 1;
      if (mode === 'hang') return;
      if (mode === 'trickle') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"keys":[');
        // Always less idle time than the socket timeout: only an overall deadline ends this.
        const timer = setInterval(() => res.write(' '), TIMEOUT_MS / 4);
        timers.add(timer);
        return;
      }
      res.writeHead(mode === 'status' ? statusCode : 200, { 'content-type': 'application/json' });
      res.end(mode === 'status' ? '{"message":"nope"}' : body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function source(clock = new ManualClock()): JwksKeySource {
    const loaded = loadBackendConfig({
      WORKOS_CLIENT_ID: 'client_1',
      WORKOS_API_BASE_URL: baseUrl,
    });
    const config = { ...loaded, jwks: { ...loaded.jwks, timeoutMs: TIMEOUT_MS } };
    const logger = new AppLogger({ level: 'silent' });
    const drift = new ClientIdDriftWarner(config, clock.now, logger);
    return new JwksKeySource(config, clock.now, drift, logger);
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

  it('parses each key once: every lookup returns the same KeyObject', async () => {
    body = JSON.stringify({ keys: [{ ...rsa(2048), kid: 'k1', alg: 'RS256', use: 'sig' }] });
    const keys = source();
    const first = await keys.getKey('k1');
    expect(first.asymmetricKeyType).toBe('rsa');
    for (let i = 0; i < 5; i += 1) expect(await keys.getKey('k1')).toBe(first);
    expect(requests).toBe(1);
  });

  it('keeps the known keys when a later JWKS holds no usable key or answers an HTTP error', async () => {
    body = JSON.stringify({ keys: [{ ...rsa(2048), kid: 'k1' }] });
    const clock = new ManualClock();
    const keys = source(clock);
    const k1 = await keys.getKey('k1');

    body = JSON.stringify({ keys: [{ ...rsa(1024), kid: 'weak' }] });
    clock.current += 30_001;
    await expect(keys.getKey('weak')).rejects.toEqual(new KeyLookupError('unknown_key'));
    expect(await keys.getKey('k1')).toBe(k1);
    expect(await keys.status()).toMatchObject({ reachable: false, keyCount: 1 });

    mode = 'status';
    statusCode = 503;
    clock.current += 5_001;
    await expect(keys.getKey('other')).rejects.toEqual(new KeyLookupError('unknown_key'));
    expect(requests).toBe(3);
    expect(await keys.getKey('k1')).toBe(k1);
  });

  it.each([
    ['an HTTP 500', () => ((mode = 'status'), (statusCode = 500))],
    ['an empty key list', () => (body = '{"keys":[]}')],
    ['JSON null', () => (body = 'null')],
    ['a non-array keys member', () => (body = '{"keys":"x"}')],
  ])('answers unavailable, not unknown_key, for %s with no key known', async (_name, setUp) => {
    setUp();
    const keys = source();
    await expect(keys.getKey('any')).rejects.toEqual(new KeyLookupError('unavailable'));
    expect(await keys.status()).toMatchObject({ reachable: false, keyCount: 0 });
  });

  it('gives up on a JWKS that trickles its body, within the timeout (jwks-rsa alone never settles)', async () => {
    mode = 'trickle';
    const keys = source();
    const started = Date.now();
    await expect(keys.getKey('any')).rejects.toEqual(new KeyLookupError('unavailable'));
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 700);
  });

  it('abandons an in-flight fetch on shutdown', async () => {
    mode = 'hang';
    const keys = source();
    const pending = keys.getKey('any');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    keys.onModuleDestroy();
    await expect(pending).rejects.toEqual(new KeyLookupError('unavailable'));
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS / 2);
  });

  it('announces the kids a refetch retired: dropped, or naming another key; none on a failed fetch', async () => {
    const kept = { ...rsa(2048), kid: 'kept' };
    body = JSON.stringify({
      keys: [kept, { ...rsa(2048), kid: 'dropped' }, { ...rsa(2048), kid: 'reused' }],
    });
    const clock = new ManualClock();
    const keys = source(clock);
    const retired: string[][] = [];
    keys.onKeysRetired((kids) => retired.push([...kids]));
    expect(await keys.status()).toMatchObject({ keyCount: 3 });
    expect(retired).toEqual([]);

    body = JSON.stringify({ keys: [kept, { ...rsa(2048), kid: 'reused' }] });
    clock.current += 30_001;
    await expect(keys.getKey('new')).rejects.toEqual(new KeyLookupError('unknown_key'));
    expect(retired).toEqual([['dropped', 'reused']]);

    mode = 'status';
    clock.current += 30_001;
    await expect(keys.getKey('new')).rejects.toEqual(new KeyLookupError('unknown_key'));
    expect(requests).toBe(3);
    expect(retired).toHaveLength(1);
  });
});
