import { GroupedWrites } from './grouped-writes.js';

/** A writer that records its batches and answers when told to. */
function recordingWriter() {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const write = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<number[]>((resolve) =>
      pending.push(() => resolve(items.map((n) => n * 10))),
    );
  };
  const releaseNext = async () => {
    while (pending.length === 0) await new Promise((r) => setImmediate(r));
    pending.shift()?.();
  };
  return { batches, write, releaseNext };
}

describe('GroupedWrites', () => {
  it('writes a lone item at once, and groups the items that arrive during a write', async () => {
    const writer = recordingWriter();
    const grouped = new GroupedWrites(writer.write, 100);

    const first = grouped.write(1);
    expect(writer.batches).toEqual([[1]]);
    const later = [2, 3, 4].map((n) => grouped.write(n));
    await writer.releaseNext();
    await writer.releaseNext();

    await expect(first).resolves.toBe(10);
    await expect(Promise.all(later)).resolves.toEqual([20, 30, 40]);
    expect(writer.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('splits what waits into batches of at most maxBatch', async () => {
    const writer = recordingWriter();
    const grouped = new GroupedWrites(writer.write, 2);

    const all = [1, 2, 3, 4, 5].map((n) => grouped.write(n));
    for (let i = 0; i < 3; i += 1) await writer.releaseNext();

    await expect(Promise.all(all)).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(writer.batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('fails every item of a failed batch, and writes the next batch', async () => {
    let calls = 0;
    const grouped = new GroupedWrites<number, number>(async (items) => {
      calls += 1;
      await new Promise((r) => setImmediate(r));
      if (calls === 2) throw new Error('database gone');
      return items.map((n) => n * 10);
    }, 100);

    const first = grouped.write(1);
    const failing = [grouped.write(2), grouped.write(3)];
    await expect(first).resolves.toBe(10);
    await expect(Promise.all(failing)).rejects.toThrow('database gone');
    await expect(failing[1]).rejects.toThrow('database gone');
    await expect(grouped.write(4)).resolves.toBe(40);
  });
});
