import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';

import { userSession } from '../../../testing/admin-fixtures';
import { RecordingLocation } from '../../../testing/recording-location';
import { ACME, multiOrganizationSessionBody } from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs, waitForMatch } from '../../../testing/test-providers';
import { MySessions } from './my-sessions';

@Component({ selector: 'gh-test-page', template: '' })
class TestPage {}

const THIS = userSession();
const OTHER = userSession({
  id: 'session_01OTHER',
  current: false,
  ipAddress: '203.0.113.7',
  organizationId: 'org_01GLOBEX',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
});

describe('MySessions', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<MySessions>;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: provideTestApp([{ path: '**', component: TestPage }]),
    });
    http = TestBed.inject(HttpTestingController);
    await signInAs(multiOrganizationSessionBody(ACME, { permissions: [] }));
    fixture = TestBed.createComponent(MySessions);
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((node) => node.remove());
    http.verify();
  });

  async function answer(body: object, init?: { status: number; statusText: string }) {
    (await waitForMatch(http, (r) => r.url === '/api/me/sessions')).flush(body, init);
    await fixture.whenStable();
  }

  const row = (id: string) => element.querySelector<HTMLElement>(`[data-session-id="${id}"]`)!;

  it('lists every session, marks this one and offers to sign out the others', async () => {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    expect(byTestId('sessions-loading', element)).not.toBeNull();
    await answer({ data: [THIS, OTHER] });

    expect(byTestId('sessions-loading', element)).toBeNull();
    expect(row('session_01THIS').textContent).toContain('Chrome on Linux');
    expect(byTestId('session-current', row('session_01THIS'))?.textContent).toBe('This browser');
    expect(row('session_01THIS').getAttribute('aria-current')).toBe('true');
    expect(byTestId('session-revoke', row('session_01THIS'))).toBeNull();
    expect(row('session_01THIS').textContent).toContain('Acme Corp');

    const other = row('session_01OTHER');
    expect(other.textContent).toContain('Firefox on Windows');
    expect(other.textContent).toContain('203.0.113.7');
    expect(other.textContent).toContain('Globex');
    expect(byTestId('session-revoke', other)?.getAttribute('aria-label')).toBe(
      'Sign out Firefox on Windows from 203.0.113.7',
    );
  });

  it('signs another session out once, removes it and confirms', async () => {
    await answer({ data: [THIS, OTHER] });
    const revoke = byTestId('session-revoke', row('session_01OTHER')) as HTMLButtonElement;
    revoke.click();
    revoke.click();
    await fixture.whenStable();
    expect(revoke.disabled).toBe(true);
    expect(revoke.textContent).toContain('Signing out…');
    const request = http.expectOne('/api/me/sessions/session_01OTHER/revoke');
    expect(request.request.method).toBe('POST');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    await fixture.whenStable();
    expect(row('session_01OTHER')).toBeNull();
    expect(document.body.textContent).toContain('Firefox on Windows was signed out.');
  });

  it('says why a session could not be signed out, keeping it listed', async () => {
    await answer({ data: [THIS, OTHER] });
    byTestId('session-revoke', row('session_01OTHER'))!.click();
    http
      .expectOne('/api/me/sessions/session_01OTHER/revoke')
      .flush({ message: 'WorkOS did not answer.' }, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    await fixture.whenStable();
    expect(document.body.textContent).toContain('WorkOS did not answer.');
    expect(row('session_01OTHER')).not.toBeNull();
  });

  it('shows the empty and the error states', async () => {
    await answer({ data: [] });
    expect(byTestId('sessions-empty', element)).not.toBeNull();
    byTestId('sessions-empty', element); // then a failing reload
    (fixture.componentInstance as unknown as { sessions: { reload(): void } }).sessions.reload();
    await answer({ message: 'Nope' }, { status: 500, statusText: 'Error' });
    expect(byTestId('sessions-error', element)?.textContent).toContain(
      'Your sessions could not be loaded.',
    );
  });

  it('keeps "Sign out everywhere"', async () => {
    await answer({ data: [THIS] });
    byTestId('sessions-sign-out-everywhere', element)!.click();
    http.expectOne('/auth/sessions/revoke-all').flush({ logoutUrl: '/signed-out' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(TestBed.inject(RecordingLocation).assigned).toEqual(['/signed-out']);
  });
});
