import { judge, type Figure } from './figure.js';
import { formatValue, renderMarkdown, renderTable, type BenchReport } from './render.js';

const machine = {
  cores: 2,
  cpuModel: 'Test CPU @ 2.0GHz',
  nodeVersion: 'v24.21.0',
  memoryGiB: 4,
  platform: 'linux x64',
};

const figures: Figure[] = [
  {
    id: 'B1',
    label: 'guarded / public throughput',
    value: 0.95,
    unit: 'x',
    goal: { op: '>=', target: 0.9 },
    detail: 'public 1000 req/s, guarded 950 req/s',
  },
  {
    id: 'B4b',
    label: 'added p99 | BFF',
    value: 12,
    unit: 'ms',
    goal: { op: '<=', target: 3 },
    detail: 'p99 20 ms vs 8 ms',
  },
  {
    id: 'B5c',
    label: 'refreshes with two BFFs on Redis',
    value: undefined,
    unit: 'count',
    goal: { op: '<=', target: 1 },
    detail: '-',
    notMeasured: 'Redis store not available yet',
  },
  { id: 'B2c', label: 'jose / jwks-rsa', value: 3.456, unit: 'x', detail: 'info' },
];

const report = (smoke: boolean): BenchReport => ({
  startedAt: new Date('2026-11-28T06:00:00Z'),
  durationSeconds: 200.4,
  machine,
  smoke,
  settings: ['Rounds: 3'],
  figures,
  method: ['B1 measures things.'],
});

describe('judge', () => {
  it('meets, misses (by how much, in the unit and relative to the target) or does not judge', () => {
    expect(judge(figures[0] as Figure, { judged: true })).toEqual({ kind: 'met' });
    const missed = judge(figures[1] as Figure, { judged: true });
    expect(missed).toEqual({ kind: 'missed', by: 9, relative: 3 });
    expect(judge(figures[1] as Figure, { judged: false })).toEqual({ kind: 'not-judged' });
    expect(judge(figures[2] as Figure, { judged: true })).toEqual({ kind: 'not-measured' });
    expect(judge(figures[3] as Figure, { judged: true })).toEqual({ kind: 'no-goal' });
  });

  it('treats the target itself as met on both sides', () => {
    const at = (op: '>=' | '<=') => ({
      ...(figures[0] as Figure),
      value: 1,
      goal: { op, target: 1 },
    });
    expect(judge(at('>='), { judged: true }).kind).toBe('met');
    expect(judge(at('<='), { judged: true }).kind).toBe('met');
  });
});

describe('formatValue', () => {
  it('rounds per unit', () => {
    expect(formatValue(0.8765, 'x')).toBe('0.88x');
    expect(formatValue(2.25, 'ms')).toBe('2.3 ms');
    expect(formatValue(3, 'count')).toBe('3');
    expect(formatValue(1.044, 'KiB')).toBe('1.04 KiB');
  });
});

describe('renderTable', () => {
  it('prints one aligned row per figure with the verdict', () => {
    const lines = renderTable(report(false)).split('\n');
    expect(lines).toHaveLength(2 + figures.length);
    expect(lines[2]).toMatch(/^B1\s+guarded \/ public throughput\s+0\.95x\s+>= 0\.90x\s+met$/);
    expect(lines[3]).toContain('MISSED by 9.0 ms (300 %)');
    expect(lines[4]).toContain('not measured: Redis store not available yet');
    expect(lines[5]).toMatch(/\(info\)\s+-$/);
  });
});

describe('renderMarkdown', () => {
  it('states date, machine, Node version, every figure with goal and verdict, and the misses', () => {
    const markdown = renderMarkdown(report(false));
    expect(markdown).toContain('2026-11-28T06:00:00.000Z');
    expect(markdown).toContain('2 cores, Test CPU @ 2.0GHz');
    expect(markdown).toContain('Node: v24.21.0');
    expect(markdown).toContain('| B1 | guarded / public throughput | 0.95x | >= 0.90x | met |');
    // A pipe inside a label does not break the table.
    expect(markdown).toContain(
      '| B4b | added p99 \\| BFF | 12.0 ms | <= 3.0 ms | MISSED by 9.0 ms (300 %) |',
    );
    expect(markdown).toContain('Goals missed: B4b.');
    expect(markdown).toContain('B1 measures things.');
  });

  it('does not judge a smoke run', () => {
    const markdown = renderMarkdown(report(true));
    expect(markdown).toContain('Mode: smoke');
    expect(markdown).toContain('not judged (smoke)');
    expect(markdown).toContain('Goals missed: none.');
  });
});
