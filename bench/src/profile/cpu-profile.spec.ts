import { type CpuProfile, shortUrl, summariseProfile } from './cpu-profile.js';

const BFF = 'file:///repo/bff/dist';
const MODULES = 'file:///repo/node_modules';

/** root → express router → session store read → node:crypto → (native); root → socket write; root → idle. */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '' }, children: [2, 6, 8, 9] },
    {
      id: 2,
      callFrame: { functionName: 'next', url: `${MODULES}/router/index.js` },
      children: [3],
    },
    {
      id: 3,
      callFrame: { functionName: 'readSession', url: `${BFF}/session/gatehouse.store.js` },
      children: [4],
    },
    {
      id: 4,
      callFrame: { functionName: 'createHmac', url: 'node:internal/crypto/hash' },
      children: [5],
    },
    { id: 5, callFrame: { functionName: 'digest', url: '' } },
    {
      id: 6,
      callFrame: { functionName: 'writeGeneric', url: 'node:internal/stream_base_commons' },
      children: [7, 10],
    },
    { id: 7, callFrame: { functionName: 'readStart', url: '' } },
    { id: 10, callFrame: { functionName: 'writev', url: '' } },
    { id: 8, callFrame: { functionName: '(idle)', url: '' } },
    { id: 9, callFrame: { functionName: '(garbage collector)', url: '' } },
  ],
  startTime: 0,
  endTime: 1000,
  // Deltas vary (a descheduled thread): samples are counted, not timed.
  samples: [5, 2, 7, 8, 9, 5, 5, 10],
  timeDeltas: [0, 100, 5000, 30, 400, 20, 100, 100],
};

describe('summariseProfile', () => {
  const summary = summariseProfile(profile);

  it('counts native code for the innermost frame that names a phase', () => {
    expect(summary.byPhase.get('cookie and session load')).toBe(3); // digest under readSession
    expect(summary.byPhase.get('Express routing')).toBe(1);
  });

  it('counts code no rule names by its innermost located frame, and GC as GC', () => {
    expect(summary.byPhase.get('Node HTTP core (parsers, sockets, streams)')).toBe(1);
    expect(summary.byPhase.get('garbage collection')).toBe(1);
  });

  it('counts native socket writes apart, wherever they are called from', () => {
    expect(summary.byPhase.get('socket writes')).toBe(1);
  });

  it('leaves idle samples out of the busy ones', () => {
    expect(summary.busy).toBe(7);
  });

  it('ranks functions by self samples', () => {
    expect(summary.topFunctions[0]).toEqual({
      name: 'digest ((native))',
      samples: 3,
      phase: 'cookie and session load',
    });
  });
});

describe('shortUrl', () => {
  it('keeps the package or BFF path', () => {
    expect(shortUrl(`${MODULES}/pino/lib/proto.js`)).toBe('pino/lib/proto.js');
    expect(shortUrl(`${BFF}/app.js`)).toBe('bff/dist/app.js');
    expect(shortUrl('node:net')).toBe('node:net');
  });
});
