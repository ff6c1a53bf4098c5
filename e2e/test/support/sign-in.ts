import { expect, type Page } from '@playwright/test';

import { stackEnv } from './stack-env.js';

/** Seeded users of the emulator's default seed, by the name on their sign-in button. */
export const users = {
  admin: { name: 'Ada Admin', email: 'ada@example.com', id: 'user_01JADAADMIN0000000000000' },
  member: { name: 'Max Member', email: 'max@example.com', id: 'user_01JMAXMEMBER000000000000' },
} as const;

/** Expects the emulator's hosted sign-in page (the browser was sent to WorkOS). */
export async function expectSignInPage(page: Page): Promise<void> {
  await expect(page).toHaveURL((url) => url.href.startsWith(stackEnv().emulatorUrl));
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

/** On the emulator's sign-in page, signs in with one click as a seeded user. */
export async function signInAs(page: Page, user: { name: string }): Promise<void> {
  await expectSignInPage(page);
  await page.getByRole('button', { name: new RegExp(`^Sign in as ${user.name},`) }).click();
  await expect(page).toHaveURL((url) => url.href.startsWith(stackEnv().publicUrl));
}

/** Opens `path` anonymously and signs in as `user`, landing back on `path`. */
export async function openSignedIn(
  page: Page,
  path: string,
  user: { name: string },
): Promise<void> {
  await page.goto(`${stackEnv().publicUrl}${path}`);
  await signInAs(page, user);
  await expect(page).toHaveURL(`${stackEnv().publicUrl}${path}`);
}

/** What an SPA page gets back from a BFF API call made with the SPA's own headers. */
export async function apiStatus(page: Page, path: string): Promise<number> {
  return page.evaluate(
    async (url) => (await fetch(url, { headers: { 'X-CSRF': '1' } })).status,
    path,
  );
}
