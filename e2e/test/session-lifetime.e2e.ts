import { expect, test } from '@playwright/test';

import { refreshCount, revokeSession } from './support/emulator-controls.js';
import { stackEnv } from './support/stack-env.js';
import { openSignedIn, signInAs, users } from './support/sign-in.js';
import { waitUntilAccessTokenNeedsRefresh } from './support/wait.js';

test('an access token that expires while the user works is refreshed once for the navigation and its parallel calls', async ({
  page,
}) => {
  await openSignedIn(page, '/profile', users.admin);
  await expect(page.getByTestId('claim-user-id')).toContainText(users.admin.id);
  const refreshesBefore = await refreshCount();

  await waitUntilAccessTokenNeedsRefresh();
  // The navigation's own calls and eight more with the same session cookie, all at once.
  const [statuses] = await Promise.all([
    Promise.all(
      Array.from({ length: 8 }, async () => {
        const response = await page.request.get(`${stackEnv().publicUrl}/api/admin/me`, {
          headers: { 'X-CSRF': '1' },
        });
        return response.status();
      }),
    ),
    page.goto(`${stackEnv().publicUrl}/admin`),
  ]);

  await expect(page.getByTestId('admin-overview')).toBeVisible();
  expect(statuses).toEqual(Array(8).fill(200));
  expect((await refreshCount()) - refreshesBefore).toBe(1);
});

test('a session revoked at WorkOS ends at the next API call, and signing in again returns to the same page', async ({
  page,
}, testInfo) => {
  await openSignedIn(page, '/profile', users.admin);
  const sessionId =
    (await page.getByTestId('claim-session-id').locator('td').textContent())?.trim() ?? '';
  expect(await revokeSession(sessionId)).toBe(true);

  await waitUntilAccessTokenNeedsRefresh();
  await page.getByTestId('profile-reload').click();

  await expect(page.getByTestId('session-expired-dialog')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('session-expired.png'), fullPage: true });
  await page.getByTestId('session-expired-sign-in').click();
  await signInAs(page, users.admin);

  await expect(page).toHaveURL(`${stackEnv().publicUrl}/profile`);
  await expect(page.getByTestId('claim-session-id')).toContainText('session_');
  await expect(page.getByTestId('claim-session-id')).not.toContainText(sessionId);
});
