import { ApiProperty } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';

/** `GET /admin/me`: the caller as the backend verified it. */
export class MeResponse {
  @ApiProperty({ example: 'user_01H...' }) readonly id!: string;
  @ApiProperty({ example: 'session_01H...' }) readonly sessionId!: string;
  @ApiProperty({ type: String, nullable: true }) readonly organizationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly role!: string | null;
  @ApiProperty({ type: [String] }) readonly roles!: readonly string[];
  @ApiProperty({ type: [String] }) readonly permissions!: readonly string[];
  @ApiProperty({ type: [String] }) readonly entitlements!: readonly string[];
  @ApiProperty({ type: [String] }) readonly featureFlags!: readonly string[];
  @ApiProperty({ type: String, nullable: true, description: 'Impersonating admin (act.sub)' })
  readonly impersonatedBy!: string | null;
  @ApiProperty({ description: 'Token expiry, ISO 8601' }) readonly expiresAt!: string;

  /**
   * Projects the verified user (never the raw claims). The answer for a frozen user (what the
   * guard hands out, also to every cache hit of the same token) is built once and shared, frozen:
   * a session's repeated calls skip rebuilding it and formatting `expiresAt` (about 0.5 µs).
   */
  static from(user: AuthenticatedUser): MeResponse {
    if (!Object.isFrozen(user)) return project(user);
    let answer = answers.get(user);
    if (answer === undefined) {
      // Its lists are the user's own (frozen) arrays.
      answer = Object.freeze(project(user));
      answers.set(user, answer);
    }
    return answer;
  }
}

/** Answers per verified user; entries go when the user object does. */
const answers = new WeakMap<AuthenticatedUser, MeResponse>();

function project(user: AuthenticatedUser): MeResponse {
  return {
    id: user.id,
    sessionId: user.sessionId,
    organizationId: user.organizationId,
    role: user.role,
    roles: user.roles,
    permissions: user.permissions,
    entitlements: user.entitlements,
    featureFlags: user.featureFlags,
    impersonatedBy: user.impersonator?.subject ?? null,
    expiresAt: new Date(user.expiresAt * 1000).toISOString(),
  };
}

/** `GET /admin/overview`: what the SPA's admin page shows. */
export class OverviewResponse {
  @ApiProperty() readonly viewerId!: string;
  @ApiProperty({ type: String, nullable: true }) readonly organizationId!: string | null;
  @ApiProperty({ description: 'Seconds since the backend started' })
  readonly uptimeSeconds!: number;
  @ApiProperty({ description: 'Signing keys currently held' }) readonly signingKeys!: number;
  @ApiProperty({ description: 'Whether the last JWKS fetch succeeded' })
  readonly jwksReachable!: boolean;
  @ApiProperty({ description: 'ISO 8601' }) readonly generatedAt!: string;
}
