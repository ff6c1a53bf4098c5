import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the whole stack in Debian's Chromium (`/usr/bin/chromium`; Playwright's own browser
 * download does not work offline). The global setup starts emulator, backend and BFF on free ports.
 */
export default defineConfig({
  testDir: './test',
  testMatch: '**/*.e2e.ts',
  outputDir: './test-results',
  globalSetup: './test/support/global-setup.ts',
  // One stack, one browser: the scenarios share the emulator and the backend (one of them stops it).
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--gaia-url=http://127.0.0.1:9',
        '--google-apis-url=http://127.0.0.1:9',
        '--lso-url=http://127.0.0.1:9',
      ],
    },
  },
});
