import {
  OrganizationSwitchRecorder,
  type SwitchRecorderReport,
} from './organization-switch.recorder.js';
import type { SessionObservation } from './session-observation.js';

const T = 1_780_000_000;

function seen(overrides: Partial<SessionObservation> = {}): SessionObservation {
  return {
    sessionId: 'session_1',
    organizationId: 'org_a',
    userId: 'user_1',
    impersonator: null,
    issuedAt: T,
    ...overrides,
  };
}

/** A database stand-in that keeps what it is given, or fails while `failing` is set. */
function sink() {
  const written: SessionObservation[][][] = [];
  const state = { failing: false };
  const write = (rounds: readonly (readonly SessionObservation[])[]) => {
    if (state.failing) return Promise.reject(new Error('database down'));
    written.push(rounds.map((round) => [...round]));
    return Promise.resolve(0);
  };
  return { written, state, write };
}

function reports() {
  const told: string[] = [];
  const report: SwitchRecorderReport = {
    unavailable: (_error, dropped) => told.push(`unavailable ${dropped}`),
    recovered: (dropped) => told.push(`recovered ${dropped}`),
    overflowed: (dropped) => told.push(`overflowed ${dropped}`),
  };
  return { told, report };
}

describe('OrganizationSwitchRecorder', () => {
  it('writes nothing until flushed, then each session oldest token first, one per round', async () => {
    const { written, write } = sink();
    const recorder = new OrganizationSwitchRecorder({
      maxPending: 100,
      write,
      report: reports().report,
    });
    recorder.observe(seen({ organizationId: 'org_b', issuedAt: T + 20 }));
    recorder.observe(seen({ issuedAt: T }));
    recorder.observe(seen({ organizationId: 'org_b', issuedAt: T + 30 }));
    recorder.observe(seen({ sessionId: 'session_2', issuedAt: T + 5 }));
    expect(written).toEqual([]);

    await recorder.flush();

    // org_b's second token dates nothing: the switch happened with its first.
    expect(written).toEqual([
      [
        [seen({ issuedAt: T }), seen({ sessionId: 'session_2', issuedAt: T + 5 })],
        [seen({ organizationId: 'org_b', issuedAt: T + 20 })],
      ],
    ]);
    expect(recorder.stats()).toMatchObject({ pending: 0, observed: 4, recorded: 4, dropped: 0 });
  });

  it('keeps a token seen twice before a flush once', async () => {
    const { written, write } = sink();
    const recorder = new OrganizationSwitchRecorder({
      maxPending: 100,
      write,
      report: reports().report,
    });
    recorder.observe(seen());
    recorder.observe(seen());
    expect(recorder.stats().pending).toBe(1);
    await recorder.flush();
    expect(written).toEqual([[[seen()]]]);
  });

  it('holds at most maxPending observations and reports what it dropped after the flush', async () => {
    const { written, write } = sink();
    const { told, report } = reports();
    const recorder = new OrganizationSwitchRecorder({ maxPending: 3, write, report });
    for (let i = 0; i < 10; i++) recorder.observe(seen({ sessionId: `session_${i}` }));
    expect(recorder.stats()).toMatchObject({ pending: 3, dropped: 7 });

    await recorder.flush();

    expect(written[0]?.[0]).toHaveLength(3);
    expect(told).toEqual(['overflowed 7']);
    await recorder.flush();
    expect(told).toEqual(['overflowed 7']);
  });

  it('drops what the database refuses and reports an outage once, and its end', async () => {
    const { written, state, write } = sink();
    const { told, report } = reports();
    const recorder = new OrganizationSwitchRecorder({ maxPending: 100, write, report });
    state.failing = true;
    recorder.observe(seen({ sessionId: 'session_1' }));
    await recorder.flush();
    recorder.observe(seen({ sessionId: 'session_2' }));
    recorder.observe(seen({ sessionId: 'session_3' }));
    await recorder.flush();
    expect(told).toEqual(['unavailable 1']);
    expect(recorder.stats()).toMatchObject({ pending: 0, dropped: 3, failedFlushes: 2 });

    state.failing = false;
    recorder.observe(seen({ sessionId: 'session_4' }));
    await recorder.flush();
    expect(told).toEqual(['unavailable 1', 'recovered 3']);
    expect(written).toEqual([[[seen({ sessionId: 'session_4' })]]]);
  });

  it('writes one batch at a time: a flush waits for the one in progress', async () => {
    let release: () => void = () => undefined;
    const order: string[] = [];
    const recorder = new OrganizationSwitchRecorder({
      maxPending: 100,
      write: (rounds) => {
        order.push(`write ${rounds[0]?.[0]?.sessionId}`);
        return order.length === 1
          ? new Promise<number>((resolve) => (release = () => resolve(0)))
          : Promise.resolve(0);
      },
      report: reports().report,
    });
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    recorder.observe(seen({ sessionId: 'session_1' }));
    const first = recorder.flush();
    await tick();
    recorder.observe(seen({ sessionId: 'session_2' }));
    const second = recorder.flush();
    await tick();
    expect(order).toEqual(['write session_1']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['write session_1', 'write session_2']);
  });
});
