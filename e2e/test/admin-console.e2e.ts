import { expect, test } from '@playwright/test';

import { restoreMaxAsMember } from './support/admin-console.js';
import { stackEnv } from './support/stack-env.js';
import { openSignedIn, users } from './support/sign-in.js';
import { waitUntilAccessTokenNeedsRefresh } from './support/wait.js';

test.describe('the admin console', () => {
  // Max is `member` in the seed, and other suites rely on it.
  test.afterEach(restoreMaxAsMember);

  test('an admin changes a member’s role and invites someone', async ({ page }, testInfo) => {
    await openSignedIn(page, '/members', users.admin);
    const max = page.getByTestId('member-row').filter({ hasText: users.member.email });
    // The first admin API calls of a fresh stack wait for the backend's start-up work (several
    // seconds on a loaded machine); later calls answer in milliseconds.
    await expect(max.getByTestId('member-role-button')).toHaveText(/Member/, { timeout: 30_000 });
    await expect(page.getByTestId('role-change-hint')).toContainText('next refresh');

    await max.getByTestId('member-role-button').click();
    await page.getByRole('menuitemradio', { name: /^Admin/ }).click();
    await expect(
      page.getByText(/Max Member is now Admin\. It takes effect when their access/),
    ).toBeVisible();
    await expect(max.getByTestId('member-role-button')).toHaveText(/Admin/);
    await page.reload();
    await expect(max.getByTestId('member-role-button')).toHaveText(/Admin/);
    await page.screenshot({ path: testInfo.outputPath('members.png'), fullPage: true });

    await max.getByTestId('member-role-button').click();
    await page.getByRole('menuitemradio', { name: /^Member/ }).click();
    await expect(max.getByTestId('member-role-button')).toHaveText(/Member/);

    const invitee = `new.hire.${Date.now()}@example.com`;
    await page.getByTestId('invite-button').click();
    const dialog = page.getByTestId('invite-dialog');
    await dialog.getByLabel('E-mail address').fill(invitee);
    await dialog.getByTestId('invite-role').selectOption('member');
    await dialog.getByTestId('invite-submit').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText(`Invitation sent to ${invitee}.`)).toBeVisible();
    const invitation = page.getByTestId('invitation-row').filter({ hasText: invitee });
    await expect(invitation).toHaveAttribute('data-state', 'pending');
    await page.screenshot({ path: testInfo.outputPath('invited.png'), fullPage: true });
  });

  test('a user signs out their other session, and that browser is signed out', async ({
    browser,
  }) => {
    // Two sign-ins and a wait for the phone's token to need a refresh.
    test.slow();
    const laptop = await browser.newContext();
    const phone = await browser.newContext();
    try {
      const onLaptop = await laptop.newPage();
      const onPhone = await phone.newPage();
      await openSignedIn(onPhone, '/profile', users.member);
      await openSignedIn(onLaptop, '/sessions', users.member);

      const rows = onLaptop.getByTestId('session-row');
      await expect(rows).toHaveCount(2);
      const current = rows.filter({ has: onLaptop.getByTestId('session-current') });
      await expect(current.getByTestId('session-revoke')).toHaveCount(0);
      const other = rows.filter({ hasNot: onLaptop.getByTestId('session-current') });
      await other.getByTestId('session-revoke').click();
      await expect(rows).toHaveCount(1);
      await expect(onLaptop.getByText(/was signed out\./)).toBeVisible();

      // The phone's BFF session ends when its next token refresh finds the WorkOS session gone.
      await waitUntilAccessTokenNeedsRefresh();
      await onPhone.getByTestId('profile-reload').click();
      await expect(onPhone.getByTestId('session-expired-dialog')).toBeVisible();

      // The laptop is still signed in.
      await onLaptop.goto(`${stackEnv().publicUrl}/profile`);
      await expect(onLaptop.getByTestId('claim-user-id')).toContainText(users.member.id);
    } finally {
      await laptop.close();
      await phone.close();
    }
  });
});
