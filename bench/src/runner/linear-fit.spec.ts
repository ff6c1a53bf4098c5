import { linearFit } from './linear-fit.js';

describe('linearFit', () => {
  it('recovers an exact line with r² = 1', () => {
    const fit = linearFit([0, 2_000, 4_000, 6_000], [100, 108, 116, 124]);
    expect(fit.slope).toBeCloseTo(0.004, 10);
    expect(fit.intercept).toBeCloseTo(100, 10);
    expect(fit.r2).toBeCloseTo(1, 10);
  });

  it('gives the least-squares slope of noisy points and a lower r²', () => {
    // y = 2x + noise (+1, -1, -1, +1): the noise is symmetric, so the slope stays 2.
    const fit = linearFit([0, 1, 2, 3], [1, 1, 3, 7]);
    expect(fit.slope).toBeCloseTo(2, 10);
    expect(fit.intercept).toBeCloseTo(0, 10);
    expect(fit.r2).toBeCloseTo(20 / 24, 10);
  });

  it('says when x explains nothing (flat: slope 0, r² NaN; noise: r² near 0)', () => {
    expect(linearFit([0, 1, 2], [5, 5, 5])).toMatchObject({ slope: 0, intercept: 5 });
    expect(linearFit([0, 1, 2], [5, 5, 5]).r2).toBeNaN();
    expect(linearFit([0, 1, 2, 3], [5, 7, 7, 5]).r2).toBeCloseTo(0, 10);
  });

  it('refuses fewer than two points, mismatched lengths and a single x', () => {
    expect(() => linearFit([1], [1])).toThrow(RangeError);
    expect(() => linearFit([1, 2], [1])).toThrow(RangeError);
    expect(() => linearFit([3, 3], [1, 2])).toThrow(RangeError);
  });
});
