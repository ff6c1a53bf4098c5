/** A straight line through measured points, and how well it fits them. */
export interface LinearFit {
  /** Change of y per unit of x (least squares). */
  readonly slope: number;
  readonly intercept: number;
  /**
   * Coefficient of determination: 1 when every point lies on the line, near 0 when x explains none
   * of y's variation; NaN when y does not vary at all.
   */
  readonly r2: number;
}

/**
 * Ordinary least-squares fit of `ys` against `xs`. Used by B6 to turn memory readings taken every
 * few thousand sessions into growth per session: a slope over several readings is steadier than the
 * difference of two, and r² shows whether the growth is proportional at all.
 */
export function linearFit(xs: readonly number[], ys: readonly number[]): LinearFit {
  if (xs.length !== ys.length) throw new RangeError('xs and ys need the same length');
  if (xs.length < 2) throw new RangeError('a line needs at least two points');
  const n = xs.length;
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (xs[i] as number) - meanX;
    const dy = (ys[i] as number) - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) throw new RangeError('xs must not all be equal');
  const slope = sxy / sxx;
  return {
    slope,
    intercept: meanY - slope * meanX,
    r2: syy === 0 ? NaN : (sxy * sxy) / (sxx * syy),
  };
}
