import { PendingKeys } from './pending-keys';

describe('PendingKeys', () => {
  it('runs one action per key at a time and says which keys are busy', async () => {
    const pending = new PendingKeys();
    let finish!: (value: string) => void;
    const calls: string[] = [];
    const first = pending.run('om_1', () => {
      calls.push('first');
      return new Promise<string>((resolve) => (finish = resolve));
    });
    const second = pending.run('om_1', () => {
      calls.push('second');
      return Promise.resolve('second');
    });
    expect(pending.has('om_1')).toBe(true);
    expect(pending.has('om_2')).toBe(false);
    expect(pending.any()).toBe(true);
    await expect(second).resolves.toBeUndefined();

    finish('done');
    await expect(first).resolves.toBe('done');
    expect(calls).toEqual(['first']);
    expect(pending.any()).toBe(false);
  });

  it('frees the key when the action fails', async () => {
    const pending = new PendingKeys();
    await expect(pending.run('k', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(pending.has('k')).toBe(false);
    await expect(pending.run('k', () => Promise.resolve(1))).resolves.toBe(1);
  });
});
