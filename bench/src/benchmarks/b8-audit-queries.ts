import {
  AuditEventRepository,
  GroupedWrites,
  MAX_GROUPED_BEGINS,
  type AuditEvent,
  type AuditEventFilter,
  type NewAuditEvent,
} from '@gatehouse/backend';

import type { Benchmark, BenchContext } from '../bench-context.js';
import {
  newEvent,
  organizationOf,
  SEED_ACTIONS,
  SEED_ACTORS,
  SEED_LABELS,
  SEED_NEWEST,
  SEED_SPACING_SECONDS,
  seedEvents,
} from '../infra/audit-seed.js';
import { openPgliteStore, openPostgresStore, type BenchAuditStore } from '../infra/audit-stores.js';
import type { Figure } from '../report/figure.js';

/** Organizations the seeded events are spread over (the 100). */
const ORGANIZATIONS = 100;
/** Events per page, the API's default. */
const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

type FilterKind = 'actor' | 'action' | 'outcome' | 'time range' | 'target text';
const FILTER_KINDS: readonly FilterKind[] = [
  'actor',
  'action',
  'outcome',
  'time range',
  'target text',
];

/** A random filter of `kind` on a random organization. */
function filterOf(kind: FilterKind, seededEvents: number): AuditEventFilter {
  const pick = (n: number) => Math.floor(Math.random() * n);
  const organizationId = organizationOf(pick(ORGANIZATIONS));
  switch (kind) {
    case 'actor':
      return { organizationId, actorId: `user_${pick(SEED_ACTORS)}` };
    case 'action':
      return { organizationId, action: SEED_ACTIONS[pick(SEED_ACTIONS.length)] ?? 'role.created' };
    case 'outcome':
      return { organizationId, outcome: pick(2) === 0 ? 'pending' : 'failed' };
    case 'time range': {
      const spanMs = seededEvents * SEED_SPACING_SECONDS * 1000;
      const to = new Date(SEED_NEWEST.getTime() - pick(Math.max(1, spanMs - 7 * DAY_MS)));
      return { organizationId, from: new Date(to.getTime() - 7 * DAY_MS), to };
    }
    case 'target text':
      // A person's number: matches a few rows of all organizations, most often none of this one.
      return { organizationId, target: `person${10_000 + pick(SEED_LABELS - 10_000)}` };
  }
}

/** The 95th percentile (nearest rank). */
function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? NaN;
}

/** First pages per filter kind, interleaved (every kind once per round, order rotating). */
async function queryLatencies(
  repository: AuditEventRepository,
  seededEvents: number,
  queries: number,
): Promise<Map<FilterKind, number[]>> {
  const latencies = new Map<FilterKind, number[]>(FILTER_KINDS.map((kind) => [kind, []]));
  const warmup = 3;
  for (let round = 0; round < warmup + queries; round += 1) {
    const shift = round % FILTER_KINDS.length;
    const order = [...FILTER_KINDS.slice(shift), ...FILTER_KINDS.slice(0, shift)];
    for (const kind of order) {
      const filter = filterOf(kind, seededEvents);
      const start = performance.now();
      await repository.page(filter, { limit: PAGE_SIZE });
      if (round >= warmup) latencies.get(kind)?.push(performance.now() - start);
    }
  }
  return latencies;
}

/** Events per second through the repository's batched `append`. */
async function insertRate(
  repository: AuditEventRepository,
  events: number,
  batch: number,
): Promise<number> {
  let sequence = 0;
  const next = () => Array.from({ length: batch }, () => newEvent(sequence++, ORGANIZATIONS));
  await repository.append(next()); // warm-up, not counted
  const start = performance.now();
  for (let written = 0; written < events; written += batch) await repository.append(next());
  return events / ((performance.now() - start) / 1000);
}

/** Callers writing one event at a time, as concurrent admin actions do through `AuditTrail.begin`. */
const RECORDER_CALLERS = 50;

/**
 * Events per second written one by one by {@link RECORDER_CALLERS} concurrent callers through the
 * recorder's grouping (`GroupedWrites` over `append`, as `AuditTrail.begin` does).
 */
async function recorderRate(
  repository: AuditEventRepository,
  events: number,
  firstSequence: number,
): Promise<number> {
  const grouped = new GroupedWrites<NewAuditEvent, AuditEvent>(
    (batch) => repository.append(batch),
    MAX_GROUPED_BEGINS,
  );
  let sequence = firstSequence;
  const end = firstSequence + events;
  const caller = async () => {
    while (sequence < end) await grouped.write(newEvent(sequence++, ORGANIZATIONS));
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: RECORDER_CALLERS }, caller));
  return events / ((performance.now() - start) / 1000);
}

