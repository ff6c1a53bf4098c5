import { Writable } from 'node:stream';

import express from 'express';
import request from 'supertest';

import { createHttpLogger, createLogger } from './logger.js';

/** An app logging into memory: one JSON object per line written. */
function loggedApp(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const app = express();
  app.use(createHttpLogger(createLogger(level, sink)));
  app.use('/api', (req, res) => {
    req.log.info({ event: 'handler.ran' }, 'handler ran');
    if (req.path === '/fail') return void res.status(502).json({ error: 'upstream' });
    res.set('Set-Cookie', 'gatehouse=s%3Asecret; Path=/').json({ ok: true });
  });
  return { app, lines };
}

describe('request logging', () => {
  it('writes one completion line per request, with the request id, and no credentials', async () => {
    const { app, lines } = loggedApp();
    const res = await request(app)
      .get('/api/admin/me?code=secret-code')
      .set('Cookie', 'gatehouse=s%3Asession-id.sig')
      .set('Authorization', 'Bearer secret-token')
      .set('X-CSRF', '1');
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const completion = lines.filter((line) => line['msg'] === 'request completed');
    expect(completion).toHaveLength(1);
    expect(completion[0]).toMatchObject({
      level: 30,
      reqId: id,
      req: {
        id,
        method: 'GET',
        path: '/api/admin/me',
        headers: { cookie: '[redacted]', authorization: '[redacted]', 'x-csrf': '[redacted]' },
      },
      res: { statusCode: 200, headers: { 'set-cookie': '[redacted]', 'x-request-id': id } },
    });
    expect(typeof completion[0]!['responseTime']).toBe('number');
    // Lines logged while handling carry the request id, not the request.
    const handler = lines.find((line) => line['event'] === 'handler.ran')!;
    expect(handler['reqId']).toBe(id);
    expect(handler['req']).toBeUndefined();
    const text = JSON.stringify(lines);
    for (const secret of ['secret-code', 'session-id', 'secret-token', 's%3Asecret']) {
      expect(text).not.toContain(secret);
    }
  });

  it('logs a 5xx answer at error level', async () => {
    const { app, lines } = loggedApp();
    await request(app).get('/api/fail');
    const completion = lines.filter((line) => typeof line['responseTime'] === 'number');
    expect(completion).toHaveLength(1);
    expect(completion[0]).toMatchObject({
      level: 50,
      req: { method: 'GET', path: '/api/fail' },
      res: { statusCode: 502 },
      err: { message: 'failed with status code 502' },
    });
  });

  it('writes nothing per request below its level', async () => {
    const { app, lines } = loggedApp('warn');
    await request(app).get('/api/admin/me');
    expect(lines).toEqual([]);
  });
});
