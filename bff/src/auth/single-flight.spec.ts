import { SingleFlight } from './single-flight.js';

describe('SingleFlight', () => {
  it('runs one call per key and shares its result with concurrent callers', async () => {
    const flights = new SingleFlight<string, number>();
    let calls = 0;
    let release!: (value: number) => void;
    const work = () => {
      calls += 1;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const results = Promise.all(Array.from({ length: 20 }, () => flights.run('s1', work)));
    expect(flights.size).toBe(1);
    release(42);
    await expect(results).resolves.toEqual(Array(20).fill(42));
    expect(calls).toBe(1);
    expect(flights.size).toBe(0);
  });

  it('keeps keys apart and forgets settled calls, also on failure', async () => {
    const flights = new SingleFlight<string, string>();
    await expect(flights.run('a', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(flights.run('a', () => Promise.resolve('again'))).resolves.toBe('again');
    const [a, b] = await Promise.all([
      flights.run('a', () => Promise.resolve('A')),
      flights.run('b', () => Promise.resolve('B')),
    ]);
    expect([a, b]).toEqual(['A', 'B']);
  });
});
