import { ADA, EXAMPLE_CORP_ID, GLOBEX_ID, MAX } from '@gatehouse/workos-emulator';
import {
  STACK_START_TIMEOUT_MS,
  startAdminStack,
  type AdminStack,
} from '../support/admin-stack.js';
import { auditConfig } from './support/audit-test-config.js';
import { storesUnderTest } from './support/stores-under-test.js';
import { CREATE_EVENT_ROUTE, FAST_EXPORT } from './support/workos-export-stack.js';
import { eventually } from './support/workos-events-stack.js';

describe.each(storesUnderTest())(
  'the admin API exporting to WorkOS Audit Logs on $name',
  (store) => {
    let stack: AdminStack;

    beforeAll(async () => {
      await store.setUp();
      stack = await startAdminStack({
        audit: auditConfig(store.config(), { workosExport: FAST_EXPORT }),
      });
    }, STACK_START_TIMEOUT_MS * 3);
    afterAll(async () => {
      await stack?.close();
      await store.tearDown();
    });

    it('sends a role change made through PATCH /members/:id to its organization, once', async () => {
      const maxId = await stack.membershipId(MAX, EXAMPLE_CORP_ID);
      const res = await stack
        .as(ADA, EXAMPLE_CORP_ID)
        .patch(`/members/${maxId}`)
        .set('user-agent', 'AuditTest/1.0')
        .set('x-forwarded-for', '203.0.113.7')
        .send({ roleSlug: 'admin' });
      expect(res.status).toBe(200);

      const events = await eventually(
        () => Promise.resolve(stack.emulator.auditLogEvents(EXAMPLE_CORP_ID)),
        (all) => all.length >= 1,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stack.emulator.stats().endpoints[CREATE_EVENT_ROUTE]).toBe(1);
      expect(stack.emulator.auditLogEvents(GLOBEX_ID)).toEqual([]);
      expect(events).toHaveLength(1);
      expect(events[0]?.event).toMatchObject({
        action: 'member.role_changed',
        actor: { id: ADA.id, type: 'user' },
        targets: [{ id: maxId, type: 'membership', name: MAX.email }],
        context: { location: '203.0.113.7', user_agent: 'AuditTest/1.0' },
        metadata: {
          outcome: 'succeeded',
          before: '{"roleSlugs":["member"]}',
          after: '{"roleSlugs":["admin"]}',
        },
      });
    }, 60_000);
  },
);
