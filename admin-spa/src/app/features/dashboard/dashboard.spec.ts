import { TestBed } from '@angular/core/testing';

import {
  adminSessionBody,
  GLOBEX,
  multiOrganizationSessionBody,
  sessionBody,
} from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs } from '../../../testing/test-providers';
import { Dashboard } from './dashboard';

describe('Dashboard', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  async function render(body: Record<string, unknown>): Promise<HTMLElement> {
    await signInAs(body);
    const fixture = TestBed.createComponent(Dashboard);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows who is signed in, the organization, role, permissions and session expiry', async () => {
    const page = await render(
      adminSessionBody({
        expiresAt: '2030-01-02T03:04:05.000Z',
        idleExpiresAt: Date.UTC(2030, 0, 1, 12),
      }),
    );
    expect(page.querySelector('h1')?.textContent).toContain('Ada');
    expect(byTestId('dashboard-name', page)?.textContent).toContain('Ada Lovelace');
    expect(byTestId('dashboard-email', page)?.textContent).toContain('ada@example.com');
    expect(byTestId('dashboard-organization', page)?.textContent).toContain('org_01ACME');
    expect(byTestId('dashboard-role', page)?.textContent).toContain('admin');
    const permissions = [
      ...(byTestId('dashboard-permissions', page)?.querySelectorAll('li') ?? []),
    ];
    expect(permissions.map((item) => item.textContent?.trim())).toEqual([
      'admin:read',
      'widgets:read',
    ]);
    expect(
      byTestId('session-expires-at', page)?.querySelector('time')?.getAttribute('datetime'),
    ).toBe('2030-01-02T03:04:05.000Z');
    expect(byTestId('session-idle-expires-at', page)?.querySelector('time')).not.toBeNull();
    expect(page.querySelector('gh-avatar .initials')?.textContent?.trim()).toBe('AL');
  });

  it('names the organization when the BFF does', async () => {
    const page = await render(multiOrganizationSessionBody(GLOBEX));
    expect(byTestId('dashboard-organization', page)?.textContent?.trim()).toBe('Globex');
  });

  it('handles a session with no organization, roles, permissions or expiry', async () => {
    const page = await render(
      sessionBody({
        organizationId: null,
        role: null,
        roles: [],
        permissions: [],
        expiresAt: null,
        idleExpiresAt: null,
      }),
    );
    expect(byTestId('dashboard-organization', page)?.textContent).toContain('None');
    expect(byTestId('dashboard-roles', page)?.textContent).toContain('No roles');
    expect(byTestId('dashboard-permissions', page)?.textContent).toContain('No permissions');
    expect(byTestId('session-expires-at', page)?.textContent).toContain('Not reported');
  });

  it('renders nothing personal before the session is known', async () => {
    const fixture = TestBed.createComponent(Dashboard);
    await fixture.whenStable();
    expect(byTestId('dashboard-identity', fixture.nativeElement as HTMLElement)).toBeNull();
  });
});
