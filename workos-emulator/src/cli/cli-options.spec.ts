import { CliUsageError, parseCli } from './cli-options.js';

describe('parseCli', () => {
  it('defaults to port 4100 on 127.0.0.1 without test controls', () => {
    expect(parseCli([])).toEqual({ port: 4100, host: '127.0.0.1', enableTestControls: false });
  });

  it('reads a webhook endpoint (URL and secret together)', () => {
    expect(
      parseCli([
        '--webhook-url',
        'http://127.0.0.1:3000/auth/webhooks/workos',
        '--webhook-secret',
        'whsec_x',
      ]),
    ).toMatchObject({
      webhooks: [{ url: 'http://127.0.0.1:3000/auth/webhooks/workos', secret: 'whsec_x' }],
    });
    expect(() => parseCli(['--webhook-url', 'http://127.0.0.1/x'])).toThrow(CliUsageError);
    expect(() => parseCli(['--webhook-secret', 's'])).toThrow(/go together/);
    expect(() => parseCli(['--webhook-url', 'ftp://x', '--webhook-secret', 's'])).toThrow(
      /http\(s\)/,
    );
  });

  it('reads every option the stack launcher passes', () => {
    expect(
      parseCli([
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--seed',
        's.json',
        '--data-dir',
        'd',
        '--access-token-ttl',
        '20',
        '--refresh-grace',
        '0',
        '--max-session-length',
        '3600',
        '--enable-test-controls',
      ]),
    ).toEqual({
      maxSessionLengthSeconds: 3600,
      port: 0,
      host: '127.0.0.1',
      seed: 's.json',
      dataDir: 'd',
      accessTokenTtlSeconds: 20,
      refreshGraceSeconds: 0,
      enableTestControls: true,
    });
  });

  it.each([
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--access-token-ttl', '0']],
    [['--access-token-ttl', '-5']],
    [['--public-url', 'not a url']],
    [['--unknown']],
    [['positional']],
  ])('refuses %j', (argv) => {
    expect(() => parseCli(argv)).toThrow(CliUsageError);
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', 'gatehouse.example'])(
    'refuses --enable-test-controls on the non-loopback host %s (checklist 14.2), naming the setting',
    (host) => {
      expect(() => parseCli(['--host', host, '--enable-test-controls'])).toThrow(
        `--enable-test-controls is refused with --host ${host}`,
      );
      expect(parseCli(['--host', host])).toMatchObject({ host, enableTestControls: false });
    },
  );

  it('allows the test controls on loopback hosts', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) {
      expect(parseCli(['--host', host, '--enable-test-controls'])).toMatchObject({
        enableTestControls: true,
      });
    }
  });

  it('recognises --help', () => {
    expect(parseCli(['-h'])).toBe('help');
  });
});
