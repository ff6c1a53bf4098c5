import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, TokenVerifier } from '../auth/index.js';
import { WorkosGateway } from '../workos/workos.gateway.js';

/** Liveness answer. */
export interface LivenessBody {
  readonly status: 'ok';
}

/** Readiness answer: can tokens for the configured client id be verified? */
export interface ReadinessBody {
  readonly status: 'ready' | 'not_ready';
  readonly jwks: {
    readonly reachable: boolean;
    readonly keys: number;
    readonly fetchedAt: string | null;
  };
  /**
   * The admin console API (members, invitations, sessions): `unconfigured` without a
   * `WORKOS_API_KEY`, when those routes answer 503. It does not change `status`: tokens are
   * still verified and every other route works.
   */
  readonly adminApi: { readonly status: 'configured' | 'unconfigured' };
}

/** Liveness and readiness probes. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly workos: WorkosGateway,
  ) {}

  /** The process is up. */
  @Get()
  @ApiOkResponse({ description: 'The process is up.' })
  live(): LivenessBody {
    return { status: 'ok' };
  }

  /**
   * Ready when tokens can be verified: at least one signing key of the configured client id is held.
   * `jwks.reachable` tells whether the last JWKS fetch worked (a wrong client id gives 0 keys).
   * `adminApi.status` says whether the admin routes can call WorkOS (an API key is configured).
   */
  @Get('ready')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'Signing keys are available.' })
  @ApiServiceUnavailableResponse({ description: 'No usable signing key.' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessBody> {
    const status = await this.verifier.keyStatus();
    const ready = status.keyCount > 0;
    if (!ready) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ready ? 'ready' : 'not_ready',
      jwks: {
        reachable: status.reachable,
        keys: status.keyCount,
        fetchedAt: status.fetchedAt === undefined ? null : new Date(status.fetchedAt).toISOString(),
      },
      adminApi: { status: this.workos.configured ? 'configured' : 'unconfigured' },
    };
  }
}
