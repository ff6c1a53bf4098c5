import { BENCH_USER_EMAIL, type Benchmark } from '../bench-context.js';
import { interleave, median, medianRatio } from '../runner/rounds.js';
import {
  gatehouseVerifier,
  joseVerifier,
  jwksRsaPassportVerifier,
  verificationsPerSecond,
  type Verifier,
} from './verifiers.js';

/** B2: the per-request verification cost, in this process, against the emulator's JWKS. */
export const verifyPath: Benchmark = {
  id: 'B2',
  title: 'verify path',
  method:
    "B2 is an in-process micro-benchmark of token verification against the emulator's JWKS (the " +
    'emulator runs as a child process; after the first fetch every verifier holds the keys). ' +
    "Gatehouse is measured through the backend's real code: the Nest app built by " +
    '`createBackendApp`, whose `JwtAuthGuard` is called as Nest calls it for a guarded route ' +
    '(JwksKeySource, TokenVerifier, passport-jwt, jsonwebtoken with a cached KeyObject, the ' +
    'verified-token cache); HTTP is left out so only verification is compared. The guard caches ' +
    'verified tokens, which jose and jwks-rsa do not, so two Gatehouse figures are given: "first ' +
    'verify" (an app with the cache disabled, i.e. what a cache miss costs) and "repeat verify" ' +
    "(the same token again, a cache hit). jose is the seed document's `createRemoteJWKSet` + " +
    '`jwtVerify(token, jwks)`; the jwks-rsa wiring is `passportJwtSecret({ cache: true, rateLimit: ' +
    'true })` behind passport-jwt, which re-parses a PEM per verification. The first-verify ' +
    'contenders cycle through the same pool of distinct emulator tokens; each contender runs a ' +
    'batch of sequential verifications per round, interleaved, with a warm-up batch dropped; ' +
    'figures are medians of the per-round ratios of verifications per second.',
  async run(context) {
    const { settings } = context;
    const stack = await context.startStack('b2', { backend: false });
    const verifiers: Verifier[] = [];
    try {
      const tokens: string[] = [];
      for (let i = 0; i < settings.verifyTokenPool; i += 1) {
        tokens.push((await stack.emulator.issueSession(BENCH_USER_EMAIL)).accessToken);
      }
      const env = { clientId: stack.clientId, apiBaseUrl: stack.emulatorUrl };
      const jwksUrl = `${stack.emulatorUrl}/sso/jwks/${stack.clientId}`;
      const first = await gatehouseVerifier(env, 0);
      const repeat = await gatehouseVerifier(env, undefined);
      const jose = await joseVerifier(jwksUrl);
      const jwksRsa = await jwksRsaPassportVerifier(jwksUrl, stack.issuer);
      verifiers.push(first, repeat, jose, jwksRsa);
      const oneToken = [tokens[0] as string];
      const n = settings.verifyIterations;
      const results = await interleave(
        [
          { name: 'first', run: () => verificationsPerSecond(first.verify, tokens, n) },
          { name: 'repeat', run: () => verificationsPerSecond(repeat.verify, oneToken, n) },
          { name: 'jose', run: () => verificationsPerSecond(jose.verify, tokens, n) },
          { name: 'jwks-rsa', run: () => verificationsPerSecond(jwksRsa.verify, tokens, n) },
        ],
        settings.verifyRounds,
        { warmup: true },
      );
      const of = (name: string) => results[name] ?? [];
      const rates =
        `Gatehouse first verify ${median(of('first')).toFixed(0)}/s, repeat verify ` +
        `${median(of('repeat')).toFixed(0)}/s, jose ${median(of('jose')).toFixed(0)}/s, ` +
        `jwks-rsa passportJwtSecret ${median(of('jwks-rsa')).toFixed(0)}/s ` +
        `(medians of ${settings.verifyRounds} rounds of ${n} sequential verifications, ${tokens.length} distinct tokens)`;
      return [
        {
          id: 'B2a',
          label: 'Gatehouse first verify of a token / jose',
          value: medianRatio(of('first'), of('jose')),
          unit: 'x',
          goal: { op: '>=', target: 1.5 },
          detail: rates,
        },
        {
          id: 'B2b',
          label: 'Gatehouse repeat verify (verified-token cache) / jose',
          value: medianRatio(of('repeat'), of('jose')),
          unit: 'x',
          goal: { op: '>=', target: 1.5 },
          detail:
            'same runs as B2a; jose has no token cache, so its first and repeat verify cost the same',
        },
        {
          id: 'B2c',
          label: 'Gatehouse first verify / jwks-rsa passportJwtSecret wiring',
          value: medianRatio(of('first'), of('jwks-rsa')),
          unit: 'x',
          detail: 'same runs as B2a',
        },
        {
          id: 'B2d',
          label: 'jose / jwks-rsa passportJwtSecret wiring',
          value: medianRatio(of('jose'), of('jwks-rsa')),
          unit: 'x',
          detail: 'same runs as B2a',
        },
      ];
    } finally {
      for (const verifier of verifiers) await verifier.close();
      await stack.stop();
    }
  },
};
