import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadOrCreateDevSecrets } from './dev-secrets.js';

describe('loadOrCreateDevSecrets', () => {
  const dataDir = (): string => mkdtempSync(join(tmpdir(), 'gatehouse-secrets-'));

  it('creates a long random cookie password once and keeps it', () => {
    const dir = dataDir();
    const first = loadOrCreateDevSecrets(dir);
    const second = loadOrCreateDevSecrets(dir);

    expect(first.cookiePassword.length).toBeGreaterThanOrEqual(32);
    expect(second).toEqual(first);
    expect(statSync(join(dir, 'dev-secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('gives different checkouts different secrets', () => {
    expect(loadOrCreateDevSecrets(dataDir()).cookiePassword).not.toBe(
      loadOrCreateDevSecrets(dataDir()).cookiePassword,
    );
  });

  it('replaces a file whose password is too short to seal with', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'dev-secrets.json'), JSON.stringify({ cookiePassword: 'short' }));

    const secrets = loadOrCreateDevSecrets(dir);

    expect(secrets.cookiePassword.length).toBeGreaterThanOrEqual(32);
    expect(JSON.parse(readFileSync(join(dir, 'dev-secrets.json'), 'utf8'))).toEqual(secrets);
  });

  it('adds a webhook secret to an older file and keeps its cookie password', () => {
    const dir = dataDir();
    const cookiePassword = 'p'.repeat(40);
    writeFileSync(join(dir, 'dev-secrets.json'), JSON.stringify({ cookiePassword }));

    const secrets = loadOrCreateDevSecrets(dir);

    expect(secrets.cookiePassword).toBe(cookiePassword);
    expect(secrets.webhookSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadOrCreateDevSecrets(dir)).toEqual(secrets);
  });
});
