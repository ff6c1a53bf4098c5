import { expect, test } from '@playwright/test';

import { impersonate } from './support/admin-console.js';
import { stackEnv } from './support/stack-env.js';
import { users } from './support/sign-in.js';

test('an impersonated sign-in shows the banner on every page, and Stop signs out', async ({
  page,
}, testInfo) => {
  await page.goto(`${stackEnv().publicUrl}/profile`);
  await impersonate(page, /Max Member/, 'Support ticket 4711');

  const banner = page.getByTestId('impersonation-banner');
  await expect(banner).toBeVisible();
  await expect(banner.getByTestId('impersonator-email')).toHaveText('sam@example.com');
  await expect(banner.getByTestId('impersonation-reason')).toContainText('Support ticket 4711');
  await expect(banner).toContainText(users.member.email);
  await page.screenshot({ path: testInfo.outputPath('impersonation.png'), fullPage: true });

  await page.getByTestId('nav-sessions').click();
  await expect(page.getByTestId('my-sessions-page')).toBeVisible();
  await expect(banner).toBeVisible();

  await banner.getByTestId('impersonation-stop').click();
  await expect(page).toHaveURL(/\/signed-out/);
  await expect(page.getByTestId('impersonation-banner')).toHaveCount(0);
});