/** Figures per store: one per filter kind, the batched insert, the recorder's grouped writes. */
const FIGURES_PER_STORE = FILTER_KINDS.length + 2;

interface StoreMeasurements {
  readonly seedSeconds: number;
  readonly latencies: Map<FilterKind, number[]>;
  readonly batchedRate: number;
  readonly recorderRate: number;
}

function figuresOf(
  context: BenchContext,
  store: BenchAuditStore['name'],
  m: StoreMeasurements,
): Figure[] {
  const { settings } = context;
  const first = store === 'PGlite' ? 0 : FIGURES_PER_STORE;
  const id = (i: number) => `B8${String.fromCharCode(97 + first + i)}`;
  const queries = FILTER_KINDS.map((kind, i): Figure => {
    const values = m.latencies.get(kind) ?? [];
    return {
      id: id(i),
      label: `${store}: first page filtered by ${kind}, p95`,
      value: p95(values),
      unit: 'ms',
      goal: { op: '<=', target: 50 },
      detail:
        `${values.length} queries, one random organization of ${ORGANIZATIONS} each, ` +
        `${settings.auditEvents} events (seeded in ${m.seedSeconds.toFixed(0)} s)`,
    };
  });
  return [
    ...queries,
    {
      id: id(FILTER_KINDS.length),
      label: `${store}: batched insert (repository append), events/s`,
      value: m.batchedRate,
      unit: 'count',
      goal: { op: '>=', target: 5_000 },
      detail: `${settings.auditInsertEvents} events in batches of ${settings.auditInsertBatch}`,
    },
    {
      id: id(FILTER_KINDS.length + 1),
      label: `${store}: single events from ${RECORDER_CALLERS} concurrent callers, grouped, events/s`,
      value: m.recorderRate,
      unit: 'count',
      detail:
        `${settings.auditInsertEvents} events, one per call, through GroupedWrites over append ` +
        "(AuditTrail.begin's path)",
    },
  ];
}

async function measureStore(context: BenchContext, store: BenchAuditStore): Promise<Figure[]> {
  const { settings } = context;
  try {
    const seedStart = performance.now();
    await seedEvents(store.database, settings.auditEvents, ORGANIZATIONS);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    context.progress(
      `B8 ${store.name}: seeded ${settings.auditEvents} events in ${seedSeconds.toFixed(1)} s`,
    );
    const repository = new AuditEventRepository(store.database);
    const latencies = await queryLatencies(
      repository,
      settings.auditEvents,
      settings.auditQueriesPerFilter,
    );
    const events = settings.auditInsertEvents;
    const batchedRate = await insertRate(repository, events, settings.auditInsertBatch);
    const recorder = await recorderRate(repository, events, 2 * events);
    return figuresOf(context, store.name, {
      seedSeconds,
      latencies,
      batchedRate,
      recorderRate: recorder,
    });
  } finally {
    await store.drop();
  }
}

/** B8: audit reads and writes at a million events, on PGlite and on PostgreSQL. */
export const auditQueries: Benchmark = {
  id: 'B8',
  title: 'audit queries at scale',
  method:
    "B8 opens the audit database through the backend's own `AuditDatabase` (migrated), once on " +
    'PGlite in a temporary directory and once on a fresh PostgreSQL database on 127.0.0.1:5432 ' +
    '(`BENCH_POSTGRES_URL` names another server; dropped afterwards), seeds events spread over ' +
    '100 organizations with `insert … select generate_series` in the database (then `ANALYZE`), ' +
    'and times, in this process, `AuditEventRepository.page` for the first page (50 events) of a ' +
    'random organization filtered by actor, action, outcome (`pending` or `failed`), a 7-day time ' +
    "range, or a person's number as target text (a rare match): the kinds interleave, three " +
    'warm-up rounds dropped; the figure is the 95th percentile. The insert figure is events per ' +
    'second through `AuditEventRepository.append` in batches into the seeded table; the last ' +
    'figure per store, without a goal, writes single events from 50 concurrent callers through ' +
    '`GroupedWrites` over `append`, as `AuditTrail.begin` does.',
  async run(context) {
    const figures = await measureStore(context, await openPgliteStore());
    let postgres: BenchAuditStore;
    try {
      postgres = await openPostgresStore();
    } catch (error) {
      const notMeasured = `no PostgreSQL at BENCH_POSTGRES_URL or 127.0.0.1:5432 (${String(error)})`;
      return [
        ...figures,
        {
          id: `B8${String.fromCharCode(97 + FIGURES_PER_STORE)}`,
          label: 'PostgreSQL',
          value: undefined,
          unit: 'ms',
          detail: '',
          notMeasured,
        },
      ];
    }
    return [...figures, ...(await measureStore(context, postgres))];
  },
};
