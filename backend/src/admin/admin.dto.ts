import { ApiProperty } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/index.js';

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

  /** Projects the verified user (never the raw claims). */
  static from(user: AuthenticatedUser): MeResponse {
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
