import { CLOCK, type Clock } from '../../clock.js';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedUser } from '../../auth/index.js';

import { DenialAggregator } from './denial-aggregator.js';
import { RouteRequirements } from './route-requirements.js';

/** `error_description="token_expired"` in a Bearer challenge (RFC 6750 §3). */
const DESCRIPTION = /error_description="([a-z_]{1,64})"/;

/** The 401 code a Bearer challenge names (`token_missing` when it names no error). */
function unauthorizedCode(challenge: string): string {
  if (challenge === 'Bearer') return 'token_missing';
  return DESCRIPTION.exec(challenge)?.[1] ?? 'invalid_token';
}

/**
 * Observes every answer after it was sent and counts the auth layer's refusals: a 401 or 403
 * carrying a Bearer challenge (the guards' errors always do). Nothing runs before the response;
 * the count goes to the in-memory {@link DenialAggregator}, never to the database directly.
 * 401s are counted without an organization: their token was not trusted.
 */
@Injectable()
export class DenialRecorderMiddleware implements NestMiddleware {
  constructor(
    private readonly aggregator: DenialAggregator,
    private readonly requirements: RouteRequirements,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    res.once('finish', () => this.observe(req, res));
    next();
  }

  private observe(req: Request, res: Response): void {
    const status = res.statusCode;
    if (status !== 401 && status !== 403) return;
    const challenge = res.getHeader('www-authenticate');
    if (typeof challenge !== 'string' || !challenge.startsWith('Bearer')) return;
    const path = (req.route as { path?: unknown } | undefined)?.path;
    const route = `${req.method} ${typeof path === 'string' ? req.baseUrl + path : '(unmatched)'}`;
    const user = (req as Request & { user?: AuthenticatedUser }).user;
    this.aggregator.record(
      status === 401
        ? {
            organizationId: null,
            status,
            code: unauthorizedCode(challenge),
            route,
            missing: '',
            at: this.now(),
          }
        : {
            organizationId: user?.organizationId ?? null,
            status,
            code: 'insufficient_scope',
            route,
            missing: this.requirements.missing(route, user),
            at: this.now(),
          },
    );
  }
}
