import { Controller, Get, Inject } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  AccessCombine,
  CurrentUser,
  Permissions,
  Roles,
  TokenVerifier,
  type AuthenticatedUser,
} from '../auth/index.js';
import { CLOCK, type Clock } from '../clock.js';
import { MeResponse, OverviewResponse } from './admin.dto.js';

/** Role that opens the admin overview. */
export const ADMIN_ROLE = 'admin';
/** Permissions that open the admin overview without the role. */
export const ADMIN_PERMISSIONS = ['admin:read', 'admin:manage'] as const;

/** The admin API called by the SPA through the BFF. Guarded by the global JwtAuthGuard. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or invalid token (body.code says why).' })
@Controller('admin')
export class AdminController {
  private readonly startedAt: number;

  constructor(
    private readonly verifier: TokenVerifier,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.startedAt = clock();
  }

  /** The current user as the backend verified it. */
  @Get('me')
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentUser() user: AuthenticatedUser): MeResponse {
    return MeResponse.from(user);
  }

  /** Admin-only summary: needs the `admin` role or an admin permission. */
  @Get('overview')
  @Roles({ anyOf: [ADMIN_ROLE] })
  @Permissions({ anyOf: [...ADMIN_PERMISSIONS] })
  @AccessCombine('either')
  @ApiOkResponse({ type: OverviewResponse })
  @ApiForbiddenResponse({ description: 'Neither the admin role nor an admin permission.' })
  async overview(@CurrentUser() user: AuthenticatedUser): Promise<OverviewResponse> {
    const status = await this.verifier.keyStatus();
    const now = this.clock();
    return {
      viewerId: user.id,
      organizationId: user.organizationId,
      uptimeSeconds: Math.floor((now - this.startedAt) / 1000),
      signingKeys: status.keyCount,
      jwksReachable: status.reachable,
      generatedAt: new Date(now).toISOString(),
    };
  }
}
