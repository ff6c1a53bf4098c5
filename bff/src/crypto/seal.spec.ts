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
});
