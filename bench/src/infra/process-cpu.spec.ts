import { processCpuMs } from './process-cpu.js';

describe('processCpuMs', () => {
  it('grows by the CPU time a process spends', async () => {
    const before = await processCpuMs(process.pid);
    const until = Date.now() + 200;
    let spins = 0;
    while (Date.now() < until) spins += 1;
    const spent = (await processCpuMs(process.pid)) - before;
    expect(spins).toBeGreaterThan(0);
    // 200 ms of spinning, read at 10 ms resolution; less when the machine shares the core.
    expect(spent).toBeGreaterThanOrEqual(50);
    expect(spent).toBeLessThan(5_000);
  });

  it('fails for a process that does not exist', async () => {
    await expect(processCpuMs(2 ** 22 + 1)).rejects.toThrow();
  });
});
