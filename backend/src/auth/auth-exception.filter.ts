import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AuthHttpException, AuthUnavailableException } from './auth-error.js';

/** Seconds a client should wait before retrying after `auth_unavailable`. */
const RETRY_AFTER_SECONDS = '5';

/** Writes auth errors as `{ statusCode, error, code, message }` with their RFC 6750 challenge. */
@Catch(AuthHttpException)
export class AuthExceptionFilter implements ExceptionFilter<AuthHttpException> {
  catch(exception: AuthHttpException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception.challenge) res.setHeader('WWW-Authenticate', exception.challenge);
    if (exception instanceof AuthUnavailableException)
      res.setHeader('Retry-After', RETRY_AFTER_SECONDS);
    res.setHeader('Cache-Control', 'no-store');
    res.status(exception.body.statusCode).json(exception.body);
  }
}
