import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';

import { RecordingLocation } from '../../../testing/recording-location';
import {
  ACME,
  adminSessionBody,
  GLOBEX,
  multiOrganizationSessionBody,
  sessionBody,
} from '../../../testing/session-fixtures';
import { answerSession, byTestId, provideTestApp, signInAs } from '../../../testing/test-providers';
import { AuthSession } from '../../core/auth/auth-session';
import { ServiceStatus } from '../../core/service-status/service-status';
import { Shell } from './shell';

@Component({ selector: 'gh-test-page', template: '<h1>Page</h1>' })
class TestPage {}

describe('Shell', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Shell>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: provideTestApp([{ path: '**', component: TestPage }]),
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => fixture.destroy());

  async function render(body: Record<string, unknown>): Promise<HTMLElement> {
    await signInAs(body);
    fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('has a top bar with the product and the user menu, and the main navigation', async () => {
    const page = await render(sessionBody());
    expect(page.querySelector('mat-toolbar')?.textContent).toContain('Gatehouse');
    expect(byTestId('user-menu-button', page)?.getAttribute('aria-label')).toBe(
      'Account menu for Ada Lovelace',
    );
    expect(page.querySelector('nav[aria-label="Main"]')).not.toBeNull();
    expect(byTestId('nav-dashboard', page)).not.toBeNull();
    expect(byTestId('nav-profile', page)).not.toBeNull();
    expect(page.querySelector('main#main-content')).not.toBeNull();
    expect(page.querySelector('.skip-link')?.textContent).toContain('Skip to main content');
  });

  it('lists Administration only for admins', async () => {
    expect(byTestId('nav-admin', await render(sessionBody()))).toBeNull();
    fixture.destroy();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: provideTestApp() });
    http = TestBed.inject(HttpTestingController);
    expect(byTestId('nav-admin', await render(adminSessionBody()))).not.toBeNull();
  });

  it('lists Members to users who may read them and My sessions to everyone', async () => {
    let page = await render(sessionBody({ permissions: [] }));
    expect(byTestId('nav-members', page)).toBeNull();
    expect(byTestId('nav-sessions', page)?.textContent).toContain('My sessions');
    fixture.destroy();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: provideTestApp() });
    http = TestBed.inject(HttpTestingController);
    page = await render(sessionBody({ permissions: ['users:read'] }));
    expect(byTestId('nav-members', page)?.getAttribute('href')).toBe('/members');
  });

  it('lists Audit only to holders of audit:read', async () => {
    expect(byTestId('nav-audit', await render(adminSessionBody()))).toBeNull();
    fixture.destroy();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: provideTestApp() });
    http = TestBed.inject(HttpTestingController);
    const page = await render(sessionBody({ permissions: ['audit:read'] }));
    expect(byTestId('nav-audit', page)?.getAttribute('href')).toBe('/audit');
  });

  it('shows the organization switcher and the impersonation banner', async () => {
    const page = await render(
      multiOrganizationSessionBody(ACME, {
        impersonator: { email: 'sam@example.com', reason: 'Ticket 42' },
      }),
    );
    expect(byTestId('organization-switcher', page)?.textContent).toContain('Acme Corp');
    const banner = byTestId('impersonation-banner', page);
    expect(banner?.textContent).toContain('sam@example.com');
    // Above the top bar: the first thing after the skip link.
    expect(banner?.compareDocumentPosition(page.querySelector('mat-toolbar')!)).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
  });

  it('updates the navigation when a switch changes the permissions', async () => {
    const page = await render(multiOrganizationSessionBody(ACME, { permissions: [] }));
    expect(byTestId('nav-admin', page)).toBeNull();
    expect(byTestId('nav-members', page)).toBeNull();
    TestBed.inject(AuthSession).adopt(
      multiOrganizationSessionBody(GLOBEX, { permissions: ['users:read', 'users:write'] }),
    );
    await fixture.whenStable();
    expect(byTestId('nav-admin', page)).not.toBeNull();
    expect(byTestId('nav-members', page)).not.toBeNull();
  });

  it('opens the "session expired" dialog, which signs in again to the same page', async () => {
    await render(sessionBody());
    TestBed.inject(RecordingLocation).path = '/profile?tab=claims';
    TestBed.inject(AuthSession).markExpired();
    await fixture.whenStable();

    const dialog = byTestId('session-expired-dialog');
    expect(dialog).not.toBeNull();
    expect(dialog?.closest('[role="alertdialog"]')).not.toBeNull();
    expect(dialog?.textContent).toContain('Your session has expired');
    byTestId('session-expired-sign-in')?.click();
    expect(TestBed.inject(RecordingLocation).assigned).toEqual([
      '/auth/login?returnTo=%2Fprofile%3Ftab%3Dclaims',
    ]);
  });

  it('the dialog can also leave for the start page, saying why', async () => {
    await render(sessionBody());
    TestBed.inject(AuthSession).markExpired();
    await fixture.whenStable();
    byTestId('session-expired-leave')?.click();
    expect(TestBed.inject(RecordingLocation).assigned).toEqual(['/signed-out?reason=expired']);
  });

  it('closes the dialog when a new session is found (signed in in another tab)', async () => {
    await render(sessionBody());
    const session = TestBed.inject(AuthSession);
    session.markExpired();
    await fixture.whenStable();
    expect(byTestId('session-expired-dialog')).not.toBeNull();

    const refreshed = session.refresh({ slide: false });
    answerSession(http, { body: sessionBody() });
    await refreshed;
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(byTestId('session-expired-dialog')).toBeNull();
  });

  it('shows the "service unavailable" message, whose Try again re-checks the session', async () => {
    const page = await render(sessionBody());
    expect(byTestId('service-unavailable', page)).toBeNull();
    TestBed.inject(ServiceStatus).reportUnavailable(503);
    await fixture.whenStable();
    expect(byTestId('service-unavailable', page)?.getAttribute('role')).toBe('alert');

    byTestId('service-unavailable-retry', page)?.click();
    answerSession(http, { body: sessionBody() });
    await fixture.whenStable();
    expect(byTestId('service-unavailable', page)).toBeNull();
  });

  it('moves focus to the page content after navigating to another page', async () => {
    const page = await render(sessionBody());
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/first');
    await fixture.whenStable();
    byTestId('nav-profile', page)?.focus();
    await router.navigateByUrl('/profile');
    await fixture.whenStable();
    expect(document.activeElement).toBe(page.querySelector('main#main-content'));
    expect(page.querySelector('main h1')?.textContent).toBe('Page');
  });
});
