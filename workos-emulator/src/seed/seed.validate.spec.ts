import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSeed, seededUsers } from './default-seed.js';
import { loadSeedFile } from './seed.loader.js';
import { SeedError, validateSeed } from './seed.validate.js';

function problemsOf(input: unknown): string[] {
  try {
    validateSeed(input);
    return [];
  } catch (error) {
    if (error instanceof SeedError) return error.problems;
    throw error;
  }
}

describe('validateSeed', () => {
  it('accepts the default seed and keeps it intact', () => {
    const seed = defaultSeed();
    expect(validateSeed(seed)).toMatchObject(seed);
    expect(seed.users.map((u) => u.email)).toEqual(seededUsers.map((u) => u.email));
    expect(seed.clients[0]?.redirectUris).toEqual(['http://localhost:3000/auth/callback']);
  });

  it('defaultSeed() returns a fresh copy each time', () => {
    const a = defaultSeed();
    a.clients[0]?.redirectUris.push('http://x/');
    expect(defaultSeed().clients[0]?.redirectUris).toHaveLength(1);
  });

  it.each([
    [null, /JSON object/],
    [{ clients: [], roles: [], organizations: [], users: [] }, /at least one client/],
    [
      { ...defaultSeed(), clients: [{ id: 'c', apiKey: 'k', redirectUris: ['not a url'] }] },
      /not an absolute URL/,
    ],
    [{ ...defaultSeed(), clients: 'x' }, /clients must be an array/],
  ])('reports problems (%#)', (input, pattern) => {
    expect(problemsOf(input).join('\n')).toMatch(pattern);
  });

  it('reports dangling references and duplicates, all at once', () => {
    const seed = defaultSeed();
    const [ada, max] = seed.users;
    if (ada === undefined || max === undefined) throw new Error('seed changed');
    ada.memberships.push({ organizationId: 'org_missing', role: 'admin' });
    max.memberships = [{ organizationId: seed.organizations[0]?.id ?? '', role: 'owner' }];
    max.email = ada.email.toUpperCase();
    const problems = problemsOf(seed);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unknown organization "org_missing"/),
        expect.stringMatching(/unknown role "owner"/),
        expect.stringMatching(/duplicate user email "ada@example.com"/),
      ]),
    );
  });

  it('reports wrong field types', () => {
    const seed = defaultSeed() as unknown as { users: Record<string, unknown>[] };
    const user = seed.users[0] ?? {};
    user['emailVerified'] = 'yes';
    user['metadata'] = { n: 1 };
    user['createdAt'] = 'yesterday';
    const problems = problemsOf(seed).join('\n');
    expect(problems).toMatch(/emailVerified must be a boolean/);
    expect(problems).toMatch(/metadata must be an object of strings/);
    expect(problems).toMatch(/createdAt must be an ISO 8601 date/);
  });
});

describe('loadSeedFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'seed-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a JSON seed file', () => {
    const file = join(dir, 'seed.json');
    writeFileSync(file, JSON.stringify(defaultSeed()));
    expect(loadSeedFile(file).clients[0]?.id).toBe('client_gatehouse_dev');
  });

  it('reports unreadable and invalid JSON as SeedError', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ nope');
    expect(() => loadSeedFile(file)).toThrow(SeedError);
    expect(() => loadSeedFile(join(dir, 'missing.json'))).toThrow(SeedError);
  });
});
