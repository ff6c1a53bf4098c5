/** The numbers a run uses. */
export interface BenchSettings {
  /** Tiny numbers, one round, goals not judged (for the test command). */
  readonly smoke: boolean;
  /** Interleaved rounds per comparison (the issue asks for at least 3). */
  readonly rounds: number;
  /** Length of one autocannon run in B1 and B4, seconds. */
  readonly loadSeconds: number;
  /** Connections in B1. */
  readonly guardConnections: number;
  /** Interleaved rounds of the B2 micro-benchmark (cheap, so more of them). */
  readonly verifyRounds: number;
  /** Verifications per contender per round in B2. */
  readonly verifyIterations: number;
  /** Distinct tokens B2 cycles through for "first verify". */
  readonly verifyTokenPool: number;
  /** Guarded requests with one signing key in B3. */
  readonly jwksGuardedRequests: number;
  /** Distinct forged kids in the B3 flood. */
  readonly jwksFloodTokens: number;
  /** Connections in B4 (the 50). */
  readonly proxyConnections: number;
  /** Concurrent requests per refresh storm in B5 (the 50). */
  readonly stormRequests: number;
  /** B6 warm-up per store: sign-ins, each logged out again, before any reading (JIT, pools, caches). */
  readonly memoryWarmupSessions: number;
  /** B6: sessions created and kept per store (the 10,000). */
  readonly memorySessions: number;
  /** B6: readings taken while the kept sessions are created, evenly spaced (plus one before). */
  readonly memoryReadings: number;
  /** Sign-ins in flight at once while creating B6 sessions. */
  readonly signInConcurrency: number;
  /** B8: events seeded per store (the 1,000,000; `BENCH_AUDIT_EVENTS` overrides). */
  readonly auditEvents: number;
  /** B8: first-page queries per filter kind and store. */
  readonly auditQueriesPerFilter: number;
  /** B8: events written through the repository's batched append, and the batch size. */
  readonly auditInsertEvents: number;
  readonly auditInsertBatch: number;
}

/** `BENCH_AUDIT_EVENTS=100000`: a shorter B8 while developing (the report names the count). */
function auditEventsOr(fallback: number): number {
  const value = Number(process.env['BENCH_AUDIT_EVENTS']);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** `npm run bench`. */
export const FULL_SETTINGS: BenchSettings = {
  smoke: false,
  rounds: 3,
  loadSeconds: 3,
  guardConnections: 10,
  verifyRounds: 5,
  verifyIterations: 2_000,
  verifyTokenPool: 200,
  jwksGuardedRequests: 10_000,
  jwksFloodTokens: 1_000,
  proxyConnections: 50,
  stormRequests: 50,
  memoryWarmupSessions: 1_000,
  memorySessions: 10_000,
  memoryReadings: 10,
  signInConcurrency: 16,
  auditEvents: auditEventsOr(1_000_000),
  auditQueriesPerFilter: 100,
  auditInsertEvents: 20_000,
  auditInsertBatch: 500,
};

/** `--smoke`: every code path once, with tiny numbers. */
export const SMOKE_SETTINGS: BenchSettings = {
  smoke: true,
  rounds: 1,
  loadSeconds: 1,
  guardConnections: 2,
  verifyRounds: 1,
  verifyIterations: 20,
  verifyTokenPool: 5,
  jwksGuardedRequests: 100,
  jwksFloodTokens: 20,
  proxyConnections: 5,
  stormRequests: 10,
  memoryWarmupSessions: 5,
  memorySessions: 20,
  memoryReadings: 2,
  signInConcurrency: 4,
  auditEvents: auditEventsOr(2_000),
  auditQueriesPerFilter: 3,
  auditInsertEvents: 200,
  auditInsertBatch: 50,
};
