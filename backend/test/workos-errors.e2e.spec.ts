import { ADA, EXAMPLE_CORP_ID } from '@gatehouse/workos-emulator';
import { createServer } from 'node:net';
import { startAdminStack, type AdminStack, STACK_START_TIMEOUT_MS } from './support/admin-stack.js';

/** The WorkOS call behind `GET /roles` for Example Corp. */
const ROLES_PATH = `/authorization/organizations/${EXAMPLE_CORP_ID}/roles`;
/** Per-attempt SDK timeout in this suite. */
const TIMEOUT_MS = 400;

describe('WorkOS failures become our JSON errors, never a 500 (emulator faults, no retries)', () => {
  let stack: AdminStack;

  beforeAll(async () => {
    stack = await startAdminStack({ workosAdmin: { timeoutMs: TIMEOUT_MS } });
  }, STACK_START_TIMEOUT_MS);
  afterEach(() => stack.emulator.clearFaults());
  afterAll(() => stack.close());

  const roles = () => stack.as(ADA, EXAMPLE_CORP_ID).get('/roles');

  it.each([
    [404, 404, 'not_found', undefined],
    [409, 409, 'injected_fault', undefined], // a WorkOS conflict keeps WorkOS's code
    [429, 503, 'workos_rate_limited', true],
    [500, 503, 'workos_unavailable', true],
    [503, 503, 'workos_unavailable', true],
    [401, 503, 'admin_api_unauthorized', false],
    [422, 422, 'workos_rejected', undefined],
  ])('WorkOS %i → %i %s', async (workosStatus, status, code, retryable) => {
    stack.emulator.inject({ route: ROLES_PATH, status: workosStatus });
    const res = await roles();
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ statusCode: status, code });
    expect(res.body.retryable).toBe(retryable);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('passes the Retry-After of a WorkOS 429 on to the client with the 503', async () => {
    stack.emulator.inject({ route: ROLES_PATH, status: 429 }); // the emulator sends Retry-After: 1
    const res = await roles();
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
  });

  it(`answers 504 workos_timeout when WorkOS takes longer than the ${TIMEOUT_MS} ms timeout`, async () => {
    stack.emulator.inject({ route: ROLES_PATH, delayMs: TIMEOUT_MS * 4 });
    const started = Date.now();
    const res = await roles();
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ code: 'workos_timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 4);
  });

  it('never copies the body of a WorkOS 5xx into the answer', async () => {
    stack.emulator.inject({
      route: ROLES_PATH,
      status: 500,
      body: { message: 'internal detail: db host 10.0.0.3' },
    });
    const res = await roles();
    expect(res.status).toBe(503);
    expect(JSON.stringify(res.body)).not.toContain('10.0.0.3');
  });
});

describe('an unreachable WorkOS', () => {
  let stack: AdminStack;

  beforeAll(async () => {
    // A port that was free a moment ago: connections are refused.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address() as { port: number };
        server.close(() => resolve(address.port));
      });
    });
    stack = await startAdminStack({ workosAdmin: { apiBaseUrl: `http://127.0.0.1:${port}` } });
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack.close());

  it('answers 503 workos_unavailable, retryable', async () => {
    const res = await stack.as(ADA, EXAMPLE_CORP_ID).get('/roles');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'workos_unavailable', retryable: true });
  });
});

describe('SDK retries (maxRetries 1)', () => {
  let stack: AdminStack;

  beforeAll(async () => {
    stack = await startAdminStack({ workosAdmin: { maxRetries: 1, timeoutMs: TIMEOUT_MS } });
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack.close());

  it('gives up after the retry and still answers with our error', async () => {
    stack.emulator.inject({ route: ROLES_PATH, status: 503, times: 2 });
    const res = await stack.as(ADA, EXAMPLE_CORP_ID).get('/roles');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'workos_unavailable' });
  });
});
