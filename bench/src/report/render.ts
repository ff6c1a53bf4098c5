import { judge, type Figure, type Verdict } from './figure.js';
import type { MachineInfo } from './machine.js';

/** Everything one run produced. */
export interface BenchReport {
  readonly startedAt: Date;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  /** A smoke run: tiny numbers, one round, goals not judged. */
  readonly smoke: boolean;
  /** Rounds, durations, connections, as one line each. */
  readonly settings: readonly string[];
  readonly figures: readonly Figure[];
  /** How each benchmark measures, one paragraph each. */
  readonly method: readonly string[];
}

const UNIT_SUFFIX: Record<Figure['unit'], string> = {
  x: 'x',
  ms: ' ms',
  s: ' s',
  count: '',
  KiB: ' KiB',
};

/** A value with its unit, rounded for reading (ratios and KiB to 2 decimals, counts whole). */
export function formatValue(value: number, unit: Figure['unit']): string {
  const digits = unit === 'count' ? 0 : unit === 'x' || unit === 'KiB' ? 2 : 1;
  return `${value.toFixed(digits)}${UNIT_SUFFIX[unit]}`;
}

function goalText(figure: Figure): string {
  if (!figure.goal) return '(info)';
  const target = formatValue(figure.goal.target, figure.unit);
  return `${figure.goal.op === '>=' ? '>=' : '<='} ${target}`;
}

/** `met`, `MISSED by 0.12x (13 %)`, `not judged (smoke)`, ... */
export function verdictText(verdict: Verdict, unit: Figure['unit']): string {
  switch (verdict.kind) {
    case 'met':
      return 'met';
    case 'missed': {
      const share = Number.isFinite(verdict.relative)
        ? ` (${Math.round(verdict.relative * 100)} %)`
        : '';
      return `MISSED by ${formatValue(verdict.by, unit)}${share}`;
    }
    case 'no-goal':
      return '-';
    case 'not-judged':
      return 'not judged (smoke)';
    case 'not-measured':
      return 'not measured';
  }
}

interface Row {
  id: string;
  label: string;
  value: string;
  goal: string;
  verdict: string;
}

function rows(report: BenchReport): Row[] {
  return report.figures.map((figure) => ({
    id: figure.id,
    label: figure.label,
    value:
      figure.value === undefined
        ? `not measured: ${figure.notMeasured ?? 'unknown reason'}`
        : formatValue(figure.value, figure.unit),
    goal: goalText(figure),
    verdict: verdictText(judge(figure, { judged: !report.smoke }), figure.unit),
  }));
}

/** A plain-text table for the terminal. */
export function renderTable(report: BenchReport): string {
  const header: Row = {
    id: 'id',
    label: 'figure',
    value: 'value',
    goal: 'goal',
    verdict: 'verdict',
  };
  const all = [header, ...rows(report)];
  const keys = ['id', 'label', 'value', 'goal', 'verdict'] as const;
  const widths = keys.map((key) => Math.max(...all.map((row) => row[key].length)));
  const line = (row: Row) =>
    keys
      .map((key, i) => row[key].padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...all.slice(1).map(line)].join('\n');
}

/** Escapes what would break a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The `docs/benchmarks.md` document. */
export function renderMarkdown(report: BenchReport): string {
  const { machine } = report;
  const table = rows(report).map(
    (row) =>
      `| ${cell(row.id)} | ${cell(row.label)} | ${cell(row.value)} | ${cell(row.goal)} | ${cell(row.verdict)} |`,
  );
  const details = report.figures.map(
    (figure) => `- **${figure.id}** ${cell(figure.label)}: ${figure.detail}`,
  );
  const missed = report.figures.filter(
    (figure) => judge(figure, { judged: !report.smoke }).kind === 'missed',
  );
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (package `bench/`); do not edit by hand. Every figure compares two',
    'things measured in the same run, interleaved round by round, as the median over the rounds.',
    '',
    `- Date: ${report.startedAt.toISOString()} (run took ${Math.round(report.durationSeconds)} s)`,
    `- Machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}`,
    `- Node: ${machine.nodeVersion}`,
    `- Mode: ${report.smoke ? 'smoke (tiny numbers, one round, goals not judged)' : 'full'}`,
    ...report.settings.map((setting) => `- ${setting}`),
    '',
    '| id | figure | value | goal | verdict |',
    '|---|---|---|---|---|',
    ...table,
    '',
    `Goals missed: ${missed.length === 0 ? 'none' : missed.map((figure) => figure.id).join(', ')}.`,
    '',
    '## What each figure measured',
    '',
    ...details,
    '',
    '## Method',
    '',
    ...report.method.flatMap((paragraph) => [paragraph, '']),
  ].join('\n');
}
