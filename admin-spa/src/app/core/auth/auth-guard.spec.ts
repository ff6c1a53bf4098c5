import { Location } from '@angular/common';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { routes } from '../../app.routes';
import { RecordingLocation } from '../../../testing/recording-location';
import { adminSessionBody, sessionBody } from '../../../testing/session-fixtures';
import { answerSession, provideTestApp, waitForRequest } from '../../../testing/test-providers';
import { AuthSession } from './auth-session';
import { hasAccess } from './auth-guard';

describe('route guards (with the app routes)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: provideTestApp(routes) });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => {
    http.match(() => true).forEach((request) => request.flush({}));
  });

  /** Navigates; the guard's session check is answered with `answer`. */
  async function visit(
    url: string,
    answer: Parameters<typeof answerSession>[1],
    pageRequest?: string,
  ): Promise<HTMLElement> {
    const navigation = harness.navigateByUrl(url);
    await new Promise((resolve) => setTimeout(resolve));
    answerSession(http, answer);
    if (pageRequest !== undefined) {
      // The page's own API call keeps the app unstable until it is answered.
      (await waitForRequest(http, pageRequest)).flush({ viewerId: 'user_01ADA' });
    }
    await navigation;
    await harness.fixture.whenStable();
    return harness.routeNativeElement!;
  }

  describe('authGuard', () => {
    it('sends anonymous visitors to sign in, returning to the URL they asked for', async () => {
      const page = await visit('/profile?tab=claims', { status: 401 });
      expect(page.querySelector('[data-testid="sign-in-redirect"]')).not.toBeNull();
      expect(TestBed.inject(Location).path()).toBe('/profile?tab=claims');
      await new Promise((resolve) => setTimeout(resolve));
      expect(TestBed.inject(RecordingLocation).assigned).toEqual([
        '/auth/login?returnTo=%2Fprofile%3Ftab%3Dclaims',
      ]);
    });

    it('never loads the signed-in layout for anonymous visitors', async () => {
      const page = await visit('/', { status: 401 });
      expect(page.querySelector('gh-shell')).toBeNull();
      expect((harness.fixture.nativeElement as HTMLElement).querySelector('gh-shell')).toBeNull();
    });

    it('shows "service unavailable" when the BFF cannot be reached', async () => {
      const page = await visit('/profile', { status: 503 });
      expect(page.querySelector('[data-testid="service-unavailable"]')).not.toBeNull();
      expect(TestBed.inject(Location).path()).toBe('/profile');
      expect(TestBed.inject(Router).url).toBe('/unavailable?returnTo=%2Fprofile');
    });

    it('sends a session that expired since loading to sign in again', async () => {
      await visit('/', { body: sessionBody() });
      TestBed.inject(AuthSession).markExpired();
      await harness.navigateByUrl('/profile');
      await new Promise((resolve) => setTimeout(resolve));
      expect(TestBed.inject(RecordingLocation).assigned).toEqual([
        '/auth/login?returnTo=%2Fprofile',
      ]);
    });

    it('lets a member into the dashboard', async () => {
      await visit('/', { body: sessionBody() });
      const root = harness.fixture.nativeElement as HTMLElement;
      expect(root.querySelector('gh-shell')).not.toBeNull();
      expect(root.querySelector('gh-dashboard')).not.toBeNull();
    });
  });

  describe('the admin rule', () => {
    it('shows Forbidden to a member at the URL they asked for, without loading the page', async () => {
      await visit('/admin', { body: sessionBody() });
      const root = harness.fixture.nativeElement as HTMLElement;
      expect(root.querySelector('[data-testid="forbidden-page"]')).not.toBeNull();
      expect(root.querySelector('gh-admin')).toBeNull();
      expect(TestBed.inject(Location).path()).toBe('/admin');
      http.expectNone('/api/admin/overview');
    });

    it('lets an admin in', async () => {
      await visit('/admin', { body: adminSessionBody() }, '/api/admin/overview');
      const root = harness.fixture.nativeElement as HTMLElement;
      expect(root.querySelector('gh-admin')).not.toBeNull();
      expect(root.querySelector('[data-testid="forbidden-page"]')).toBeNull();
      expect(root.querySelector('[data-testid="admin-viewer"]')?.textContent).toContain(
        'user_01ADA',
      );
    });

    it('lets a member holding an admin permission in', async () => {
      await visit(
        '/admin',
        { body: sessionBody({ permissions: ['admin:read'] }) },
        '/api/admin/overview',
      );
      expect(
        (harness.fixture.nativeElement as HTMLElement).querySelector('gh-admin'),
      ).not.toBeNull();
    });
  });

  it('hasAccess accepts any listed role or permission, and nothing when signed out', async () => {
    const session = TestBed.inject(AuthSession);
    expect(hasAccess(session, { roles: ['admin'] })).toBe(false);
    const loaded = session.ensureLoaded();
    answerSession(http, { body: sessionBody({ permissions: ['reports:read'] }) });
    await loaded;
    expect(hasAccess(session, { roles: ['member'] })).toBe(true);
    expect(hasAccess(session, { roles: ['admin'], permissions: ['reports:read'] })).toBe(true);
    expect(hasAccess(session, { roles: ['admin'], permissions: ['admin:read'] })).toBe(false);
    expect(hasAccess(session, {})).toBe(false);
  });
});
