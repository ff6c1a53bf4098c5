import { expect, test } from '@playwright/test';

import { backend } from './support/emulator-controls.js';
import { openSignedIn, users } from './support/sign-in.js';

test('while the backend is down the SPA says the service is unavailable, and it recovers on retry', async ({
  page,
}, testInfo) => {
  await openSignedIn(page, '/profile', users.admin);
  await expect(page.getByTestId('claim-user-id')).toContainText(users.admin.id);

  await backend('stop');
  try {
    const failed = page.waitForResponse((response) => response.url().includes('/api/admin/me'));
    await page.getByTestId('profile-reload').click();
    expect((await failed).status()).toBe(502);
    await expect(page.getByTestId('service-unavailable')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('service-unavailable.png'), fullPage: true });
  } finally {
    await backend('start');
  }

  await page.getByTestId('service-unavailable-retry').first().click();
  await expect(page.getByTestId('service-unavailable')).toHaveCount(0);
  await expect(page.getByTestId('claim-user-id')).toContainText(users.admin.id);
});
