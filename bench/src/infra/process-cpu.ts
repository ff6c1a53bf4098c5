import { readFile } from 'node:fs/promises';

/** Clock ticks per second of `/proc/<pid>/stat` times (`USER_HZ`, 100 on every Linux build). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time a process has used so far (user + system), in milliseconds, from `/proc/<pid>/stat`
 * (Linux; 10 ms resolution). Read before and after a load run, the difference is what serving
 * that run cost the process, whatever else the machine was doing.
 */
export async function processCpuMs(pid: number): Promise<number> {
  const { userMs, systemMs } = await processCpuTimes(pid);
  return userMs + systemMs;
}

/** {@link processCpuMs} split into user time (the process's own code) and system time (the kernel's, for it). */
export async function processCpuTimes(pid: number): Promise<{ userMs: number; systemMs: number }> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its `)`.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    throw new Error(`no CPU times for process ${pid}`);
  }
  return { userMs: (utime * 1000) / TICKS_PER_SECOND, systemMs: (stime * 1000) / TICKS_PER_SECOND };
}
