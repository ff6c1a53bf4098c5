/** Where a sample of the BFF's CPU profile is counted (`docs/benchmarks.md`, Where the time goes). */
export const PHASES = [
  'socket writes',
  'cookie and session load',
  'checks',
  'security headers',
  'logging',
  'proxying',
  'response',
  'Express routing',
  'Node HTTP core (parsers, sockets, streams)',
  'garbage collection',
  'other',
] as const;

export type Phase = (typeof PHASES)[number];

/** A V8 CPU profile's call frame (the fields the phases use). */
export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
}

/**
 * Frames that name a phase, tried in order on a frame's URL: the BFF's own modules and the
 * libraries each phase runs. A sample counts for the phase of its innermost frame that matches
 * (a session-store callback that runs the checks counts as checks; node:crypto called by the
 * session code counts as session load). Shared helpers (lru-cache, node:crypto) match nothing, so
 * they count for their caller.
 */
const RULES: readonly (readonly [RegExp, Phase])[] = [
  [/\/bff\/dist\/session\//, 'cookie and session load'],
  [/\/bff\/dist\/auth\/(opened-tokens|token-refresher)\.js$/, 'cookie and session load'],
  [/\/bff\/dist\/crypto\//, 'cookie and session load'],
  [
    /\/node_modules\/(express-session|cookie|cookie-signature|uid-safe|iron-webcrypto)\//,
    'cookie and session load',
  ],
  [/\/bff\/dist\/http\/request-guards\.js$/, 'checks'],
  [/\/bff\/dist\/proxy\/(api-request-checks|path-guard|api-routes)\.js$/, 'checks'],
  [/\/node_modules\/helmet\//, 'security headers'],
  [/\/bff\/dist\/http\/logger\.js$/, 'logging'],
  [
    /\/node_modules\/(pino|pino-http|pino-std-serializers|@pinojs\/[^/]+|sonic-boom|fast-redact|quick-format-unescaped|safe-stable-stringify|atomic-sleep|fast-safe-stringify)\//,
    'logging',
  ],
  [
    /\/bff\/dist\/proxy\/(upstream-proxy|header-sanitizer|api-proxy|upstream-agent)\.js$/,
    'proxying',
  ],
  [/\/node_modules\/(http-proxy-middleware|httpxy)\//, 'proxying'],
  [/^node:_http_(client|agent)$/, 'proxying'],
  [/\/bff\/dist\/http\/errors\.js$/, 'response'],
  [/\/node_modules\/express\/lib\/response\.js$/, 'response'],
  [
    /\/node_modules\/(express|router|finalhandler|parseurl|proxy-addr|forwarded|on-finished|on-headers|qs|depd|debug)\//,
    'Express routing',
  ],
  [/\/bff\/dist\/app\.js$/, 'checks'],
];

/** The native calls that write to a socket (a system call each). */
const SOCKET_WRITES = new Set(['writev', 'writeLatin1String', 'writeUtf8String', 'writeBuffer']);

/**
 * True for a sample inside a socket write. These are counted apart: a write that wakes the process
 * at the other end often hands it the CPU, and the profiler's next sample lands on the write, so
 * the write's share of the samples is far above its share of the CPU time (the system time).
 */
export function isSocketWrite(frame: CallFrame): boolean {
  return frame.url === '' && SOCKET_WRITES.has(frame.functionName);
}

/** The phase a frame names, if any. */
export function phaseOfFrame(frame: CallFrame): Phase | undefined {
  for (const [pattern, phase] of RULES) if (pattern.test(frame.url)) return phase;
  return undefined;
}

/**
 * The phase of a sample whose stack matched no rule, by its innermost frame with a URL (a native
 * socket write counts for the node:net code that called it).
 */
export function fallbackPhase(stack: readonly CallFrame[]): Phase {
  if (stack[0]?.functionName === '(garbage collector)') return 'garbage collection';
  const located = stack.find((frame) => frame.url !== '');
  if (located?.url.startsWith('node:')) return 'Node HTTP core (parsers, sockets, streams)';
  return 'other';
}
