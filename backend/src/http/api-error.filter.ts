import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError } from './api-error.js';

/** Writes an {@link ApiError} as its JSON body, with `Retry-After` when the error carries one. */
@Catch(ApiError)
export class ApiErrorFilter implements ExceptionFilter<ApiError> {
  catch(exception: ApiError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception.retryAfterSeconds !== undefined)
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res.setHeader('Cache-Control', 'no-store');
    res.status(exception.body.statusCode).json(exception.body);
  }
}
