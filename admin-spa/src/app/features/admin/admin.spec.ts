import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';

import { adminSessionBody } from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs } from '../../../testing/test-providers';
import { Admin } from './admin';

@Component({ selector: 'gh-test-page', template: '' })
class TestPage {}

describe('Admin', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Admin>;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: provideTestApp([{ path: '**', component: TestPage }]),
    });
    http = TestBed.inject(HttpTestingController);
    await signInAs(adminSessionBody());
    fixture = TestBed.createComponent(Admin);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('shows the admin overview from the backend', async () => {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    expect(byTestId('admin-loading', page)).not.toBeNull();
    http.expectOne('/api/admin/overview').flush({
      viewerId: 'user_01ADA',
      organizationId: 'org_01ACME',
      uptimeSeconds: 3723,
      signingKeys: 2,
      jwksReachable: true,
      generatedAt: '2030-01-01T00:00:00.000Z',
    });
    await fixture.whenStable();
    expect(byTestId('admin-loading', page)).toBeNull();
    expect(byTestId('admin-signing-keys', page)?.textContent?.trim()).toBe('2');
    expect(byTestId('admin-jwks', page)?.textContent).toContain('JWKS reachable');
    expect(byTestId('admin-uptime', page)?.textContent?.trim()).toBe('1 h 2 min');
    expect(byTestId('admin-viewer', page)?.textContent).toContain('user_01ADA');
  });

  it('says when the JWKS is unreachable', async () => {
    http.expectOne('/api/admin/overview').flush({ viewerId: 'u', jwksReachable: false });
    await fixture.whenStable();
    expect(byTestId('admin-jwks', page)?.textContent).toContain('JWKS unreachable');
  });

  it('shows Forbidden when the API answers 403', async () => {
    http
      .expectOne('/api/admin/overview')
      .flush({ message: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    expect(TestBed.inject(Router).url).toBe('/forbidden');
    expect(byTestId('admin-error', page)).not.toBeNull();
  });

  it('shows an error state when the API fails', async () => {
    http.expectOne('/api/admin/overview').flush({}, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(byTestId('admin-error', page)?.textContent).toContain('could not be loaded');
  });
});
