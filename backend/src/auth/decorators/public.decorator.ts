import { SetMetadata, type CustomDecorator } from '@nestjs/common';

/** Metadata key set by {@link Public}. */
export const IS_PUBLIC_KEY = 'gatehouse:isPublic';

/**
 * Opts a handler or controller out of the global JwtAuthGuard. A valid token still sets the user;
 * an invalid one is ignored. Every public route must also be listed in `PUBLIC_ROUTES`.
 */
export const Public = (): CustomDecorator => SetMetadata(IS_PUBLIC_KEY, true);
