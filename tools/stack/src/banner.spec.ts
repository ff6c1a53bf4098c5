import { defaultSeed } from '@gatehouse/workos-emulator';

import { formatBanner, seededUserLines } from './banner.js';

describe('banner', () => {
  it('lists every seeded user with password and role per organization', () => {
    const seed = defaultSeed();
    const lines = seededUserLines(seed);

    expect(lines).toHaveLength(seed.users.length);
    for (const user of seed.users) {
      const line = lines.find((candidate) => candidate.startsWith(user.email));
      expect(line).toContain(user.password);
      for (const membership of user.memberships) expect(line).toContain(membership.role);
    }
  });

  it('prints the URL, the identity provider and the shared client id', () => {
    const text = formatBanner({
      publicUrl: 'http://localhost:3000',
      identityProvider: 'emulator',
      apiBaseUrl: 'http://127.0.0.1:4100',
      clientId: 'client_x',
      seed: defaultSeed(),
    });

    expect(text).toContain('open http://localhost:3000');
    expect(text).toContain('embedded WorkOS emulator at http://127.0.0.1:4100');
    expect(text).toContain('client_x');
    expect(text).toContain('Sign in as');
  });

  it('lists no users for real WorkOS', () => {
    const text = formatBanner({
      publicUrl: 'http://localhost:3000',
      identityProvider: 'workos',
      apiBaseUrl: 'https://api.workos.com',
      clientId: 'client_live',
    });

    expect(text).toContain('Identity provider: WorkOS at https://api.workos.com');
    expect(text).not.toContain('Sign in as');
  });
});
