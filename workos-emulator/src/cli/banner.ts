import type { Emulator } from '../emulator.types.js';

/** The start-up text: URL, client, API key, seeded users (the seed's passwords are test fixtures). */
export function startupBanner(
  emulator: Emulator,
  options: { dataDir?: string; testControls: boolean },
): string {
  const orgNames = new Map(emulator.seed.organizations.map((o) => [o.id, o.name]));
  const users = emulator.seed.users.map((u) => {
    const name = [u.firstName, u.lastName].filter((p) => p !== null && p !== '').join(' ');
    const roles = u.memberships
      .map((m) => `${m.role} at ${orgNames.get(m.organizationId) ?? m.organizationId}`)
      .join(', ');
    return `    ${u.email.padEnd(24)} ${u.password.padEnd(18)} ${name}${roles === '' ? '' : ` (${roles})`}`;
  });
  const impersonators = (emulator.seed.impersonators ?? []).map(
    (i) =>
      `    ${i.email.padEnd(24)} ${i.name} (no password: "Impersonate a user" on the sign-in page)`,
  );
  const client = emulator.seed.clients[0];
  return [
    '',
    `  WorkOS emulator listening on ${emulator.url}  (development and tests only, never production)`,
    `  client id:      ${emulator.clientId}`,
    `  API key:        ${emulator.apiKey}`,
    `  redirect URIs:  ${client?.redirectUris.join(', ') ?? ''}`,
    `  JWKS:           ${emulator.jwksUrl}`,
    `  state:          ${options.dataDir ?? 'in memory (keys and sessions are lost on exit)'}`,
    `  test controls:  ${options.testControls ? `${emulator.url}/__emulator/*` : 'off'}`,
    '',
    '  Seeded users (email, password, who):',
    ...users,
    ...(impersonators.length === 0
      ? []
      : ['', '  Support users who may impersonate:', ...impersonators]),
    '',
  ].join('\n');
}
