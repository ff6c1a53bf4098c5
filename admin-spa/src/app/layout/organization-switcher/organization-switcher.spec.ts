import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';

import { RecordingLocation } from '../../../testing/recording-location';
import {
  ACME,
  GLOBEX,
  multiOrganizationSessionBody,
  sessionBody,
} from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs } from '../../../testing/test-providers';
import { OrganizationSwitcher } from './organization-switcher';

describe('OrganizationSwitcher', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<OrganizationSwitcher>;
  let element: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((node) => node.remove());
  });

  async function render(body: Record<string, unknown>): Promise<void> {
    await signInAs(body);
    fixture = TestBed.createComponent(OrganizationSwitcher);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  async function openMenu(): Promise<HTMLElement[]> {
    byTestId('organization-switcher', element)!.click();
    await fixture.whenStable();
    return [...document.querySelectorAll<HTMLElement>('[data-testid="organization-option"]')];
  }

  it('names the current organization and lists every membership with its role', async () => {
    await render(multiOrganizationSessionBody(ACME));
    expect(byTestId('organization-name', element)?.textContent?.trim()).toBe('Acme Corp');
    const options = await openMenu();
    expect(options.map((option) => option.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Acme Corp, role Member',
      'Globex, role Admin',
    ]);
    expect(options[0]?.getAttribute('aria-checked')).toBe('true');
    expect(options[0]?.hasAttribute('disabled')).toBe(true);
    expect(options[1]?.getAttribute('aria-checked')).toBe('false');
  });

  it('switches, shows the new organization and confirms it', async () => {
    await render(multiOrganizationSessionBody(ACME));
    const options = await openMenu();
    options[1]!.click();
    await fixture.whenStable();
    const trigger = byTestId('organization-switcher', element) as HTMLButtonElement;
    expect(trigger.disabled).toBe(true);
    expect(trigger.textContent).toContain('Switching…');

    const request = http.expectOne('/auth/organization');
    expect(request.request.body).toEqual({ organizationId: GLOBEX.id });
    request.flush(multiOrganizationSessionBody(GLOBEX));
    await fixture.whenStable();
    await fixture.whenStable();

    expect(trigger.disabled).toBe(false);
    expect(byTestId('organization-name', element)?.textContent?.trim()).toBe('Globex');
    expect(document.body.textContent).toContain('You are now working in Globex.');
  });

  it('says why a switch failed', async () => {
    await render(multiOrganizationSessionBody(ACME));
    (await openMenu())[1]!.click();
    http
      .expectOne('/auth/organization')
      .flush(
        { code: 'organization_membership_not_found', message: 'You are not a member of Globex.' },
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();
    await fixture.whenStable();
    expect(document.body.textContent).toContain('You are not a member of Globex.');
    expect(byTestId('organization-name', element)?.textContent?.trim()).toBe('Acme Corp');
  });

  it('follows the sign-in the BFF asks for', async () => {
    await render(multiOrganizationSessionBody(ACME));
    (await openMenu())[1]!.click();
    http.expectOne('/auth/organization').flush(
      {
        code: 'organization_reauthentication_required',
        signInUrl: '/auth/login?organizationId=org_01GLOBEX&returnTo=%2F',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(TestBed.inject(RecordingLocation).assigned).toEqual([
      '/auth/login?organizationId=org_01GLOBEX&returnTo=%2F',
    ]);
  });

  it('shows only the name for a single membership', async () => {
    await render(
      sessionBody({ organization: ACME, organizations: [ACME], organizationId: ACME.id }),
    );
    expect(byTestId('organization-switcher', element)).toBeNull();
    expect(byTestId('organization-name', element)?.textContent?.trim()).toBe('Acme Corp');
  });

  it('shows nothing when the BFF does not name organizations', async () => {
    await render(sessionBody());
    expect(element.textContent?.trim()).toBe('');
  });
});
