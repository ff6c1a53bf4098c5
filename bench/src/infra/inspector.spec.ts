import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

import {
  InspectorError,
  InspectorSession,
  inspectorUrlOf,
  isInspectorNotice,
} from './inspector.js';
import { readMemoryAfterGc } from './memory-probe.js';

/** A Node child with its inspector on a free loopback port, idle until killed. */
async function inspectedNode(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--inspect=127.0.0.1:0', '-e', 'globalThis.kept = []; setInterval(() => {}, 1000);'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', () => reject(new Error('the child exited before its inspector listened')));
    createInterface({ input: child.stderr }).on('line', (line) => {
      const found = inspectorUrlOf(line);
      if (found) resolve(found);
    });
  });
  return { child, url };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('inspectorUrlOf / isInspectorNotice', () => {
  it('finds the WebSocket URL of the --inspect line and nothing in other lines', () => {
    const url = 'ws://127.0.0.1:40123/0f4c6a1e-2b9d-4a47-9d0c-7f2f0a1b2c3d';
    expect(inspectorUrlOf(`Debugger listening on ${url}`)).toBe(url);
    expect(inspectorUrlOf(`Debugger listening on ${url}\r`)).toBe(url);
    expect(inspectorUrlOf('{"level":40,"msg":"Debugger listening on nothing"}')).toBeUndefined();
  });

  it("tells Node's inspector notices from the service's own stderr", () => {
    expect(isInspectorNotice('Debugger attached.')).toBe(true);
    expect(
      isInspectorNotice('For help, see: https://nodejs.org/learn/getting-started/debugging'),
    ).toBe(true);
    expect(isInspectorNotice('Waiting for the debugger to disconnect...')).toBe(true);
    expect(isInspectorNotice('Error: listen EADDRINUSE')).toBe(false);
  });
});

describe('InspectorSession against a real Node process', () => {
  let child: ChildProcess;
  let session: InspectorSession;

  beforeAll(async () => {
    const node = await inspectedNode();
    child = node.child;
    session = await InspectorSession.connect(node.url);
  });

  afterAll(async () => {
    await session.close();
    await kill(child);
  });

  it('evaluates expressions and reports exceptions and unknown methods as InspectorError', async () => {
    expect(await session.evaluate<number>('6 * 7')).toBe(42);
    expect(await session.evaluate<{ pid: number }>('({ pid: process.pid })')).toEqual({
      pid: child.pid,
    });
    await expect(session.evaluate('throw new Error("boom")')).rejects.toThrow(/boom/);
    await expect(session.call('No.suchMethod')).rejects.toBeInstanceOf(InspectorError);
  });

  it('reads memory after full collections: kept objects count, dropped ones do not', async () => {
    const pid = child.pid!;
    const before = await readMemoryAfterGc(session, pid);
    // 20,000 arrays of 128 doubles (1 KiB of elements each, ~20 MiB), kept alive by a global.
    await session.evaluate(
      'for (let i = 0; i < 20000; i += 1) kept.push(Array.from({ length: 128 }, (_, j) => i + j / 256)); 0',
    );
    const kept = await readMemoryAfterGc(session, pid);
    expect(kept.heapUsedKiB - before.heapUsedKiB).toBeGreaterThan(15 * 1024);
    expect(kept.rssKiB - before.rssKiB).toBeGreaterThan(15 * 1024);
    // Unreferenced, the same arrays are garbage: a reading after full collections does not see them.
    await session.evaluate('kept.length = 0');
    const dropped = await readMemoryAfterGc(session, pid);
    expect(dropped.heapUsedKiB - before.heapUsedKiB).toBeLessThan(2 * 1024);
    expect(dropped.externalKiB).toBeGreaterThan(0);
  });

  it('rejects calls once the process is gone', async () => {
    const node = await inspectedNode();
    const other = await InspectorSession.connect(node.url);
    await kill(node.child);
    await expect(other.evaluate('1')).rejects.toBeInstanceOf(InspectorError);
  });
});
