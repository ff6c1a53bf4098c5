import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { sessionBody } from '../../../testing/session-fixtures';
import { provideTestApp, signInAs } from '../../../testing/test-providers';
import { ServiceStatus } from '../service-status/service-status';
import { AuthSession } from './auth-session';

@Component({ selector: 'gh-test-page', template: '' })
class TestPage {}

describe('bffInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let status: ServiceStatus;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: provideTestApp([
        { path: 'forbidden', component: TestPage },
        { path: '**', component: TestPage },
      ]),
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    status = TestBed.inject(ServiceStatus);
  });

  afterEach(() => http.verify());

  /** Starts a GET and returns its promise (settled later by the test controller). */
  function get(url: string): Promise<unknown> {
    return firstValueFrom(client.get(url));
  }

  describe('the CSRF header', () => {
    it.each(['/api/admin/me', '/auth/session', 'http://localhost/api/admin/overview'])(
      'is added to same-origin BFF request %s',
      async (url) => {
        const response = get(url);
        const request = http.expectOne(url);
        expect(request.request.headers.get('X-CSRF')).toBe('1');
        request.flush({});
        await response;
      },
    );

    it.each([
      'https://evil.example/api/admin/me',
      '//evil.example/auth/session',
      'http://localhost:8080/api/x',
      '/assets/config.json',
      '/apiary',
    ])('is never added to %s', async (url) => {
      const response = get(url);
      const request = http.expectOne(url);
      expect(request.request.headers.has('X-CSRF')).toBe(false);
      request.flush({});
      await response;
    });
  });

  describe('errors', () => {
    it('401 from /api marks the session expired and re-throws', async () => {
      const session = await signInAs(sessionBody());
      const response = get('/api/admin/me');
      http
        .expectOne('/api/admin/me')
        .flush({ error: 'session_expired' }, { status: 401, statusText: 'Unauthorized' });
      await expect(response).rejects.toBeInstanceOf(HttpErrorResponse);
      expect(session.status()).toBe('expired');
    });

    it('401 from /auth leaves the session to AuthSession', async () => {
      const session = await signInAs(sessionBody());
      const response = get('/auth/other');
      http
        .expectOne('/auth/other')
        .flush({ error: 'unauthenticated' }, { status: 401, statusText: 'Unauthorized' });
      await expect(response).rejects.toBeInstanceOf(HttpErrorResponse);
      expect(session.status()).toBe('authenticated');
    });

    it('401 from another origin is ignored', async () => {
      const session = await signInAs(sessionBody());
      const response = get('https://other.example/api/x');
      http
        .expectOne('https://other.example/api/x')
        .flush({}, { status: 401, statusText: 'Unauthorized' });
      await expect(response).rejects.toBeInstanceOf(HttpErrorResponse);
      expect(session.status()).toBe('authenticated');
    });

    it('403 from the backend shows Forbidden without changing the address', async () => {
      const router = TestBed.inject(Router);
      const navigate = jest.spyOn(router, 'navigateByUrl');
      const response = get('/api/admin/overview');
      http
        .expectOne('/api/admin/overview')
        .flush({ message: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });
      await expect(response).rejects.toMatchObject({ status: 403 });
      expect(navigate).toHaveBeenCalledWith('/forbidden', { skipLocationChange: true });
      await navigate.mock.results[0]?.value;
      expect(router.url).toBe('/forbidden');
    });

    it('403 csrf rejection is not shown as Forbidden', async () => {
      const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl');
      const response = get('/api/admin/me');
      http
        .expectOne('/api/admin/me')
        .flush({ error: 'csrf' }, { status: 403, statusText: 'Forbidden' });
      await expect(response).rejects.toMatchObject({ status: 403 });
      expect(navigate).not.toHaveBeenCalled();
    });

    it.each([502, 503, 504])('%i reports the service unavailable', async (code) => {
      const response = get('/api/admin/me');
      http
        .expectOne('/api/admin/me')
        .flush(
          { error: 'auth_unavailable', retryable: true },
          { status: code, statusText: 'Down' },
        );
      await expect(response).rejects.toMatchObject({ status: code });
      expect(status.unavailable()).toBe(true);
      expect(status.failedStatus()).toBe(code);
    });

    it('a network error reports the service unavailable', async () => {
      const response = get('/auth/session');
      http.expectOne('/auth/session').error(new ProgressEvent('error'));
      await expect(response).rejects.toMatchObject({ status: 0 });
      expect(status.unavailable()).toBe(true);
    });

    it('a later successful BFF answer clears the message', async () => {
      const failed = get('/api/admin/me');
      http.expectOne('/api/admin/me').flush({}, { status: 502, statusText: 'Bad Gateway' });
      await expect(failed).rejects.toBeDefined();
      const ok = get('/api/admin/me');
      http.expectOne('/api/admin/me').flush({ id: 'u' });
      await ok;
      expect(status.unavailable()).toBe(false);
    });

    it('a 500 is passed on without the unavailable message', async () => {
      const response = get('/api/admin/me');
      http.expectOne('/api/admin/me').flush({}, { status: 500, statusText: 'Oops' });
      await expect(response).rejects.toMatchObject({ status: 500 });
      expect(status.unavailable()).toBe(false);
      expect(TestBed.inject(AuthSession).status()).toBe('loading');
    });

    it('a 503 admin_api_unconfigured is left to the page (not an outage)', async () => {
      const response = get('/api/members');
      http
        .expectOne('/api/members')
        .flush(
          { code: 'admin_api_unconfigured', message: 'No WorkOS API key' },
          { status: 503, statusText: 'Service Unavailable' },
        );
      await expect(response).rejects.toMatchObject({ status: 503 });
      expect(status.unavailable()).toBe(false);
    });

    it('a 503 audit_unavailable is left to the page (the change was refused, not an outage)', async () => {
      const response = firstValueFrom(client.patch('/api/members/om_1', { role: 'admin' }));
      http
        .expectOne('/api/members/om_1')
        .flush(
          { code: 'audit_unavailable', message: 'The audit trail is unavailable.' },
          { status: 503, statusText: 'Service Unavailable' },
        );
      await expect(response).rejects.toMatchObject({ status: 503 });
      expect(status.unavailable()).toBe(false);
    });
  });
});
