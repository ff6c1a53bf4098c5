import { interleave, median, medianDifference, medianRatio } from './rounds.js';

describe('interleave', () => {
  it('measures every contender once per round, alternating the order (A B, B A, ...)', async () => {
    const calls: string[] = [];
    const contender = (name: string, value: number) => ({
      name,
      run: () => {
        calls.push(name);
        return Promise.resolve(value + calls.length);
      },
    });
    const results = await interleave([contender('A', 100), contender('B', 200)], 3);
    expect(calls).toEqual(['A', 'B', 'B', 'A', 'A', 'B']);
    expect(results).toEqual({ A: [101, 104, 105], B: [202, 203, 206] });
  });

  it('runs and drops one warm-up measurement per contender', async () => {
    let n = 0;
    const results = await interleave([{ name: 'A', run: () => Promise.resolve(++n) }], 2, {
      warmup: true,
    });
    expect(n).toBe(3);
    expect(results['A']).toEqual([2, 3]);
  });

  it('refuses zero rounds and duplicate names', async () => {
    const a = { name: 'A', run: () => Promise.resolve(1) };
    await expect(interleave([a], 0)).rejects.toThrow(RangeError);
    await expect(interleave([a, a], 1)).rejects.toThrow('unique');
  });

  it('propagates a failing measurement', async () => {
    const failing = { name: 'A', run: () => Promise.reject(new Error('server died')) };
    await expect(interleave([failing], 3)).rejects.toThrow('server died');
  });
});

describe('median', () => {
  it('takes the middle value of an odd count, unaffected by outliers and order', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([3, 1000, 2, 1, 4])).toBe(3);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('medianRatio / medianDifference', () => {
  it('pairs values by round before taking the median', () => {
    // Round ratios 0.5, 0.9, 1.0: the median is 0.9 (a ratio of medians would give 10/10 = 1).
    expect(medianRatio([5, 9, 20], [10, 10, 20])).toBeCloseTo(0.9);
    expect(medianDifference([12, 30, 11], [10, 10, 10])).toBe(2);
  });

  it('refuses lists of different lengths', () => {
    expect(() => medianRatio([1, 2], [1])).toThrow(RangeError);
    expect(() => medianDifference([1], [1, 2])).toThrow(RangeError);
  });
});
