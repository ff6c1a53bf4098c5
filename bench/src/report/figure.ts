/** A goal a figure is judged against. */
export interface Goal {
  /** `>=`: the value must reach `target`; `<=`: it must not exceed it. */
  readonly op: '>=' | '<=';
  readonly target: number;
}

/** One line of the benchmark table. */
export interface Figure {
  /** Benchmark and line, e.g. `B4b`. */
  readonly id: string;
  /** What the value is, e.g. `BFF / direct throughput at 50 connections`. */
  readonly label: string;
  /** The measured value; undefined when it could not be measured (see `notMeasured`). */
  readonly value: number | undefined;
  /** How the value is printed: `x` ratio, `ms`, `s`, `count`, `KiB` (1,024 bytes). */
  readonly unit: 'x' | 'ms' | 's' | 'count' | 'KiB';
  /** Without a goal the figure is informational. */
  readonly goal?: Goal;
  /** What was measured on each side (medians, counts), for the report. */
  readonly detail: string;
  /** Why there is no value. */
  readonly notMeasured?: string;
}

/** How a figure fares against its goal. */
export type Verdict =
  | { readonly kind: 'met' }
  | { readonly kind: 'missed'; readonly by: number; readonly relative: number }
  | { readonly kind: 'no-goal' | 'not-judged' | 'not-measured' };

/**
 * Judges a figure. `missed.by` is how far the value is from the goal in the figure's unit and
 * `relative` that distance as a share of the target (0.25 = missed by 25 %).
 */
export function judge(figure: Figure, { judged }: { judged: boolean }): Verdict {
  if (figure.value === undefined) return { kind: 'not-measured' };
  if (!figure.goal) return { kind: 'no-goal' };
  if (!judged) return { kind: 'not-judged' };
  const { op, target } = figure.goal;
  const met = op === '>=' ? figure.value >= target : figure.value <= target;
  if (met) return { kind: 'met' };
  const by = Math.abs(figure.value - target);
  return { kind: 'missed', by, relative: target === 0 ? Infinity : by / Math.abs(target) };
}
