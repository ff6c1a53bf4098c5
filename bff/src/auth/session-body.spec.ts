import { loadConfig } from '../config/config.schema.js';
import type { AuthState } from '../session/session.types.js';
import { sessionBody } from './session-body.js';

const config = loadConfig({
  NODE_ENV: 'test',
  WORKOS_CLIENT_ID: 'client_test',
  WORKOS_API_KEY: 'sk_test_key',
  WORKOS_COOKIE_PASSWORD: 'test-cookie-password-at-least-32-chars!!',
  PUBLIC_URL: 'http://localhost:4300',
  BACKEND_URL: 'http://127.0.0.1:9',
  SESSION_STORE: 'memory',
});

const at = Date.UTC(2030, 0, 1);
const auth = (over: Partial<AuthState>): AuthState => ({
  user: { id: 'user_1', email: 'g@x', firstName: 'G', lastName: null, profilePictureUrl: null },
  workosSessionId: 'session_1',
  organizationId: 'org_b',
  role: 'admin',
  roles: ['admin'],
  permissions: ['users:read'],
  sealedTokens: 'sealed',
  accessExpiresAt: at + 300_000,
  createdAt: at,
  lastSeenAt: at,
  ...over,
});

describe('sessionBody', () => {
  it('names the current organization from the list, with the access token role', () => {
    const body = sessionBody(
      auth({
        organizations: [
          { id: 'org_a', name: 'Acme', role: 'member' },
          { id: 'org_b', name: 'Globex', role: 'member' },
        ],
        impersonator: { email: 'sam@example.com', reason: 'Ticket 42' },
      }),
      config,
    );
    expect(body.organization).toEqual({ id: 'org_b', name: 'Globex', role: 'admin' });
    expect(body.organizations).toEqual([
      { id: 'org_a', name: 'Acme', role: 'member' },
      { id: 'org_b', name: 'Globex', role: 'admin' },
    ]);
    expect(body.impersonator).toEqual({ email: 'sam@example.com', reason: 'Ticket 42' });
    expect(body.expiresAt).toBe(new Date(at + config.session.absoluteMs).toISOString());
    expect(JSON.stringify(body)).not.toContain('sealed');
  });

  it('without a loaded list (WorkOS unreachable): the current organization alone, named by its id', () => {
    const body = sessionBody(auth({}), config);
    expect(body.organization).toEqual({ id: 'org_b', name: 'org_b', role: 'admin' });
    expect(body.organizations).toEqual([{ id: 'org_b', name: 'org_b', role: 'admin' }]);
    expect(body.impersonator).toBeNull();
  });

  it('a session without an organization: organization null, every membership listed', () => {
    const body = sessionBody(
      auth({
        organizationId: null,
        role: null,
        organizations: [{ id: 'org_a', name: 'Acme', role: 'member' }],
      }),
      config,
    );
    expect(body.organization).toBeNull();
    expect(body.organizations).toEqual([{ id: 'org_a', name: 'Acme', role: 'member' }]);
  });
});
