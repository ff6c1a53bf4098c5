import { HttpTestingController } from '@angular/common/http/testing';
import { Component, EnvironmentInjector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';

import { ADMIN_ACCESS } from '../../features/admin/admin-access';
import { RecordingLocation } from '../../../testing/recording-location';
import { ACME, GLOBEX, multiOrganizationSessionBody } from '../../../testing/session-fixtures';
import { provideTestApp, signInAs } from '../../../testing/test-providers';
import { accessGuard } from './auth-guard';
import { AuthSession } from './auth-session';
import { rerouteOnOrganizationChange } from './organization-change';

@Component({ selector: 'gh-test-admin', template: 'admin page' })
class AdminPage {}

@Component({ selector: 'gh-test-forbidden', template: 'forbidden page' })
class ForbiddenPage {}

describe('rerouteOnOrganizationChange', () => {
  let session: AuthSession;
  let harness: RouterTestingHarness;
  let location: RecordingLocation;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: provideTestApp([
        { path: 'admin', canMatch: [accessGuard(ADMIN_ACCESS)], component: AdminPage },
        { path: 'forbidden', component: ForbiddenPage },
      ]),
    });
    location = TestBed.inject(RecordingLocation);
    session = await signInAs(multiOrganizationSessionBody(ACME));
    harness = await RouterTestingHarness.create();
    runInInjectionContext(TestBed.inject(EnvironmentInjector), rerouteOnOrganizationChange);
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function settle(): Promise<void> {
    TestBed.tick();
    await harness.fixture.whenStable();
  }

  it('opens a page the new role may see, which the old one could not', async () => {
    await harness.navigateByUrl('/admin');
    location.path = '/admin';
    expect(harness.routeNativeElement?.textContent).toBe('forbidden page');

    session.adopt(multiOrganizationSessionBody(GLOBEX));
    await settle();
    expect(harness.routeNativeElement?.textContent).toBe('admin page');
  });

  it('shows Forbidden on a page the new role may not see', async () => {
    session.adopt(multiOrganizationSessionBody(GLOBEX));
    await settle();
    await harness.navigateByUrl('/admin');
    location.path = '/admin';
    expect(harness.routeNativeElement?.textContent).toBe('admin page');

    session.adopt(multiOrganizationSessionBody(ACME));
    await settle();
    expect(harness.routeNativeElement?.textContent).toBe('forbidden page');
  });

  it('does nothing when the session ends', async () => {
    await harness.navigateByUrl('/admin');
    location.path = '/somewhere-else';
    session.markSignedOut();
    await settle();
    expect(harness.routeNativeElement?.textContent).toBe('forbidden page');
  });
});
