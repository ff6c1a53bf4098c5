import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { apiErrorBodySchema } from '../http/index.js';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `validation_failed` with `fields`.',
  401: 'Missing or invalid token (body.code says why).',
  403: '`insufficient_scope` (permission missing) or `organization_required` (no org in the token).',
  404: '`not_found`: unknown id, or an id of another organization (the same answer).',
  409: 'A guard rail or a WorkOS conflict; `code` names it.',
  422: 'WorkOS refused the change (`workos_rejected`, `invalid_role`, ...).',
  502: '`workos_error`: WorkOS answered something unexpected.',
  503: '`admin_api_unconfigured`, `workos_unavailable` or `workos_rate_limited` (`retryable`); for changes also `audit_unavailable` (`retryable`, nothing changed).',
  504: '`workos_timeout`: WorkOS did not answer in time (`retryable`).',
};

/** Documents the error statuses a route can answer, all with the {@link apiErrorBodySchema} body. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status] ?? '',
        standardSchema: apiErrorBodySchema,
      }),
    ),
  );
}

/**
 * Marks a controller of the admin console API: Swagger tag and bearer scheme. Edge validation of
 * every `{ schema }` argument (400 with field errors) and {@link ApiError} bodies are global
 * (configureApp). Routes that call WorkOS also answer 503/504 and 502, documented once here.
 */
export function AdminApi(tag: string): ClassDecorator {
  return applyDecorators(ApiTags(tag), ApiBearerAuth(), ApiErrors(401, 502, 503, 504));
}
