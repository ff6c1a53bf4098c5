import { expect, test } from '@playwright/test';

import { emulatorStats } from './support/emulator-controls.js';
import { stackEnv } from './support/stack-env.js';
import { expectSignInPage, openSignedIn, users } from './support/sign-in.js';

test('signing out ends the WorkOS session too, and the data is gone from the page and its history', async ({
  page,
}, testInfo) => {
  await openSignedIn(page, '/profile', users.admin);
  await expect(page.getByTestId('claim-user-id')).toContainText(users.admin.id);
  const liveBefore = (await emulatorStats()).liveSessions;

  await page.getByTestId('user-menu-button').click();
  await page.getByTestId('sign-out-button').click();

  await expect(page).toHaveURL(/\/signed-out/);
  await expect(page.getByTestId('signed-out-reason')).toHaveAttribute('data-reason', 'signed-out');
  await expect(page.getByTestId('sign-in-button')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('signed-out.png'), fullPage: true });
  expect((await emulatorStats()).liveSessions).toBe(liveBefore - 1);

  await page.goBack();
  await expect(page.getByText(users.admin.id)).toHaveCount(0);

  await page.goto(`${stackEnv().publicUrl}/profile`);
  await expectSignInPage(page);
});

test('signing out in one tab signs out the other tab', async ({ context }) => {
  const first = await context.newPage();
  await openSignedIn(first, '/', users.admin);
  const second = await context.newPage();
  await second.goto(`${stackEnv().publicUrl}/`);
  await expect(second.getByTestId('dashboard-identity')).toBeVisible();

  await first.getByTestId('user-menu-button').click();
  await first.getByTestId('sign-out-button').click();

  await expect(second.getByTestId('dashboard-identity')).toHaveCount(0);
  await expect(second.getByTestId('user-menu-button')).toHaveCount(0);
});

test('signing out everywhere ends the same user’s session on another device', async ({
  browser,
}) => {
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  try {
    const onLaptop = await laptop.newPage();
    const onPhone = await phone.newPage();
    await openSignedIn(onLaptop, '/profile', users.admin);
    await openSignedIn(onPhone, '/profile', users.admin);
    await expect(onPhone.getByTestId('claim-user-id')).toContainText(users.admin.id);

    await onLaptop.getByTestId('user-menu-button').click();
    await onLaptop.getByTestId('sign-out-everywhere-button').click();
    await expect(onLaptop).toHaveURL(/\/signed-out/);

    await onPhone.getByTestId('profile-reload').click();
    await expect(onPhone.getByTestId('session-expired-dialog')).toBeVisible();
  } finally {
    await laptop.close();
    await phone.close();
  }
});
