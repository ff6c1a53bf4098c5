import { Writable } from 'node:stream';

import express from 'express';
import request from 'supertest';

import { AppLogger } from './app-logger.js';
import { createRequestLogger } from './request-logger.js';

/** An app logging into memory at `level`: one JSON object per line written. */
function loggedApp(level: 'info' | 'warn' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const app = express();
  app.use(createRequestLogger(new AppLogger({ level, stream })));
  app.get('/admin/me', (_req, res) => {
    res.set('Set-Cookie', 'leak=secret-cookie').json({ ok: true });
  });
  app.get('/broken', (_req, res) => {
    res.status(503).json({ code: 'down' });
  });
  return { app, lines };
}

describe('request logging', () => {
  it('writes one completion line per request: id, method, path without query, no credentials', async () => {
    const { app, lines } = loggedApp();
    const res = await request(app)
      .get('/admin/me?token=secret-query')
      .set('Authorization', 'Bearer secret-token')
      .set('Cookie', 'gatehouse=secret-session')
      .set('X-Request-Id', 'req-7');

    expect(res.headers['x-request-id']).toBe('req-7');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      service: 'gatehouse-backend',
      req: {
        id: 'req-7',
        method: 'GET',
        url: '/admin/me',
        remoteAddress: expect.stringMatching(/127\.0\.0\.1/),
        headers: { authorization: '[redacted]', cookie: '[redacted]' },
      },
      res: { statusCode: 200, headers: { 'set-cookie': '[redacted]' } },
    });
    expect(typeof lines[0]!['responseTime']).toBe('number');
    const text = JSON.stringify(lines);
    for (const secret of ['secret-query', 'secret-token', 'secret-session', 'secret-cookie']) {
      expect(text).not.toContain(secret);
    }
  });

  it('generates an id when the incoming one is missing or malformed', async () => {
    const { app, lines } = loggedApp();
    const res = await request(app).get('/admin/me').set('X-Request-Id', 'bad id {forged}');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((lines[0]!['req'] as { id: string }).id).toBe(res.headers['x-request-id']);
  });

  it('logs 5xx answers at error level and writes nothing below the configured level', async () => {
    const { app, lines } = loggedApp('warn');
    await request(app).get('/admin/me');
    await request(app).get('/broken');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, res: { statusCode: 503 } });
  });
});
