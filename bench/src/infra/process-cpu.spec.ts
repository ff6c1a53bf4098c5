import { processCpuMs } from './process-cpu.js';

describe('processCpuMs', () => {
  it('grows by the CPU time a process spends', async () => {
    const before = await processCpuMs(process.pid);
    // Spin until this process has used 200 ms of CPU by its own account, however busy the machine.
    const start = process.cpuUsage();
    while (process.cpuUsage(start).user < 200_000) Math.sqrt(Math.random());
    const spent = (await processCpuMs(process.pid)) - before;
    // /proc counts in 10 ms ticks; other threads of this process may add a little.
    expect(spent).toBeGreaterThanOrEqual(180);
    expect(spent).toBeLessThan(5_000);
  });

  it('fails for a process that does not exist', async () => {
    await expect(processCpuMs(2 ** 22 + 1)).rejects.toThrow();
  });
});
