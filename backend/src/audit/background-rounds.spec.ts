import { jest } from '@jest/globals';

import { BackgroundRounds } from './background-rounds.js';

describe('BackgroundRounds', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  function rounds(results: (boolean | Error)[], intervalMs = 1_000, maxBackoffMs = 5_000) {
    const failures: [number, number][] = [];
    let ran = 0;
    const loop = new BackgroundRounds({
      intervalMs,
      maxBackoffMs,
      round: () => {
        const result = results[ran] ?? false;
        ran += 1;
        return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
      },
      onFailure: (_error, inRow, retryInMs) => failures.push([inRow, retryInMs]),
    });
    return { loop, failures, ran: () => ran };
  }

  it('runs the first round at once, then one per interval, and at once while work is waiting', async () => {
    const { loop, ran } = rounds([true, false, false]);
    loop.start();
    await jest.advanceTimersByTimeAsync(5);
    expect(ran()).toBe(2); // the first round said more was waiting
    await jest.advanceTimersByTimeAsync(990);
    expect(ran()).toBe(2);
    await jest.advanceTimersByTimeAsync(10);
    expect(ran()).toBe(3);
    await loop.stop();
  });

  it('doubles the pause per failure in a row up to the bound, and resets after a success', async () => {
    const boom = new Error('down');
    const { loop, failures } = rounds([boom, boom, boom, boom, false, boom]);
    loop.start();
    // Rounds at 1, 2001, 6001, 11001, 16001 (success) and 17001 ms.
    await jest.advanceTimersByTimeAsync(17_500);
    expect(failures).toEqual([
      [1, 2_000],
      [2, 4_000],
      [3, 5_000],
      [4, 5_000],
      [1, 2_000],
    ]);
    expect(loop.consecutiveFailures).toBe(1);
    await loop.stop();
  });

  it('stop() waits for the round in progress and schedules no other', async () => {
    let finish: () => void = () => undefined;
    let ran = 0;
    const loop = new BackgroundRounds({
      intervalMs: 10,
      maxBackoffMs: 10,
      round: () => {
        ran += 1;
        return new Promise<boolean>((resolve) => {
          finish = () => resolve(false);
        });
      },
      onFailure: () => undefined,
    });
    loop.start();
    await jest.advanceTimersByTimeAsync(5);
    let stopped = false;
    const stopping = loop.stop().then(() => {
      stopped = true;
    });
    await jest.advanceTimersByTimeAsync(100);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await jest.advanceTimersByTimeAsync(100);
    expect(ran).toBe(1);
    expect(loop.active).toBe(false);
  });
});
