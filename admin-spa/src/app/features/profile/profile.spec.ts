import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';

import {
  GLOBEX,
  multiOrganizationSessionBody,
  sessionBody,
} from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs } from '../../../testing/test-providers';
import { AuthSession } from '../../core/auth/auth-session';
import { ServiceStatus } from '../../core/service-status/service-status';
import { Profile } from './profile';

@Component({ selector: 'gh-test-page', template: '' })
class TestPage {}

const ME = {
  id: 'user_01ADA',
  sessionId: 'session_01XYZ',
  organizationId: 'org_01ACME',
  role: 'member',
  roles: ['member'],
  permissions: ['widgets:read', 'widgets:write'],
  entitlements: [],
  featureFlags: [],
  impersonatedBy: null,
  expiresAt: '2030-01-02T03:04:05.000Z',
};

describe('Profile', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Profile>;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: provideTestApp([{ path: '**', component: TestPage }]),
    });
    http = TestBed.inject(HttpTestingController);
    await signInAs(sessionBody());
    fixture = TestBed.createComponent(Profile);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  function row(id: string): string {
    return byTestId(id, page)?.querySelector('td')?.textContent?.trim() ?? '';
  }

  it('shows a loading state, then the claims the backend verified', async () => {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    expect(byTestId('profile-loading', page)).not.toBeNull();
    const request = http.expectOne('/api/admin/me');
    expect(request.request.headers.get('X-CSRF')).toBe('1');
    request.flush(ME);
    await fixture.whenStable();

    expect(byTestId('profile-loading', page)).toBeNull();
    expect(byTestId('profile-claims', page)?.tagName).toBe('TABLE');
    expect(row('claim-user-id')).toBe('user_01ADA');
    expect(row('claim-session-id')).toBe('session_01XYZ');
    expect(row('claim-organization')).toBe('org_01ACME');
    expect(row('claim-role')).toBe('member');
    expect(row('claim-permissions')).toBe('widgets:read, widgets:write');
    expect(
      byTestId('claim-token-expires', page)?.querySelector('time')?.getAttribute('datetime'),
    ).toBe('2030-01-02T03:04:05.000Z');
    expect(byTestId('claim-impersonated-by', page)).toBeNull();
  });

  it('shows an impersonating admin when there is one', async () => {
    http.expectOne('/api/admin/me').flush({ ...ME, impersonatedBy: 'admin@example.com' });
    await fixture.whenStable();
    expect(row('claim-impersonated-by')).toBe('admin@example.com');
  });

  it('shows an error state with "Try again" when the API fails', async () => {
    http
      .expectOne('/api/admin/me')
      .flush({ message: 'boom' }, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    const error = byTestId('profile-error', page);
    expect(error?.getAttribute('role')).toBe('alert');
    expect(byTestId('profile-claims', page)).toBeNull();

    error?.querySelector('button')?.click();
    TestBed.tick();
    http.expectOne('/api/admin/me').flush(ME);
    await fixture.whenStable();
    expect(row('claim-user-id')).toBe('user_01ADA');
  });

  it('reloads when the service message\'s "Try again" is pressed', async () => {
    http.expectOne('/api/admin/me').flush({}, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(TestBed.inject(ServiceStatus).unavailable()).toBe(true);

    TestBed.inject(ServiceStatus).retry();
    TestBed.tick();
    http.expectOne('/api/admin/me').flush(ME);
    await fixture.whenStable();
    expect(row('claim-session-id')).toBe('session_01XYZ');
  });

  it('on 401 marks the session expired (the shell then offers to sign in again)', async () => {
    http
      .expectOne('/api/admin/me')
      .flush({ error: 'session_expired' }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(TestBed.inject(AuthSession).status()).toBe('expired');
    expect(byTestId('profile-error', page)).not.toBeNull();
  });

  it('treats an unexpected answer as an error', async () => {
    http.expectOne('/api/admin/me').flush({ hello: 'world' });
    await fixture.whenStable();
    expect(byTestId('profile-error', page)).not.toBeNull();
  });

  it('names the organization it knows, and loads the claims again after a switch', async () => {
    http.expectOne('/api/admin/me').flush(ME);
    await fixture.whenStable();
    const session = TestBed.inject(AuthSession);
    session.adopt(multiOrganizationSessionBody(GLOBEX));
    TestBed.tick();
    http.expectOne('/api/admin/me').flush({ ...ME, organizationId: GLOBEX.id, role: 'admin' });
    await fixture.whenStable();
    expect(row('claim-organization')).toBe('Globex org_01GLOBEX');
    expect(row('claim-role')).toBe('admin');
  });
});
