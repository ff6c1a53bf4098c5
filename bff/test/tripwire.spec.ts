import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import request from 'supertest';

import { Sealer } from '../src/crypto/seal.js';
import { fakeAccessToken } from './support/planted-session.js';
import { Tripwire } from './support/tripwire.js';

describe('the token tripwire itself', () => {
  it('catches a token (or its JWT payload alone) in a response body, a header or a log line', async () => {
    const token = fakeAccessToken({ sid: 'session_x', expSeconds: 2_000_000_000 });
    const payload = token.split('.')[1]!;
    const tripwire = new Tripwire();
    const server = createServer((req, res) => {
      if (req.url === '/header') res.setHeader('x-leak', token);
      res.end(req.url === '/body' ? `{"t":"${payload}"}` : 'clean');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    tripwire.watch(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await request(url).get('/clean');
    tripwire.addSecret(token);
    expect(tripwire.leaks()).toEqual([]);
    await request(url).get('/body');
    await request(url).get('/header');
    tripwire.logStream.write(`{"msg":"oops","token":"${token}"}\n`);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const places = new Set(tripwire.leaks().map((leak) => leak.split(':')[0]));
    expect(places).toEqual(new Set(['GET /body -> 200', 'GET /header -> 200', 'log']));
  });

  it('learns tokens from sealed store rows', async () => {
    const password = 'p'.repeat(32);
    const sealed = await new Sealer(password, () => Date.now()).seal({
      accessToken: 'at_secret_value',
      refreshToken: 'rt_secret_value',
    });
    const tripwire = new Tripwire();
    await tripwire.addSealedFrom([JSON.stringify({ auth: { sealedTokens: sealed } })], password);
    tripwire.recordText('response', 'something rt_secret_value');
    expect(tripwire.leaks()).toEqual(['response: contains rt_secre…']);
  });
});
