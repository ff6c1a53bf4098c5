import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';

import {
  ADA_MEMBER,
  ADMIN_PERMISSIONS,
  invitation,
  member,
  page,
  ROLES,
} from '../../../testing/admin-fixtures';
import { ACME, multiOrganizationSessionBody } from '../../../testing/session-fixtures';
import { byTestId, provideTestApp, signInAs, waitForMatch } from '../../../testing/test-providers';
import { Members } from './members';

@Component({ selector: 'gh-test-page', template: '' })
class TestPage {}

const MAX = member();

/** Lets the dialog and menu animations and the answered requests settle. */
async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  await fixture.whenStable();
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

describe('Members actions', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Members>;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: provideTestApp([{ path: '**', component: TestPage }]),
    });
    http = TestBed.inject(HttpTestingController);
    await signInAs(multiOrganizationSessionBody(ACME, { permissions: ADMIN_PERMISSIONS }));
    fixture = TestBed.createComponent(Members);
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    (await waitForMatch(http, (r) => r.url === '/api/members')).flush(page([ADA_MEMBER, MAX]));
    (await waitForMatch(http, (r) => r.url === '/api/roles')).flush(ROLES);
    (await waitForMatch(http, (r) => r.url === '/api/invitations')).flush(page([]));
    await fixture.whenStable();
  });

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((node) => node.remove());
    http.verify();
  });

  const maxRow = () => element.querySelector<HTMLElement>('[data-email="max@example.com"]')!;
  const inOverlay = (id: string) => byTestId(id, document.body);

  describe('the role menu', () => {
    async function chooseAdmin(): Promise<void> {
      byTestId('member-role-button', maxRow())!.click();
      await settle(fixture);
      document
        .querySelector<HTMLElement>('[data-testid="role-option"][data-role="admin"]')!
        .click();
      await fixture.whenStable();
    }

    it('changes the role, says when it takes effect, and shows the new role', async () => {
      const options = await (async () => {
        byTestId('member-role-button', maxRow())!.click();
        await settle(fixture);
        return [...document.querySelectorAll<HTMLElement>('[data-testid="role-option"]')];
      })();
      expect(options.map((option) => option.getAttribute('aria-checked'))).toEqual([
        'false',
        'true',
      ]);
      options[0]!.click();
      await fixture.whenStable();
      const button = byTestId('member-role-button', maxRow()) as HTMLButtonElement;
      expect(button.disabled).toBe(true);

      const request = http.expectOne('/api/members/om_01MAX');
      expect(request.request.method).toBe('PATCH');
      expect(request.request.body).toEqual({ roleSlug: 'admin' });
      request.flush({
        member: member({ roleSlug: 'admin', roleSlugs: ['admin'] }),
        previousRoleSlug: 'member',
        effective: 'next_token_refresh',
      });
      await settle(fixture);

      expect(button.disabled).toBe(false);
      expect(button.textContent).toContain('Admin');
      expect(document.body.textContent).toContain(
        'Max Member is now Admin. It takes effect when their access token next refreshes',
      );
    });

    it('sends one change at a time for a member', async () => {
      await chooseAdmin();
      await chooseAdmin().catch(() => undefined);
      const [request, ...others] = http.match('/api/members/om_01MAX');
      expect(others).toHaveLength(0);
      request!.flush({ member: member({ roleSlug: 'admin' }), previousRoleSlug: 'member' });
      await settle(fixture);
    });

    it('says why the backend refused', async () => {
      await chooseAdmin();
      http
        .expectOne('/api/members/om_01MAX')
        .flush(
          { code: 'last_admin', message: 'The organization needs at least one admin.' },
          { status: 409, statusText: 'Conflict' },
        );
      await settle(fixture);
      expect(document.body.textContent).toContain('The organization needs at least one admin.');
      expect(byTestId('member-role-button', maxRow())?.textContent).toContain('Member');
    });
  });

  describe('removing a member', () => {
    async function openDialog(): Promise<void> {
      byTestId('member-remove', maxRow())!.click();
      byTestId('member-remove', maxRow())!.click();
      await settle(fixture);
      expect(document.querySelectorAll('[data-testid="remove-dialog"]')).toHaveLength(1);
    }

    it('asks first, removes on confirmation, confirms and loads the list again', async () => {
      await openDialog();
      expect(inOverlay('remove-dialog')?.textContent).toContain('Remove Max Member?');
      expect(inOverlay('remove-dialog')?.textContent).toContain('lose access to Acme Corp');
      const confirm = inOverlay('remove-confirm') as HTMLButtonElement;
      confirm.click();
      confirm.click();
      await fixture.whenStable();
      expect(confirm.disabled).toBe(true);
      const request = http.expectOne('/api/members/om_01MAX');
      expect(request.request.method).toBe('DELETE');
      request.flush(null, { status: 204, statusText: 'No Content' });
      (await waitForMatch(http, (r) => r.url === '/api/members')).flush(page([ADA_MEMBER]));
      await settle(fixture);

      expect(inOverlay('remove-dialog')).toBeNull();
      expect(document.body.textContent).toContain('Max Member was removed from Acme Corp.');
      expect(maxRow()).toBeNull();
    });

    it('keeps the dialog open with the reason when the backend refuses', async () => {
      await openDialog();
      inOverlay('remove-confirm')!.click();
      http
        .expectOne('/api/members/om_01MAX')
        .flush(
          { code: 'last_admin', message: 'Max is the last admin.' },
          { status: 409, statusText: 'Conflict' },
        );
      await settle(fixture);
      expect(inOverlay('remove-error')?.textContent).toContain('Max is the last admin.');
      expect((inOverlay('remove-confirm') as HTMLButtonElement).disabled).toBe(false);
      inOverlay('remove-cancel')!.click();
      await settle(fixture);
      expect(inOverlay('remove-dialog')).toBeNull();
    });
  });

  describe('inviting', () => {
    async function openDialog(email: string): Promise<void> {
      byTestId('invite-button', element)!.click();
      byTestId('invite-button', element)!.click();
      await settle(fixture);
      expect(document.querySelectorAll('[data-testid="invite-dialog"]')).toHaveLength(1);
      const input = inOverlay('invite-email') as HTMLInputElement;
      input.value = email;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    }

    it('sends the invitation with the chosen role, confirms and shows it', async () => {
      await openDialog('new@example.com');
      const role = inOverlay('invite-role') as HTMLSelectElement;
      expect([...role.options].map((option) => option.textContent?.trim())).toEqual([
        'Admin',
        'Member',
      ]);
      expect(role.value).toBe('member');
      role.value = 'admin';
      role.dispatchEvent(new Event('change'));
      const submit = inOverlay('invite-submit') as HTMLButtonElement;
      submit.click();
      submit.click();
      await fixture.whenStable();
      expect(submit.disabled).toBe(true);

      const request = http.expectOne('/api/invitations');
      expect(request.request.method).toBe('POST');
      expect(request.request.body).toEqual({ email: 'new@example.com', roleSlug: 'admin' });
      request.flush(invitation({ roleSlug: 'admin' }));
      (await waitForMatch(http, (r) => r.url === '/api/invitations')).flush(
        page([invitation({ roleSlug: 'admin' })]),
      );
      await settle(fixture);

      expect(inOverlay('invite-dialog')).toBeNull();
      expect(document.body.textContent).toContain('Invitation sent to new@example.com.');
      const row = byTestId('invitation-row', element);
      expect(row?.textContent).toContain('new@example.com');
      expect(row?.textContent).toContain('Admin');
    });

    it('checks the address before sending anything', async () => {
      await openDialog('not-an-address');
      inOverlay('invite-submit')!.click();
      await settle(fixture);
      expect(inOverlay('invite-dialog')?.textContent).toContain('Enter a valid e-mail address.');
      http.expectNone('/api/invitations');
    });

    it("shows the backend's field error on the field, and other refusals above the buttons", async () => {
      await openDialog('max@example.com');
      inOverlay('invite-submit')!.click();
      http.expectOne('/api/invitations').flush(
        {
          code: 'validation_failed',
          message: 'email: is blocked',
          fields: [{ field: 'email', message: 'This domain cannot be invited.' }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
      await settle(fixture);
      expect(inOverlay('invite-dialog')?.textContent).toContain('This domain cannot be invited.');
      expect(inOverlay('invite-error')).toBeNull();

      // The field's error lasts until the address changes.
      inOverlay('invite-submit')!.click();
      http.expectNone('/api/invitations');
      const input = inOverlay('invite-email') as HTMLInputElement;
      input.value = 'max@example.org';
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
      expect(inOverlay('invite-dialog')?.textContent).not.toContain('cannot be invited');
      inOverlay('invite-submit')!.click();
      http.expectOne('/api/invitations').flush(
        {
          code: 'user_already_organization_member',
          message: 'max@example.com is already a member.',
        },
        { status: 409, statusText: 'Conflict' },
      );
      await settle(fixture);
      expect(inOverlay('invite-error')?.textContent).toContain('already a member');
      expect(inOverlay('invite-dialog')).not.toBeNull();
    });
  });
});
