import {
  completeSignIn,
  createEmulator,
  SignInError,
  type Emulator,
} from '@gatehouse/workos-emulator';
import { WorkOS } from '@workos-inc/node';
import { decodeJwt } from 'jose';
import { sql } from 'kysely';
import type { AuditStoreConfig } from '../../../src/audit/audit.config.js';
import { AuditDatabase } from '../../../src/audit/database/audit-database.js';
import { INGESTED_EVENT_TYPES } from '../../../src/audit/ingestion/workos-event-types.js';
import {
  createTestApp,
  createTestIssuer,
  type LogCapture,
  type TestApp,
  type TestIssuer,
} from '../../kit/index.js';
import { quiet } from './audit-events.js';
import { auditConfig } from './audit-test-config.js';

const REDIRECT_URI = 'http://127.0.0.1:9/callback';

/** A signed-in user's WorkOS session. */
export interface SignedIn {
  readonly sessionId: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** A `workos` row of the audit trail, read straight from the database. */
export interface WorkosRow {
  readonly external_id: string;
  readonly organization_id: string | null;
  readonly action: string;
}

/**
 * The WorkOS events suites' world: an in-process emulator, its SDK client, an issuer for the
 * backend's tokens, and backends on one audit store that poll the emulator (every 100 ms).
 */
export class WorkosEventsStack {
  private constructor(
    readonly emulator: Emulator,
    readonly workos: WorkOS,
    readonly issuer: TestIssuer,
  ) {}

  static async start(): Promise<WorkosEventsStack> {
    const emulator = await createEmulator({ port: 0, redirectUris: [REDIRECT_URI] });
    const workos = new WorkOS(emulator.apiKey, {
      clientId: emulator.clientId,
      apiHostname: '127.0.0.1',
      https: false,
      port: emulator.port,
      maxRetries: 0,
    });
    const issuer = await createTestIssuer({ clientId: emulator.clientId });
    return new WorkosEventsStack(emulator, workos, issuer);
  }

  /** A backend on `store` whose poller reads the emulator every `pollIntervalMs`. */
  backend(store: AuditStoreConfig, logs?: LogCapture, pollIntervalMs = 100): Promise<TestApp> {
    return createTestApp({
      issuer: this.issuer,
      audit: auditConfig(store, { events: { pollIntervalMs } }),
      workosAdmin: {
        apiKey: this.emulator.apiKey,
        clientId: this.emulator.clientId,
        apiBaseUrl: this.emulator.url,
        timeoutMs: 2_000,
        maxRetries: 0,
      },
      ...(logs ? { logs } : {}),
    });
  }

  /** Signs in on the emulator's page and exchanges the code, as the BFF does. */
  async signIn(email: string, organizationId?: string): Promise<SignedIn> {
    const back = await completeSignIn(this.authorizeUrl(), {
      email,
      ...(organizationId ? { organizationId } : {}),
    });
    const code = back.searchParams.get('code');
    if (code === null) throw new Error(`sign-in of ${email} ended without a code: ${back.href}`);
    const auth = await this.workos.userManagement.authenticateWithCode({
      clientId: this.emulator.clientId,
      code,
    });
    const { sid } = decodeJwt(auth.accessToken);
    if (typeof sid !== 'string') throw new Error('the access token has no sid');
    return { sessionId: sid, accessToken: auth.accessToken, refreshToken: auth.refreshToken };
  }

  /** A sign-in with a wrong password (the page refuses it). */
  async failSignIn(email: string): Promise<void> {
    await expect(
      completeSignIn(this.authorizeUrl(), { email, password: 'not-the-password' }),
    ).rejects.toBeInstanceOf(SignInError);
  }

  /** Ids of every event of the types the poller reads, oldest first. */
  async emulatorEventIds(): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.workos.events.listEvents({
        events: [...INGESTED_EVENT_TYPES],
        order: 'asc',
        limit: 100,
        ...(after ? { after } : {}),
      });
      ids.push(...page.data.map((e) => e.id));
      if (page.data.length < 100) return ids;
      after = page.data.at(-1)?.id;
    }
  }

  async close(): Promise<void> {
    await this.issuer.close();
    await this.emulator.close();
  }

  private authorizeUrl(): string {
    return this.workos.userManagement.getAuthorizationUrl({
      provider: 'authkit',
      clientId: this.emulator.clientId,
      redirectUri: REDIRECT_URI,
    });
  }
}

/**
 * Every `workos` row of the store, oldest first, read with a connection of its own (for PGlite:
 * only once no backend has the directory open).
 */
export async function workosRows(store: AuditStoreConfig): Promise<WorkosRow[]> {
  const database = await AuditDatabase.open(store, quiet);
  try {
    const { rows } = await sql<WorkosRow>`
      select external_id, organization_id, action from audit_events
      where source = 'workos' order by external_id`.execute(database.db);
    return rows;
  } finally {
    await database.close();
  }
}

/** Calls `read` until `done` accepts its result (every 50 ms, at most `timeoutMs`). */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
