import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AuditUnavailableError } from './audit-unavailable.error.js';

/** Seconds a client should wait before retrying after `audit_unavailable`. */
const RETRY_AFTER_SECONDS = '5';

/** The JSON body of a 503 `audit_unavailable`. */
export interface AuditUnavailableBody {
  readonly statusCode: 503;
  readonly error: 'Service Unavailable';
  readonly code: 'audit_unavailable';
  readonly message: string;
  readonly retryable: true;
}

/**
 * Answers {@link AuditUnavailableError} with 503 `{ code: 'audit_unavailable', retryable: true }`
 * and `Retry-After`. An admin action that meets it has changed nothing (its pending entry could not
 * be written, so WorkOS was not called).
 */
@Catch(AuditUnavailableError)
export class AuditUnavailableFilter implements ExceptionFilter<AuditUnavailableError> {
  catch(_error: AuditUnavailableError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      // A streaming export already started: end it broken rather than looking complete.
      res.destroy();
      return;
    }
    const body: AuditUnavailableBody = {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: 'Service Unavailable',
      code: 'audit_unavailable',
      message: 'The audit trail is temporarily unavailable; nothing was changed. Try again.',
      retryable: true,
    };
    res.setHeader('Retry-After', RETRY_AFTER_SECONDS);
    res.setHeader('Cache-Control', 'no-store');
    res.status(HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }
}
