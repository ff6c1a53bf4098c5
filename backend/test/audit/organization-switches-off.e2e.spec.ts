import { randomBytes } from 'node:crypto';
import { OrganizationSwitchTracker } from '../../src/audit/switches/organization-switch.tracker.js';
import { TokenVerifier } from '../../src/auth/index.js';
import {
  createTestApp,
  createTestIssuer,
  LogCapture,
  type TestApp,
  type TestIssuer,
} from '../kit/index.js';
import { auditConfig } from './support/audit-test-config.js';

/** Nothing listens on port 1: the store cannot open and keeps retrying. */
const UNREACHABLE = {
  kind: 'postgres',
  url: 'postgres://postgres@127.0.0.1:1/none',
  poolMax: 1,
} as const;

const newSessionId = () => `session_${randomBytes(6).toString('hex')}`;
const trackerOf = (app: TestApp) => app.app.get(OrganizationSwitchTracker);

describe('organization switches without a working trail', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await createTestIssuer();
  });
  afterAll(async () => {
    await issuer?.close();
  });

  async function withApp(
    options: Partial<Parameters<typeof createTestApp>[0]>,
    run: (app: TestApp) => Promise<void>,
  ) {
    const app = await createTestApp({ issuer, ...options });
    try {
      await run(app);
    } finally {
      await app.close();
    }
  }

  it('observe nothing when the trail is off', async () => {
    await withApp({}, async (app) => {
      expect((await app.as({ sid: newSessionId() }).get('/admin/me')).status).toBe(200);
      await trackerOf(app).flush();
      expect(trackerOf(app).stats()).toMatchObject({ observed: 0, recorded: 0, dropped: 0 });
    });
  });

  it('answer requests while the database is unreachable, count the losses and log them once', async () => {
    const logs = new LogCapture();
    await withApp({ logs, audit: auditConfig(UNREACHABLE) }, async (app) => {
      for (const sid of [newSessionId(), newSessionId()]) {
        expect((await app.as({ sid }).get('/admin/me')).status).toBe(200);
        await trackerOf(app).flush();
      }
      expect(trackerOf(app).stats()).toMatchObject({ observed: 2, dropped: 2, failedFlushes: 2 });
      expect(logs.find('organization switches not recorded')).toHaveLength(1);
    });
  }, 30_000);

  it('answer requests when the observer throws', async () => {
    await withApp({}, async (app) => {
      app.app.get(TokenVerifier).observeVerified(() => {
        throw new Error('observer bug');
      });
      expect((await app.as({ sid: newSessionId() }).get('/admin/me')).status).toBe(200);
    });
  });
});
