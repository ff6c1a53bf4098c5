import type { DenialCount } from '../database/audit-denial.repository.js';
import { DenialAggregator, type DenialObservation } from './denial-aggregator.js';

const T = Date.parse('2026-03-01T10:00:00.000Z');

function expired(overrides: Partial<DenialObservation> = {}): DenialObservation {
  return {
    organizationId: null,
    status: 401,
    code: 'token_expired',
    route: 'GET /admin/me',
    missing: '',
    at: T,
    ...overrides,
  };
}

/** A sink that stores what it is given, or fails while `failing` is set. */
function sink() {
  const written: DenialCount[][] = [];
  const state = { failing: false };
  const write = (counts: readonly DenialCount[]) => {
    if (state.failing) return Promise.reject(new Error('database down'));
    written.push(counts.map((c) => ({ ...c })));
    return Promise.resolve();
  };
  return { written, state, write };
}

describe('DenialAggregator', () => {
  it('turns a flood into one row per organization, status, code, route and minute', async () => {
    const { written, write } = sink();
    const aggregator = new DenialAggregator({ maxKeys: 100, write });
    for (let i = 0; i < 10_000; i++) aggregator.record(expired({ at: T + (i % 50) * 1_000 }));
    aggregator.record(expired({ at: T + 60_000 }));
    aggregator.record(expired({ code: 'signature_invalid' }));
    aggregator.record(
      expired({
        status: 403,
        code: 'insufficient_scope',
        organizationId: 'org_1',
        missing: 'permission:audit:read',
      }),
    );

    await aggregator.flush();

    expect(written).toHaveLength(1);
    expect(
      written[0]?.map((c) => [c.minute.toISOString(), c.status, c.code, c.organizationId, c.count]),
    ).toEqual([
      ['2026-03-01T10:00:00.000Z', 401, 'token_expired', null, 10_000],
      ['2026-03-01T10:01:00.000Z', 401, 'token_expired', null, 1],
      ['2026-03-01T10:00:00.000Z', 401, 'signature_invalid', null, 1],
      ['2026-03-01T10:00:00.000Z', 403, 'insufficient_scope', 'org_1', 1],
    ]);
    expect(aggregator.stats()).toEqual({
      pendingKeys: 0,
      recorded: 10_003,
      dropped: 0,
      failedFlushes: 0,
    });
  });

  it('holds at most maxKeys distinct keys and counts what it drops', async () => {
    const { written, write } = sink();
    const dropped: number[] = [];
    const aggregator = new DenialAggregator({
      maxKeys: 3,
      write,
      onDropped: (n) => dropped.push(n),
    });
    for (let i = 0; i < 10; i++) aggregator.record(expired({ route: `GET /r${i}` }));
    aggregator.record(expired({ route: 'GET /r0' }));

    await aggregator.flush();

    expect(written[0]?.map((c) => [c.route, c.count])).toEqual([
      ['GET /r0', 2],
      ['GET /r1', 1],
      ['GET /r2', 1],
    ]);
    expect(aggregator.stats().dropped).toBe(7);
    expect(dropped).toEqual([7]);
  });

  it('keeps the counts of a failed write for the next flush, within the bound', async () => {
    const { written, state, write } = sink();
    const reports: [number, unknown][] = [];
    const aggregator = new DenialAggregator({
      maxKeys: 2,
      write,
      onDropped: (n, error) => reports.push([n, error]),
    });
    aggregator.record(expired());
    state.failing = true;
    await aggregator.flush();
    aggregator.record(expired());
    aggregator.record(expired({ code: 'unknown_key' }));
    aggregator.record(expired({ code: 'claims_invalid' }));
    state.failing = false;
    await aggregator.flush();

    expect(reports).toEqual([
      [0, new Error('database down')],
      [1, undefined],
    ]);
    expect(written[0]?.map((c) => [c.code, c.count])).toEqual([
      ['token_expired', 2],
      ['unknown_key', 1],
    ]);
    expect(aggregator.stats()).toEqual({
      pendingKeys: 0,
      recorded: 3,
      dropped: 1,
      failedFlushes: 1,
    });
  });

  it('runs one write at a time', async () => {
    let release: () => void = () => undefined;
    let writes = 0;
    const aggregator = new DenialAggregator({
      maxKeys: 10,
      write: () => {
        writes += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    aggregator.record(expired());
    const first = aggregator.flush();
    const second = aggregator.flush();
    release();
    await Promise.all([first, second]);
    expect(writes).toBe(1);
  });
});
