import { Sealer } from './seal.js';

describe('Sealer', () => {
  const password = 'p'.repeat(32);

  it('round-trips JSON and hides the plaintext', async () => {
    const sealer = new Sealer(password, () => Date.now());
    const sealed = await sealer.seal({ accessToken: 'eyJsecret', refreshToken: 'rt_secret' });
    expect(sealed).toMatch(/^Fe26\.2\*/);
    expect(sealed).not.toContain('secret');
    await expect(sealer.unseal(sealed)).resolves.toEqual({
      accessToken: 'eyJsecret',
      refreshToken: 'rt_secret',
    });
  });

  it('refuses tampered seals, another password and garbage', async () => {
    const sealer = new Sealer(password, () => Date.now());
    const sealed = await sealer.seal({ a: 1 });
    const tampered = sealed.slice(0, -3) + (sealed.endsWith('A') ? 'BBB' : 'AAA');
    await expect(sealer.unseal(tampered)).resolves.toBeUndefined();
    await expect(
      new Sealer('q'.repeat(32), () => Date.now()).unseal(sealed),
    ).resolves.toBeUndefined();
    await expect(sealer.unseal('not-a-seal')).resolves.toBeUndefined();
  });

  it('expires seals with a ttl on the injected clock', async () => {
    let now = Date.now();
    const sealer = new Sealer(password, () => now);
    const sealed = await sealer.seal({ a: 1 }, 10_000);
    now += 9_000;
    await expect(sealer.unseal(sealed)).resolves.toEqual({ a: 1 });
    now += 2_000;
    await expect(sealer.unseal(sealed)).resolves.toBeUndefined();
  });

  it('rejects a short password', () => {
    expect(() => new Sealer('short', () => 0)).toThrow(/32 characters/);
  });

  it('with previous passwords: seals with the newest, opens what any of them sealed', async () => {
    const previous = 'q'.repeat(32);
    const before = await new Sealer(previous, () => Date.now()).seal({ a: 'before' });
    const rotated = new Sealer([password, previous], () => Date.now());
    await expect(rotated.unseal(before)).resolves.toEqual({ a: 'before' });
    const after = await rotated.seal({ a: 'after' });
    await expect(new Sealer(password, () => Date.now()).unseal(after)).resolves.toEqual({
      a: 'after',
    });
    await expect(new Sealer(previous, () => Date.now()).unseal(after)).resolves.toBeUndefined();
    // A seal names its key by an id (not the key), so reading never tries every password.
    expect(after.split('*')[1]).toMatch(/^[0-9a-f]{16}$/);
    expect(after.split('*')[1]).not.toBe(before.split('*')[1]);
  });

  it('does not open seals keyed by the password itself (the format before key separation)', async () => {
    const { seal, defaults } = await import('iron-webcrypto');
    const legacy = await seal({ a: 1 }, password, defaults);
    await expect(new Sealer(password, () => Date.now()).unseal(legacy)).resolves.toBeUndefined();
  });
});
