import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../authenticated-user.js';

/**
 * Injects the verified {@link AuthenticatedUser}, or one field of it:
 * `@CurrentUser() user` or `@CurrentUser('organizationId') orgId`.
 * On a `@Public()` route without a valid token the value is undefined.
 */
export const CurrentUser = createParamDecorator(
  (field: keyof AuthenticatedUser | undefined, ctx: ExecutionContext): unknown => {
    // The request is HTTP argument 0 (switchToHttp() would build three closures per call).
    const user = ctx.getArgByIndex<Request & { user?: AuthenticatedUser }>(0).user;
    return field === undefined ? user : user?.[field];
  },
);
