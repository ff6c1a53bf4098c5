import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { userSession } from '../../../testing/admin-fixtures';
import { ACME, multiOrganizationSessionBody } from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs, waitForMatch } from '../../../testing/test-providers';
import { MemberSessions } from './member-sessions';

@Component({ selector: 'gh-test-page', template: '' })
class TestPage {}

const MAX_SESSION = userSession({ id: 'session_01MAX', current: false, userId: 'user_01MAX' });

describe('MemberSessions', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(permissions: string[], state?: Record<string, string>) {
    TestBed.configureTestingModule({
      providers: provideTestApp([
        { path: 'members/:membershipId/sessions', component: MemberSessions },
        { path: '**', component: TestPage },
      ]),
    });
    http = TestBed.inject(HttpTestingController);
    await signInAs(multiOrganizationSessionBody(ACME, { permissions }));
    harness = await RouterTestingHarness.create();
    await TestBed.inject(Router).navigateByUrl('/members/om_01MAX/sessions', { state });
    harness.detectChanges();
  }

  async function answer(body: object, init?: { status: number; statusText: string }) {
    (await waitForMatch(http, (r) => r.url === '/api/members/om_01MAX/sessions')).flush(body, init);
    await harness.fixture.whenStable();
  }

  const page = () => harness.routeNativeElement!;

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((node) => node.remove());
    http.verify();
  });

  it('names the member and lists their sessions; signs one out for sessions:revoke', async () => {
    await open(['sessions:read', 'sessions:revoke', 'audit:read'], {
      memberName: 'Max Member',
      memberEmail: 'max@example.com',
      memberUserId: 'user_01MAX',
    });
    await answer({ data: [MAX_SESSION] });
    expect(page().querySelector('h1')?.textContent).toContain('Sessions of Max Member');
    expect(page().textContent).toContain('max@example.com');
    expect(byTestId('member-audit-link', page())?.getAttribute('href')).toBe(
      '/audit?actor=user_01MAX',
    );

    const revoke = byTestId('session-revoke', page()) as HTMLButtonElement;
    revoke.click();
    revoke.click();
    const request = http.expectOne('/api/members/om_01MAX/sessions/session_01MAX/revoke');
    expect(request.request.method).toBe('POST');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();
    await harness.fixture.whenStable();
    expect(byTestId('session-row', page())).toBeNull();
    expect(document.body.textContent).toContain('Chrome on Linux of Max Member was signed out.');
  });

  it('only lists them for sessions:read', async () => {
    await open(['sessions:read']);
    await answer({ data: [MAX_SESSION] });
    expect(page().querySelector('h1')?.textContent).toContain("A member's sessions");
    expect(byTestId('session-row', page())).not.toBeNull();
    expect(byTestId('session-revoke', page())).toBeNull();
  });

  it("links to the member's audit events only for audit:read", async () => {
    await open(['sessions:read'], { memberName: 'Max Member', memberUserId: 'user_01MAX' });
    await answer({ data: [MAX_SESSION] });
    expect(byTestId('member-audit-link', page())).toBeNull();
  });

  it('shows the empty state and what the backend says about another organization', async () => {
    await open(['sessions:read']);
    await answer({ data: [] });
    expect(byTestId('sessions-empty', page())).not.toBeNull();

    await TestBed.inject(Router).navigateByUrl('/');
    await TestBed.inject(Router).navigateByUrl('/members/om_01MAX/sessions');
    await answer(
      { code: 'member_not_found', message: 'No such member in this organization.' },
      { status: 404, statusText: 'Not Found' },
    );
    expect(byTestId('sessions-error', page())?.textContent).toContain(
      'No such member in this organization.',
    );
  });
});
