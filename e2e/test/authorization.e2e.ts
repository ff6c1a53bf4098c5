import { expect, test } from '@playwright/test';

import { stackEnv } from './support/stack-env.js';
import { apiStatus, openSignedIn, users } from './support/sign-in.js';

test('a member who opens the admin page sees Forbidden, and the API answers 403', async ({
  page,
}, testInfo) => {
  await openSignedIn(page, '/', users.member);
  await page.goto(`${stackEnv().publicUrl}/admin`);

  await expect(page.getByTestId('forbidden-page')).toBeVisible();
  expect(await apiStatus(page, '/api/admin/overview')).toBe(403);
  expect(await apiStatus(page, '/api/admin/me')).toBe(200);
  await page.screenshot({ path: testInfo.outputPath('forbidden.png'), fullPage: true });
});

test('an admin opens the admin page and sees the overview from the backend', async ({
  page,
}, testInfo) => {
  await openSignedIn(page, '/admin', users.admin);

  await expect(page.getByTestId('admin-overview')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('admin.png'), fullPage: true });
});
