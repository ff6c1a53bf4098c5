import { expect, test } from '@playwright/test';

import { stackEnv } from './support/stack-env.js';
import { expectSignInPage, signInAs, users } from './support/sign-in.js';

/** A compact JWT (access or ID token): three base64url parts, the first a JSON header. */
const JWT = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/;

test('an anonymous visit to /profile signs in at WorkOS and comes back to /profile with verified claims', async ({
  page,
}, testInfo) => {
  await page.goto(`${stackEnv().publicUrl}/profile`);
  await expectSignInPage(page);
  await page.screenshot({ path: testInfo.outputPath('emulator-sign-in.png'), fullPage: true });

  await signInAs(page, users.admin);

  await expect(page).toHaveURL(`${stackEnv().publicUrl}/profile`);
  await expect(page.getByTestId('claim-user-id')).toContainText(users.admin.id);
  await expect(page.getByTestId('claim-role')).toContainText('admin');
  await expect(page.getByTestId('claim-session-id')).toContainText('session_');
  await page.screenshot({ path: testInfo.outputPath('profile.png'), fullPage: true });
});

test('no token reaches the browser: storage, cookies and every response are free of token material', async ({
  page,
  context,
}) => {
  const bodies: string[] = [];
  page.on('response', (response) => {
    bodies.push(JSON.stringify(response.headers()));
    void response
      .text()
      .then((text) => bodies.push(text))
      .catch(() => undefined); // redirects and aborted requests have no body
  });

  await page.goto(`${stackEnv().publicUrl}/profile`);
  await signInAs(page, users.admin);
  await expect(page.getByTestId('claim-user-id')).toContainText(users.admin.id);
  await page.goto(`${stackEnv().publicUrl}/`);
  await expect(page.getByTestId('dashboard-identity')).toBeVisible();

  const storage = await page.evaluate(async () => {
    const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
    return {
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      indexedDb: databases.map((db) => db.name ?? ''),
      cookie: document.cookie,
    };
  });
  expect(storage.local).not.toMatch(JWT);
  expect(storage.session).not.toMatch(JWT);
  expect(storage.indexedDb).toEqual([]);
  expect(storage.cookie).toBe('');

  const cookies = await context.cookies(stackEnv().publicUrl);
  const session = cookies.find((cookie) => cookie.name === 'gatehouse');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  for (const cookie of cookies) expect(cookie.value).not.toMatch(JWT);

  expect(bodies.length).toBeGreaterThan(3);
  for (const body of bodies) expect(body).not.toMatch(JWT);
});
