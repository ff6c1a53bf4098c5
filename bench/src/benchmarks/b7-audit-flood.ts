import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AuditDatabase } from '@gatehouse/backend';
import type autocannon from 'autocannon';
import { sql } from 'kysely';

import { BENCH_USER_EMAIL, sleep, type Benchmark } from '../bench-context.js';
import type { BenchStack } from '../infra/bench-stack.js';
import { ForgedTokens } from '../infra/forged-token.js';
import { runLoad, startLoad, type LoadResult } from '../infra/load.js';
import { median, interleave, medianRatio } from '../runner/rounds.js';

/** The flood's head start before the guarded run is measured. */
const FLOOD_LEAD_MS = 250;

/** What one round measured on one backend. */
interface FloodRound {
  readonly guarded: LoadResult;
  readonly flood: LoadResult;
}

/** Bad tokens: forged (right issuer, unknown kid, unpublished key) and malformed, alternating. */
function badBearers(issuer: string, count: number) {
  const forger = new ForgedTokens(issuer);
  const tokens = Array.from({ length: count }, (_, i) =>
    i % 2 === 0 ? forger.mint() : `not-a-jwt-${i}`,
  );
  let next = 0;
  return (request: autocannon.Request): autocannon.Request => {
    const token = tokens[next++ % tokens.length] as string;
    return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
  };
}

/** Waits until the backend's audit store is open (`GET /audit` waits for an open in progress). */
async function waitForTrail(stack: BenchStack, token: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const res = await fetch(`${stack.backendUrl}/audit?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.body?.cancel();
    if (res.status === 200) return;
    await sleep(500);
  }
  throw new Error('the audit trail of the B7 backend did not open within a minute');
}

/** Denial rows and the denials they count, read after the backend stopped (PGlite is single-process). */
async function denialRows(
  dataDir: string,
): Promise<{ rows: number; minutes: number; count: number }> {
  const database = await AuditDatabase.open({ kind: 'pglite', dataDir }, () => undefined, {
    migrate: false,
  });
  try {
    const { rows } = await sql<{ rows: string; minutes: string; count: string | null }>`
      select count(*) as rows, count(distinct minute) as minutes, sum(count) as count
      from audit_denials`.execute(database.db);
    const row = rows[0];
    return {
      rows: Number(row?.rows ?? 0),
      minutes: Number(row?.minutes ?? 0),
      count: Number(row?.count ?? 0),
    };
  } finally {
    await database.close();
  }
}

/** B7: what recording denials costs guarded traffic while bad tokens flood the backend. */
export const auditFlood: Benchmark = {
  id: 'B7',
  title: 'audit trail under a bad-token flood',
  method:
    'B7 starts two stacks: one backend with the audit trail on (PGlite in a temporary directory), ' +
    'one with it off. In every run autocannon floods `GET /admin/me` with bad tokens (forged RS256 ' +
    'with a random `kid`, and malformed ones, alternating; all answered 401 and counted by the ' +
    'trail) and, from a quarter second in, measures guarded `GET /admin/me` with a valid token on ' +
    'its own connections; the two backends alternate within every round (one warm-up run each). ' +
    'The figure is the median per-round ratio of guarded 2xx per second, trail on / trail off. ' +
    'After the rounds the trail-on backend is stopped (its last counts are written at shutdown) ' +
    'and `audit_denials` is read: rows per distinct minute the flood touched, and the denials ' +
    'they count against the 401s autocannon saw.',
  async run(context) {
    const { settings } = context;
    const auditDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-b7-'));
    const dataDir = join(auditDir, 'audit');
    const on = await context.startStack('b7-on', { auditDataDir: dataDir });
    let off: BenchStack | undefined;
    try {
      off = await context.startStack('b7-off');
      const contender = async (stack: BenchStack) => {
        const { accessToken } = await stack.emulator.issueSession(BENCH_USER_EMAIL);
        const setupRequest = badBearers(stack.issuer, 200);
        const url = `${stack.backendUrl}/admin/me`;
        let refused = 0;
        return {
          accessToken,
          /** 401s the floods of every run (warm-up included) received. */
          refused: () => refused,
          run: async (): Promise<FloodRound> => {
            const flood = startLoad({
              url,
              connections: settings.guardConnections,
              durationSeconds: settings.loadSeconds + 5,
              setupRequest,
            });
            try {
              await sleep(FLOOD_LEAD_MS);
              const guarded = await runLoad({
                url,
                connections: settings.guardConnections,
                durationSeconds: settings.loadSeconds,
                headers: { authorization: `Bearer ${accessToken}` },
                expectOnly2xx: true,
              });
              flood.stop();
              const floodResult = await flood.done;
              refused += floodResult.status4xx;
              return { guarded, flood: floodResult };
            } finally {
              flood.stop();
            }
          },
        };
      };
      const trailOn = await contender(on);
      const trailOff = await contender(off);
      await waitForTrail(on, trailOn.accessToken);
      const results = await interleave<FloodRound>(
        [
          { name: 'on', run: trailOn.run },
          { name: 'off', run: trailOff.run },
        ],
        settings.rounds,
        { warmup: true },
      );
      await on.stop();
      const onRounds = results['on'] ?? [];
      const offRounds = results['off'] ?? [];
      const rps = (rounds: FloodRound[]) => rounds.map((r) => r.guarded.requestsPerSecond);
      // The flood's answers are 401s: its rate is theirs, not 2xx.
      const floodRps = (rounds: FloodRound[]) =>
        rounds.map((r) => r.flood.status4xx / r.flood.durationSeconds);
      const denials = await denialRows(dataDir);
      return [
        {
          id: 'B7a',
          label: 'guarded throughput under a bad-token flood, trail on / trail off',
          value: medianRatio(rps(onRounds), rps(offRounds)),
          unit: 'x',
          goal: { op: '>=', target: 0.9 },
          detail:
            `guarded ${median(rps(onRounds)).toFixed(0)} req/s on, ${median(rps(offRounds)).toFixed(0)} off; ` +
            `flood ${median(floodRps(onRounds)).toFixed(0)} / ${median(floodRps(offRounds)).toFixed(0)} 401/s ` +
            `(medians of ${settings.rounds} rounds, ${settings.guardConnections} + ${settings.guardConnections} connections)`,
        },
        {
          id: 'B7b',
          label: 'denial rows added per minute of flood',
          value: denials.minutes === 0 ? 0 : denials.rows / denials.minutes,
          unit: 'count',
          goal: { op: '<=', target: 5 },
          detail:
            `${denials.rows} rows over ${denials.minutes} minute(s), counting ${denials.count} denials; ` +
            `the floods (${settings.rounds + 1} runs, warm-up included) received ${trailOn.refused()} 4xx`,
        },
      ];
    } finally {
      await off?.stop();
      await on.stop();
      rmSync(auditDir, { recursive: true, force: true });
    }
  },
};
