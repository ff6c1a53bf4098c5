import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { SMOKE_SETTINGS } from '../src/bench-settings.js';
import { judge } from '../src/report/figure.js';
import { renderMarkdown, renderTable, type BenchReport } from '../src/report/render.js';
import { runBenchmarks } from '../src/run-benchmarks.js';

const rootDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every figure id the benchmarks promise (the B1-B6). */
const EXPECTED_IDS = [
  'B1',
  'B2a',
  'B2b',
  'B2c',
  'B2d',
  'B3a',
  'B3b',
  'B3c',
  'B4a',
  'B4b',
  'B4c',
  'B4d',
  'B4e',
  'B4f',
  'B5a',
  'B5b',
  'B5c',
  'B5d',
  'B6a',
  'B6b',
  'B6c',
  'B6d',
  'B6e',
  'B6f',
  'B7a',
  'B7b',
  'B8a',
  'B8b',
  'B8c',
  'B8d',
  'B8e',
  'B8f',
  'B8g',
  'B8h',
  'B8i',
  'B8j',
  'B8k',
  'B8l',
  'B8m',
  'B8n',
];

// Real servers (production builds of emulator, backend, BFF; redis-server when the BFF has a Redis
// store) driven once with tiny numbers. B3 waits out the backend's 30 s JWKS cooldown.
describe('npm run bench -- --smoke', () => {
  let report: BenchReport;

  beforeAll(async () => {
    report = await runBenchmarks({ rootDir, settings: SMOKE_SETTINGS });
  }, 120_000);

  it('produces every figure, each a finite number or an explicit reason why not', () => {
    expect(report.figures.map((figure) => figure.id)).toEqual(EXPECTED_IDS);
    for (const figure of report.figures) {
      if (figure.value === undefined) {
        // Only the Redis halves may be missing, and only with a reason.
        expect(['B5c', 'B5d', 'B6c', 'B6f']).toContain(figure.id);
        expect(figure.notMeasured).toMatch(/Redis|redis-server/);
      } else {
        expect(Number.isFinite(figure.value)).toBe(true);
      }
      expect(figure.detail.length).toBeGreaterThan(0);
    }
  });

  it('measured what the goals are about, not zeros from a broken setup', () => {
    const value = (id: string) => report.figures.find((figure) => figure.id === id)?.value;
    // Throughput ratios come from runs where every answer was 2xx (a run with a 401 fails).
    expect(value('B1')).toBeGreaterThan(0);
    expect(value('B4a')).toBeGreaterThan(0);
    // CPU per request of the BFF and the bare proxy, both read from /proc.
    expect(value('B4c')).toBeGreaterThan(0);
    expect(value('B2a')).toBeGreaterThan(0);
    // The backend fetched its JWKS at least once, and the rotated key was accepted.
    expect(value('B3a')).toBeGreaterThanOrEqual(1);
    expect(value('B3c')).toBeGreaterThan(0);
    // Each storm caused at least one refresh (the benchmark fails otherwise) and got answers.
    expect(value('B5a')).toBeGreaterThanOrEqual(1);
    expect(value('B5b')).toBeGreaterThan(0);
    // Guarded answers under the flood on both backends; the denials reached the trail; rows were
    // queried and written on both stores.
    expect(value('B7a')).toBeGreaterThan(0);
    expect(value('B7b')).toBeGreaterThan(0);
    for (const id of ['B8f', 'B8g', 'B8m', 'B8n']) expect(value(id)).toBeGreaterThan(0);
  });

  it('renders the table and the Markdown report without judging goals', () => {
    expect(report.smoke).toBe(true);
    expect(
      report.figures.every((figure) => judge(figure, { judged: false }).kind !== 'missed'),
    ).toBe(true);
    const table = renderTable(report);
    for (const id of EXPECTED_IDS) expect(table).toMatch(new RegExp(`^${id}\\s`, 'm'));
    const markdown = renderMarkdown(report);
    expect(markdown).toContain(`Node: ${process.version}`);
    expect(markdown).toContain('Mode: smoke');
    expect(markdown).toContain('## Method');
  });
});
