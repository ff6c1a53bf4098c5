import { type Seed } from '@gatehouse/workos-emulator';

/** What the banner shows once the stack is ready. */
export interface BannerInput {
  publicUrl: string;
  /** The second BFF instance (`--scale`). */
  secondPublicUrl?: string;
  /** Where the BFF keeps sessions. */
  sessionStore?: 'sqlite' | 'memory' | 'redis';
  identityProvider: 'emulator' | 'workos';
  apiBaseUrl: string;
  clientId: string;
  /** The emulator's seed; absent with real WorkOS (its users live there). */
  seed?: Seed;
}

/** One line per seeded user: email, password, name, and role per organization. */
export function seededUserLines(seed: Seed): string[] {
  const orgNames = new Map(seed.organizations.map((org) => [org.id, org.name]));
  return seed.users.map((user) => {
    const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
    const roles = user.memberships
      .map(
        (membership) =>
          `${membership.role} at ${orgNames.get(membership.organizationId) ?? membership.organizationId}`,
      )
      .join(', ');
    return `${user.email.padEnd(22)} ${user.password.padEnd(18)} ${name}${roles ? ` (${roles})` : ''}`;
  });
}

/** The text printed when the whole stack is ready. */
export function formatBanner(input: BannerInput): string {
  const lines = [
    '',
    `  Gatehouse is running: open ${input.publicUrl}`,
    '',
    input.identityProvider === 'emulator'
      ? `  Identity provider: the embedded WorkOS emulator at ${input.apiBaseUrl} (offline, development only)`
      : `  Identity provider: WorkOS at ${input.apiBaseUrl}`,
    `  WORKOS_CLIENT_ID:  ${input.clientId} (the same in the BFF and the backend)`,
  ];
  if (input.secondPublicUrl) {
    lines.splice(
      2,
      0,
      `  Second BFF instance: ${input.secondPublicUrl} (same sessions through Redis; no load balancer,`,
      '  so each instance has its own URL: sign in on one, keep using the app on the other)',
    );
  }
  if (input.sessionStore === 'redis') lines.push('  Sessions:          Redis (REDIS_URL)');
  if (input.seed) {
    lines.push('', '  Sign in as (email, password, who):');
    lines.push(...seededUserLines(input.seed).map((line) => `    ${line}`));
  }
  lines.push('', '  Press Ctrl+C to stop.', '');
  return lines.join('\n');
}
