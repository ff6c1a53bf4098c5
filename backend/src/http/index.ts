/**
 * The backend's one request-validation and error design, for every feature module (admin console
 * API, generated resources, by-hand routes): zod schemas on `@Body`/`@Query`/`@Param` (`{ schema }`)
 * checked by {@link EdgeValidationPipe} (global, set in configureApp), and {@link ApiError} bodies
 * `{ statusCode, error, code, message, retryable?, fields? }` written by {@link ApiErrorFilter}.
 */
export {
  ApiError,
  apiErrorBodySchema,
  conflict,
  fieldErrorSchema,
  isNotFound,
  notFound,
  validationFailed,
  type ApiErrorBody,
  type ApiErrorOptions,
  type FieldError,
} from './api-error.js';
export { ApiErrorFilter } from './api-error.filter.js';
export { EdgeValidationPipe, fieldErrors } from './edge-validation.pipe.js';
