import type autocannon from 'autocannon';

import { BENCH_USER_EMAIL, sleep, type Benchmark } from '../bench-context.js';
import { ForgedTokens } from '../infra/forged-token.js';
import { runLoad, startLoad } from '../infra/load.js';
import type { Figure } from '../report/figure.js';

/** The backend's JWKS cooldown for unknown kids (DEFAULT_JWKS_SETTINGS.cooldownMs). */
const COOLDOWN_SECONDS = 30;
/** Give up on the rotated key after two cooldowns: something is broken then. */
const ROTATION_DEADLINE_MS = 2 * COOLDOWN_SECONDS * 1000 + 5_000;
/** How long the flood runs before the key is rotated. */
const FLOOD_LEAD_MS = 1_000;

/** Cycles through `tokens`, one per request. */
function rotatingBearer(tokens: readonly string[]) {
  let next = 0;
  return (request: autocannon.Request): autocannon.Request => {
    const token = tokens[next % tokens.length] as string;
    next += 1;
    return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
  };
}

async function waitUntilAccepted(url: string, token: string): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < ROTATION_DEADLINE_MS) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await response.body?.cancel();
    if (response.status === 200) return (performance.now() - start) / 1000;
    await sleep(100);
  }
  throw new Error(
    `a token signed with the rotated key was still refused after ${ROTATION_DEADLINE_MS} ms`,
  );
}

/** B3: how often the backend downloads the JWKS, with one key, under a flood, across a rotation. */
export const jwks: Benchmark = {
  id: 'B3',
  title: 'JWKS fetches',
  method:
    "B3 starts its own emulator and backend, so the emulator's JWKS counter (`GET /__emulator/stats`) " +
    'counts this backend only. First, guarded `GET /admin/me` requests cycling through a pool of ' +
    'distinct valid tokens (one signing key): fetches since the backend started (its boot fetch ' +
    'included). Then a flood: autocannon cycles through forged RS256 tokens with the right issuer ' +
    'and a random `kid` each (signed by an unpublished key); one second in, the emulator rotates its ' +
    'signing key (`POST /__emulator/rotate-keys`), a token is minted with the new key and polled ' +
    'every 100 ms until the backend accepts it; then the flood stops. The flood figure is the ' +
    'fetches during the flood per started 30 s cooldown window; the rotation figure is the time from ' +
    'the rotation to the first 200 for the new key (the design allows up to one cooldown, because ' +
    'the flood may have just used the fetch).',
  async run(context) {
    const { settings } = context;
    const stack = await context.startStack('b3');
    try {
      const url = `${stack.backendUrl}/admin/me`;
      const pool: string[] = [];
      for (let i = 0; i < Math.min(100, settings.jwksGuardedRequests); i += 1) {
        pool.push((await stack.emulator.issueSession(BENCH_USER_EMAIL)).accessToken);
      }
      const guarded = await runLoad({
        url,
        connections: 10,
        amount: settings.jwksGuardedRequests,
        setupRequest: rotatingBearer(pool),
        expectOnly2xx: true,
      });
      const oneKeyFetches = await stack.emulator.jwksFetches();

      const forger = new ForgedTokens(stack.issuer);
      const forged = Array.from({ length: settings.jwksFloodTokens }, () => forger.mint());
      const fetchesBefore = await stack.emulator.jwksFetches();
      const floodStart = performance.now();
      const flood = startLoad({
        url,
        connections: 10,
        durationSeconds: ROTATION_DEADLINE_MS / 1000 + 10,
        setupRequest: rotatingBearer(forged),
      });
      let rotationSeconds: number;
      try {
        await sleep(FLOOD_LEAD_MS);
        await stack.emulator.rotateKeys();
        const rotatedAt = performance.now();
        const rotated = (await stack.emulator.issueSession(BENCH_USER_EMAIL)).accessToken;
        await waitUntilAccepted(url, rotated);
        rotationSeconds = (performance.now() - rotatedAt) / 1000;
      } finally {
        flood.stop();
      }
      const floodResult = await flood.done;
      const floodSeconds = (performance.now() - floodStart) / 1000;
      const floodFetches = (await stack.emulator.jwksFetches()) - fetchesBefore;
      const windows = Math.floor(floodSeconds / COOLDOWN_SECONDS) + 1;
      const figures: Figure[] = [
        {
          id: 'B3a',
          label: `JWKS fetches over ${settings.jwksGuardedRequests} guarded requests, one key`,
          value: oneKeyFetches,
          unit: 'count',
          goal: { op: '<=', target: 1 },
          detail:
            `${guarded.requests} requests (${pool.length} distinct tokens, 10 connections, ` +
            `${guarded.requestsPerSecond.toFixed(0)} req/s), all 200; fetches counted from the backend's start`,
        },
        {
          id: 'B3b',
          label: 'JWKS fetches per 30 s cooldown during a random-kid flood',
          value: floodFetches / windows,
          unit: 'x',
          goal: { op: '<=', target: 1 },
          detail:
            `${floodFetches} fetch(es) in ${floodSeconds.toFixed(1)} s (${windows} window(s)); ` +
            `${floodResult.requests} flood requests over ${forged.length} distinct forged kids: ` +
            `${floodResult.status4xx} 4xx, ${floodResult.status5xx} 5xx, ${floodResult.errors} errors`,
        },
        {
          id: 'B3c',
          label: 'rotated key accepted during the flood after',
          value: rotationSeconds,
          unit: 's',
          goal: { op: '<=', target: COOLDOWN_SECONDS },
          detail: `from the rotation to the first 200 for a token signed with the new key (${(rotationSeconds / COOLDOWN_SECONDS).toFixed(2)} of one cooldown)`,
        },
      ];
      return figures;
    } finally {
      await stack.stop();
    }
  },
};
