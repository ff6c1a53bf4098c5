import { HttpErrorResponse, type HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, tap, throwError } from 'rxjs';

import { ADMIN_API_UNCONFIGURED, AUDIT_UNAVAILABLE } from '../api/api-error';
import { BrowserLocation } from '../browser/browser-location';
import { ServiceStatus } from '../service-status/service-status';
import { AuthSession } from './auth-session';
import { bffTarget } from './bff-paths';

/** Statuses that mean "the service behind the BFF did not answer", worth trying again. */
const UNAVAILABLE_STATUSES = new Set([0, 502, 503, 504]);

/**
 * 503s of one backend feature, which the calling page explains, not an outage of the service: no
 * WorkOS API key (a lasting set-up problem) or the audit trail down (the change was refused).
 */
const FEATURE_UNAVAILABLE_CODES: ReadonlySet<unknown> = new Set([
  ADMIN_API_UNCONFIGURED,
  AUDIT_UNAVAILABLE,
]);

function isFeatureUnavailable(error: HttpErrorResponse): boolean {
  const body: unknown = error.error;
  return (
    typeof body === 'object' &&
    body !== null &&
    'code' in body &&
    FEATURE_UNAVAILABLE_CODES.has(body.code)
  );
}

function isCsrfRejection(error: HttpErrorResponse): boolean {
  const body: unknown = error.error;
  return typeof body === 'object' && body !== null && 'error' in body && body.error === 'csrf';
}

/**
 * The one interceptor between the SPA and its BFF.
 *
 * - Adds `X-CSRF: 1` to same-origin `/api` and `/auth` requests only (never to another origin).
 * - `/api` 401: the session is gone; marks it expired (the shell then offers to sign in again,
 *   returning to the same URL).
 * - `/api` 403 (other than a CSRF rejection): shows the Forbidden page at the same URL.
 * - 502/503/504 or a network error: reports "service unavailable" for the shell's message; any
 *   later successful BFF answer clears it. A 503 `admin_api_unconfigured` or `audit_unavailable`
 *   is not an outage: the page that called shows it.
 *
 * Errors are re-thrown so the caller can still show its own state.
 */
export const bffInterceptor: HttpInterceptorFn = (request, next) => {
  const target = bffTarget(request.url, inject(BrowserLocation).origin);
  if (target === null) return next(request);

  const session = inject(AuthSession);
  const serviceStatus = inject(ServiceStatus);
  const router = inject(Router);

  return next(request.clone({ setHeaders: { 'X-CSRF': '1' } })).pipe(
    tap((event) => {
      if (event instanceof HttpResponse) serviceStatus.clear();
    }),
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse) {
        if (UNAVAILABLE_STATUSES.has(error.status) && !isFeatureUnavailable(error)) {
          serviceStatus.reportUnavailable(error.status);
        } else {
          serviceStatus.clear();
          if (target === 'api' && error.status === 401) {
            session.markExpired();
          } else if (target === 'api' && error.status === 403 && !isCsrfRejection(error)) {
            void router.navigateByUrl('/forbidden', { skipLocationChange: true });
          }
        }
      }
      return throwError(() => error);
    }),
  );
};
