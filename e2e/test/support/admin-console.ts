import { DEFAULT_API_KEY, EXAMPLE_CORP_ID, GRACE, MAX } from '@gatehouse/workos-emulator';
import { expect, type Page } from '@playwright/test';

import { stackEnv } from './stack-env.js';
import { expectSignInPage } from './sign-in.js';

/** Grace Multi: member at Example Corp, admin at Globex. */
export const grace = { name: 'Grace Multi', email: GRACE.email, id: GRACE.id } as const;

/** On the emulator's sign-in page, signs `user` in and picks `organization` when asked. */
export async function signInToOrganization(
  page: Page,
  user: { name: string },
  organization: string,
): Promise<void> {
  await expectSignInPage(page);
  await page.getByRole('button', { name: new RegExp(`^Sign in as ${user.name},`) }).click();
  await expect(page.getByRole('heading', { name: 'Choose an organization' })).toBeVisible();
  await page.getByRole('button', { name: new RegExp(`^${organization} \\(`) }).click();
  await expect(page).toHaveURL((url) => url.href.startsWith(stackEnv().publicUrl));
}

/** On the emulator's sign-in page, starts an impersonated sign-in as support staff. */
export async function impersonate(page: Page, target: RegExp, reason: string): Promise<void> {
  await expectSignInPage(page);
  const form = page.getByRole('form', { name: 'Impersonate a user' });
  const option = form.locator('#impersonate_target option').filter({ hasText: target });
  await form
    .getByLabel('User to impersonate')
    .selectOption((await option.first().getAttribute('value')) ?? '');
  await form.getByLabel('Reason').fill(reason);
  await form.getByRole('button', { name: 'Impersonate' }).click();
  await expect(page).toHaveURL((url) => url.href.startsWith(stackEnv().publicUrl));
}

/** Calls the emulator's WorkOS management API with the seed's API key. */
async function management(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${stackEnv().emulatorUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${DEFAULT_API_KEY}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
  return response.json();
}

/**
 * Puts Max back to `member` at Example Corp (the seeded state the other suites expect), whatever
 * a failed test left behind.
 */
export async function restoreMaxAsMember(): Promise<void> {
  const query = new URLSearchParams({ user_id: MAX.id, organization_id: EXAMPLE_CORP_ID });
  const list = (await management(
    'GET',
    `/user_management/organization_memberships?${query.toString()}`,
  )) as { data: { id: string; role: { slug: string } }[] };
  const membership = list.data[0];
  if (membership && membership.role.slug !== 'member') {
    await management('PUT', `/user_management/organization_memberships/${membership.id}`, {
      role_slug: 'member',
    });
  }
}
