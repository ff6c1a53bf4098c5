import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';

import { ADMIN_PERMISSIONS, invitation, page } from '../../../testing/admin-fixtures';
import { ACME, multiOrganizationSessionBody } from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs, waitForMatch } from '../../../testing/test-providers';
import { Invitations } from './invitations';

const PENDING = invitation();
const ACCEPTED = invitation({
  id: 'invitation_01OLD',
  email: 'old@example.com',
  state: 'accepted',
  roleSlug: 'admin',
});

describe('Invitations', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Invitations>;
  let element: HTMLElement;

  async function render(canManage: boolean, answer: object = page([PENDING, ACCEPTED])) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    http = TestBed.inject(HttpTestingController);
    await signInAs(multiOrganizationSessionBody(ACME, { permissions: ADMIN_PERMISSIONS }));
    fixture = TestBed.createComponent(Invitations);
    fixture.componentRef.setInput('canManage', canManage);
    fixture.componentRef.setInput('roleNames', new Map([['admin', 'Administrator']]));
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    const request = await waitForMatch(http, (r) => r.url === '/api/invitations');
    expect(request.request.params.get('limit')).toBe('10');
    request.flush(answer);
    await fixture.whenStable();
  }

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((node) => node.remove());
    http.verify();
  });

  const row = (email: string) => element.querySelector<HTMLElement>(`[data-email="${email}"]`)!;

  it('lists invitations with their role and state; actions only for pending ones', async () => {
    await render(true);
    expect(row('new@example.com').textContent).toContain('pending');
    expect(row('old@example.com').textContent).toContain('Administrator');
    expect(byTestId('invitation-resend', row('new@example.com'))).not.toBeNull();
    expect(byTestId('invitation-revoke', row('old@example.com'))).toBeNull();
  });

  it('offers no actions to readers', async () => {
    await render(false);
    expect(element.querySelector('[data-testid="invitation-resend"]')).toBeNull();
  });

  it('says when there are none, and why they could not be loaded', async () => {
    await render(true, page([]));
    expect(byTestId('invitations-empty', element)?.textContent).toContain('No invitations yet.');
    fixture.componentInstance.reload();
    (await waitForMatch(http, (r) => r.url === '/api/invitations')).flush(
      { message: 'WorkOS is down.' },
      { status: 500, statusText: 'Error' },
    );
    await fixture.whenStable();
    expect(byTestId('invitations-error', element)?.textContent).toContain('WorkOS is down.');
  });

  it('revokes once and shows the new state', async () => {
    await render(true);
    const revoke = byTestId('invitation-revoke', row('new@example.com')) as HTMLButtonElement;
    revoke.click();
    revoke.click();
    await fixture.whenStable();
    expect(revoke.disabled).toBe(true);
    const request = http.expectOne('/api/invitations/invitation_01NEW/revoke');
    request.flush({ ...PENDING, state: 'revoked' });
    await fixture.whenStable();
    await fixture.whenStable();
    expect(row('new@example.com').dataset.state).toBe('revoked');
    expect(byTestId('invitation-revoke', row('new@example.com'))).toBeNull();
    expect(document.body.textContent).toContain('The invitation for new@example.com was revoked.');
  });

  it('resends, and says why it could not', async () => {
    await render(true);
    byTestId('invitation-resend', row('new@example.com'))!.click();
    http.expectOne('/api/invitations/invitation_01NEW/resend').flush(PENDING);
    await fixture.whenStable();
    await fixture.whenStable();
    expect(document.body.textContent).toContain('sent to new@example.com again');

    byTestId('invitation-resend', row('new@example.com'))!.click();
    http
      .expectOne('/api/invitations/invitation_01NEW/resend')
      .flush(
        { code: 'invitation_not_pending', message: 'The invitation was already accepted.' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    await fixture.whenStable();
    expect(document.body.textContent).toContain('The invitation was already accepted.');
  });

  it('pages with the cursors', async () => {
    await render(true, page([PENDING], { before: null, after: 'invitation_01NEW' }));
    byTestId('pager-next', element)!.click();
    const request = await waitForMatch(http, (r) => r.url === '/api/invitations');
    expect(request.request.params.get('after')).toBe('invitation_01NEW');
    request.flush(page([ACCEPTED]));
    await fixture.whenStable();
    expect(row('old@example.com')).not.toBeNull();
  });
});
