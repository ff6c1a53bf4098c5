import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, TokenVerifier } from '../auth/index.js';

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
}

/** Liveness and readiness probes. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly verifier: TokenVerifier) {}

  /** The process is up. */
  @Get()
  @ApiOkResponse({ description: 'The process is up.' })
  live(): LivenessBody {
    return { status: 'ok' };
  }

  /**
   * Ready when tokens can be verified: at least one signing key of the configured client id is held.
   * `jwks.reachable` tells whether the last JWKS fetch worked (a wrong client id gives 0 keys).
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
    };
  }
}
