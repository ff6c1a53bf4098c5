/** One side of a comparison: a name and a measurement that yields a number (higher or lower is better per figure). */
export interface Contender<T> {
  readonly name: string;
  /** Runs one measurement and returns what it measured. */
  readonly run: () => Promise<T>;
}

/** Every measurement of every contender, in the order the rounds ran them. */
export type RoundResults<T> = Record<string, T[]>;

/**
 * Runs `rounds` rounds in which every contender is measured once, interleaved so that slow drifts of
 * a shared, noisy machine (another process waking up, thermal throttling, a growing heap) hit every
 * contender alike. Odd rounds run the contenders in reverse order (A B, B A, A B, ...): no contender
 * is always the one that runs right after a rest.
 *
 * @param warmup when true, every contender runs once before the rounds and that result is dropped
 *   (JIT, connection pools, key caches).
 */
export async function interleave<T>(
  contenders: readonly Contender<T>[],
  rounds: number,
  { warmup = false }: { warmup?: boolean } = {},
): Promise<RoundResults<T>> {
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError('rounds must be at least 1');
  const names = new Set(contenders.map((c) => c.name));
  if (names.size !== contenders.length) throw new Error('contender names must be unique');
  if (warmup) for (const contender of contenders) await contender.run();
  const results: RoundResults<T> = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const contender of order) results[contender.name]?.push(await contender.run());
  }
  return results;
}

/** The median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/**
 * The median of the per-round ratios `numerator[i] / denominator[i]`. Pairing by round cancels what
 * the machine did during that round better than a ratio of two medians would.
 */
export function medianRatio(numerator: readonly number[], denominator: readonly number[]): number {
  if (numerator.length !== denominator.length) {
    throw new RangeError('both sides need one value per round');
  }
  return median(numerator.map((value, i) => value / (denominator[i] as number)));
}

/** The median of the per-round differences `a[i] - b[i]`. */
export function medianDifference(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError('both sides need one value per round');
  return median(a.map((value, i) => value - (b[i] as number)));
}
