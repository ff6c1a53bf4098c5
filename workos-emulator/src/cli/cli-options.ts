import { parseArgs } from 'node:util';
import type { EmulatorOptions } from '../emulator.types.js';
import { isLoopbackHost, testControlsRefusal } from '../util/loopback.js';

/** Usage text of `workos-emulator`. */
export const USAGE = `Usage: node dist/main.js [options]

A local, offline WorkOS AuthKit emulator. A development and test tool, never for production.

Options:
  --port <n>                 port to listen on (default 4100; 0 = random)
  --host <address>           interface to bind (default 127.0.0.1)
  --seed <file>              JSON seed file (default: the built-in seed)
  --data-dir <dir>           keep signing keys and sessions here (default: in memory, lost on exit)
  --public-url <url>         base URL used in tokens (default http://<host>:<port>)
  --access-token-ttl <s>     access-token lifetime in seconds (default 300)
  --refresh-grace <s>        refresh-token replay grace window in seconds (default 30)
  --max-session-length <s>   maximum session length in seconds (default 2592000, 30 days)
  --key-overlap <s>          how long rotated keys stay in the JWKS (default 3600)
  --webhook-url <url>        POST signed session.revoked events here (with --webhook-secret)
  --webhook-secret <secret>  signs WorkOS-Signature for --webhook-url
  --enable-test-controls     serve the /__emulator/* HTTP controls (off by default)
  -h, --help                 show this help
`;

/** Thrown for a bad command line; the message is meant for the user (`showUsage`: print the usage text after it). */
export class CliUsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
    this.name = 'CliUsageError';
  }
}

function seconds(name: string, value: string | undefined, allowZero: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || (!allowZero && n === 0)) {
    throw new CliUsageError(
      `--${name} must be a ${allowZero ? 'non-negative' : 'positive'} number`,
    );
  }
  return n;
}

/** Parses the command line into emulator options (or `'help'`). */
export function parseCli(argv: string[]): EmulatorOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        'data-dir': { type: 'string' },
        'public-url': { type: 'string' },
        'access-token-ttl': { type: 'string' },
        'refresh-grace': { type: 'string' },
        'max-session-length': { type: 'string' },
        'key-overlap': { type: 'string' },
        'webhook-url': { type: 'string' },
        'webhook-secret': { type: 'string' },
        'enable-test-controls': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (values.help === true) return 'help';
  const port = values.port === undefined ? 4100 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliUsageError('--port must be 0..65535');
  if (values['public-url'] !== undefined && !URL.canParse(values['public-url'])) {
    throw new CliUsageError('--public-url must be an absolute URL');
  }
  const options: EmulatorOptions = {
    port,
    host: values.host ?? '127.0.0.1',
    enableTestControls: values['enable-test-controls'] === true,
  };
  if (options.enableTestControls === true && !isLoopbackHost(options.host ?? '')) {
    throw new CliUsageError(testControlsRefusal(options.host ?? ''), false);
  }
  if (values.seed !== undefined) options.seed = values.seed;
  if (values['data-dir'] !== undefined) options.dataDir = values['data-dir'];
  if (values['public-url'] !== undefined) options.publicUrl = values['public-url'];
  const webhookUrl = values['webhook-url'];
  const webhookSecret = values['webhook-secret'];
  if ((webhookUrl === undefined) !== (webhookSecret === undefined)) {
    throw new CliUsageError('--webhook-url and --webhook-secret go together');
  }
  if (webhookUrl !== undefined && webhookSecret !== undefined) {
    if (!URL.canParse(webhookUrl) || !/^https?:$/.test(new URL(webhookUrl).protocol)) {
      throw new CliUsageError('--webhook-url must be an absolute http(s) URL');
    }
    if (webhookSecret === '') throw new CliUsageError('--webhook-secret must not be empty');
    options.webhooks = [{ url: webhookUrl, secret: webhookSecret }];
  }
  const ttl = seconds('access-token-ttl', values['access-token-ttl'], false);
  if (ttl !== undefined) options.accessTokenTtlSeconds = ttl;
  const grace = seconds('refresh-grace', values['refresh-grace'], true);
  if (grace !== undefined) options.refreshGraceSeconds = grace;
  const maxSession = seconds('max-session-length', values['max-session-length'], false);
  if (maxSession !== undefined) options.maxSessionLengthSeconds = maxSession;
  const overlap = seconds('key-overlap', values['key-overlap'], true);
  if (overlap !== undefined) options.keyOverlapSeconds = overlap;
  return options;
}
