import { expect, test } from '@playwright/test';

import { grace, signInToOrganization } from './support/admin-console.js';
import { stackEnv } from './support/stack-env.js';

test('Grace switches organization and the Administration pages appear', async ({
  context,
}, testInfo) => {
  const page = await context.newPage();
  await page.goto(`${stackEnv().publicUrl}/`);
  await signInToOrganization(page, grace, 'Example Corp');
  const switcher = page.getByTestId('organization-switcher');
  await expect(switcher).toContainText('Example Corp');
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);
  await expect(page.getByTestId('dashboard-organization')).toHaveText('Example Corp');

  const otherTab = await context.newPage();
  await otherTab.goto(`${stackEnv().publicUrl}/members`);
  await expect(otherTab.getByTestId('members-page')).toContainText('Example Corp');
  await expect(otherTab.getByTestId('invite-button')).toHaveCount(0);

  await switcher.click();
  await page.getByRole('menuitemradio', { name: /^Globex/ }).click();
  await expect(switcher).toContainText('Globex');
  await expect(page.getByTestId('dashboard-organization')).toHaveText('Globex');
  await page.getByTestId('nav-admin').click();
  await expect(page.getByTestId('admin-overview')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('globex-admin.png'), fullPage: true });

  // The other tab follows the switch and loads its data again.
  await expect(otherTab.getByTestId('organization-switcher')).toContainText('Globex');
  await expect(otherTab.getByTestId('members-page')).toContainText('Globex');
  await expect(otherTab.getByTestId('invite-button')).toBeVisible();
  await expect(otherTab.getByTestId('nav-admin')).toBeVisible();
});
