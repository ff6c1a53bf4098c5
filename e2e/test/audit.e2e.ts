import { readFile } from 'node:fs/promises';

import { expect, test } from '@playwright/test';

import { restoreMaxAsMember } from './support/admin-console.js';
import { openSignedIn, users } from './support/sign-in.js';

test.describe('the Audit page', () => {
  // Max is `member` in the seed, and other suites rely on it.
  test.afterEach(restoreMaxAsMember);

  test('an admin changes a role and sees it at the top of the Audit page with their name', async ({
    page,
  }, testInfo) => {
    await openSignedIn(page, '/members', users.admin);
    const max = page.getByTestId('member-row').filter({ hasText: users.member.email });
    // The first admin calls of a fresh stack wait for the backend's start-up work.
    await expect(max.getByTestId('member-role-button')).toHaveText(/Member/, { timeout: 30_000 });
    await max.getByTestId('member-role-button').click();
    await page.getByRole('menuitemradio', { name: /^Admin/ }).click();
    await expect(max.getByTestId('member-role-button')).toHaveText(/Admin/);

    await page.getByTestId('nav-audit').click();
    await expect(page).toHaveURL(/\/audit$/);
    const top = page.getByTestId('audit-row').first();
    await expect(top.getByTestId('audit-action')).toHaveText('member.role_changed');
    await expect(top.getByTestId('audit-actor')).toContainText(users.admin.name);
    await expect(top.getByTestId('audit-target')).toContainText(users.member.email);
    await expect(top.getByTestId('audit-outcome')).toHaveText('succeeded');
    await page.screenshot({ path: testInfo.outputPath('audit.png'), fullPage: true });

    // The same event through the admin's own "Activity" link on the Members page.
    await page.getByTestId('nav-members').click();
    await page
      .getByTestId('member-row')
      .filter({ hasText: users.admin.email })
      .getByTestId('member-audit-link')
      .click();
    await expect(page).toHaveURL(new RegExp(`/audit\\?actor=${users.admin.id}$`));
    await expect(page.getByTestId('audit-filter-actor')).toHaveValue(users.admin.id);
    await expect(top.getByTestId('audit-action')).toHaveText('member.role_changed');

    // The CSV export of the filtered range, downloaded through the BFF with the session cookie.
    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    const csv = await readFile(await (await download).path(), 'utf8');
    const [header, first] = csv.split('\n');
    expect(header).toMatch(/^id,occurred_at,/);
    expect(first).toContain(`${users.admin.id},`);
    expect(first).toContain('member.role_changed');

    // The event's details: the roles before and after, and the browser it came from.
    await top.getByTestId('audit-event-link').click();
    await expect(page.getByTestId('audit-event-before')).toContainText('"member"');
    await expect(page.getByTestId('audit-event-after')).toContainText('"admin"');
    await expect(page.getByTestId('audit-event-user-agent')).toContainText('Chrome');
    await expect(page.getByTestId('audit-event-request-id')).not.toHaveText('Unknown');
    await page.screenshot({ path: testInfo.outputPath('audit-event.png'), fullPage: true });
    await page.getByTestId('back-to-audit').click();
    await expect(page).toHaveURL(new RegExp(`/audit\\?actor=${users.admin.id}$`));
  });
});
