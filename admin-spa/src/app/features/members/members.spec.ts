import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';

import {
  ADA_MEMBER,
  ADMIN_PERMISSIONS,
  member,
  page,
  ROLES,
} from '../../../testing/admin-fixtures';
import { ACME, GLOBEX, multiOrganizationSessionBody } from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs, waitForMatch } from '../../../testing/test-providers';
import { AuthSession } from '../../core/auth/auth-session';
import { Members } from './members';

@Component({ selector: 'gh-test-page', template: '' })
class TestPage {}

const MAX = member();

describe('Members', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Members>;
  let element: HTMLElement;

  async function render(permissions: readonly string[] = ADMIN_PERMISSIONS): Promise<void> {
    TestBed.configureTestingModule({
      providers: provideTestApp([{ path: '**', component: TestPage }]),
    });
    http = TestBed.inject(HttpTestingController);
    await signInAs(multiOrganizationSessionBody(ACME, { permissions }));
    fixture = TestBed.createComponent(Members);
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  const membersRequest = () =>
    waitForMatch(http, (request) => request.url === '/api/members', 'GET /api/members');

  /** Answers the page's first requests: members, roles and invitations. */
  async function answer(members: object = page([ADA_MEMBER, MAX])): Promise<void> {
    (await membersRequest()).flush(members);
    (await waitForMatch(http, (request) => request.url === '/api/roles')).flush(ROLES);
    (await waitForMatch(http, (request) => request.url === '/api/invitations')).flush(page([]));
    await fixture.whenStable();
  }

  const rows = () => [...element.querySelectorAll<HTMLElement>('[data-testid="member-row"]')];
  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();

  afterEach(() => http.verify());

  it('shows a loading state, then the members with role names', async () => {
    await render();
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    expect(byTestId('members-loading', element)).not.toBeNull();
    const request = await membersRequest();
    expect(request.request.params.get('limit')).toBe('20');
    expect(request.request.params.has('search')).toBe(false);
    request.flush(page([ADA_MEMBER, MAX]));
    (await waitForMatch(http, (r) => r.url === '/api/roles')).flush(ROLES);
    (await waitForMatch(http, (r) => r.url === '/api/invitations')).flush(page([]));
    await fixture.whenStable();

    expect(byTestId('members-loading', element)).toBeNull();
    expect(element.querySelector('h1 + p')?.textContent).toContain('Acme Corp');
    const [ada, max] = rows();
    expect(text(ada)).toContain('Ada Lovelace You');
    expect(text(byTestId('member-role', ada))).toBe('Admin');
    expect(byTestId('member-remove', ada)).toBeNull();
    expect(text(byTestId('member-role-button', max))).toBe('Member');
    expect(max?.textContent).toContain('max@example.com');
    expect(byTestId('member-sessions-link', max)?.getAttribute('href')).toBe(
      '/members/om_01MAX/sessions',
    );
    expect(byTestId('member-audit-link', max)?.getAttribute('href')).toBe(
      '/audit?actor=user_01MAX',
    );
    expect(byTestId('role-change-hint', element)?.textContent).toContain('next refresh');
  });

  it('offers nothing to change to a reader', async () => {
    await render(['users:read']);
    await answer();
    expect(byTestId('invite-button', element)).toBeNull();
    expect(byTestId('role-change-hint', element)).toBeNull();
    expect(element.querySelector('[data-testid="member-role-button"]')).toBeNull();
    expect(element.querySelector('[data-testid="member-remove"]')).toBeNull();
    expect(element.querySelector('[data-testid="member-sessions-link"]')).toBeNull();
    expect(element.querySelector('[data-testid="member-audit-link"]')).toBeNull();
    expect(text(byTestId('member-role', rows()[1]))).toBe('Member');
  });

  it('says when there are no members', async () => {
    await render();
    await answer(page([]));
    expect(byTestId('members-empty', element)?.textContent).toContain('No members yet.');
    expect(byTestId('members-table', element)).toBeNull();
  });

  it('searches once typing pauses, from the first page, and says when nothing matches', async () => {
    await render();
    await answer(page([ADA_MEMBER, MAX], { before: null, after: 'om_01MAX' }));
    byTestId('pager-next', element)!.click();
    (await membersRequest()).flush(
      page([member({ id: 'om_01OLD' })], { before: 'om_01OLD', after: null }),
    );
    await fixture.whenStable();

    const input = byTestId('members-search', element) as HTMLInputElement;
    input.value = 'zed';
    input.dispatchEvent(new Event('input'));
    const request = await membersRequest();
    expect(request.request.params.get('search')).toBe('zed');
    expect(request.request.params.has('after')).toBe(false);
    request.flush(page([]));
    await fixture.whenStable();
    expect(byTestId('members-empty', element)?.textContent).toContain('No member matches “zed”.');
  });

  it('pages forward and back with the cursors', async () => {
    await render();
    await answer(page([ADA_MEMBER, MAX], { before: null, after: 'om_01MAX' }));
    expect((byTestId('pager-previous', element) as HTMLButtonElement).disabled).toBe(true);
    byTestId('pager-next', element)!.click();
    let request: TestRequest = await membersRequest();
    expect(request.request.params.get('after')).toBe('om_01MAX');
    request.flush(page([member({ id: 'om_01OLD' })], { before: 'om_01OLD', after: null }));
    await fixture.whenStable();
    expect((byTestId('pager-next', element) as HTMLButtonElement).disabled).toBe(true);

    byTestId('pager-previous', element)!.click();
    request = await membersRequest();
    expect(request.request.params.get('before')).toBe('om_01OLD');
    request.flush(page([ADA_MEMBER, MAX], { before: null, after: 'om_01MAX' }));
    await fixture.whenStable();
  });

  it('shows why the list failed and loads again on Try again', async () => {
    await render();
    (await membersRequest()).flush(
      { code: 'workos_unavailable', message: 'WorkOS did not answer in time.' },
      { status: 500, statusText: 'Error' },
    );
    (await waitForMatch(http, (r) => r.url === '/api/roles')).flush(ROLES);
    (await waitForMatch(http, (r) => r.url === '/api/invitations')).flush(page([]));
    await fixture.whenStable();
    const error = byTestId('members-error', element);
    expect(error?.textContent).toContain('The members could not be loaded.');
    expect(error?.textContent).toContain('WorkOS did not answer in time.');

    error!.querySelector('button')!.click();
    (await membersRequest()).flush(page([MAX]));
    await fixture.whenStable();
    expect(byTestId('members-error', element)).toBeNull();
    expect(rows()).toHaveLength(1);
  });

  it('explains a backend without a WorkOS API key', async () => {
    await render();
    const unconfigured = {
      code: 'admin_api_unconfigured',
      message: 'Member administration is not available: the backend has no WORKOS_API_KEY.',
    };
    (await membersRequest()).flush(unconfigured, { status: 503, statusText: 'Unavailable' });
    (await waitForMatch(http, (r) => r.url === '/api/roles')).flush(unconfigured, {
      status: 503,
      statusText: 'Unavailable',
    });
    (await waitForMatch(http, (r) => r.url === '/api/invitations')).flush(unconfigured, {
      status: 503,
      statusText: 'Unavailable',
    });
    await fixture.whenStable();
    expect(
      byTestId('members-error', element)?.querySelector('[data-kind="unconfigured"]'),
    ).not.toBeNull();
    expect((byTestId('invite-button', element) as HTMLButtonElement).disabled).toBe(true);
  });

  it('loads the members of the new organization after a switch', async () => {
    await render();
    await answer();
    TestBed.inject(AuthSession).adopt(
      multiOrganizationSessionBody(GLOBEX, { permissions: ADMIN_PERMISSIONS }),
    );
    TestBed.tick();
    (await membersRequest()).flush(page([member({ id: 'om_01GLOBEX', email: 'g@globex.com' })]));
    (await waitForMatch(http, (r) => r.url === '/api/roles')).flush(ROLES);
    (await waitForMatch(http, (r) => r.url === '/api/invitations')).flush(page([]));
    await fixture.whenStable();
    expect(element.querySelector('h1 + p')?.textContent).toContain('Globex');
    expect(rows().map((row) => row.dataset.email)).toEqual(['g@globex.com']);
  });
});
