import { ADA, EXAMPLE_CORP_ID, GRACE, MAX } from '@gatehouse/workos-emulator';
import {
  startAdminStack,
  writeCalls,
  type AdminStack,
  dataOf,
  STACK_START_TIMEOUT_MS,
} from './support/admin-stack.js';
import { expectForbidden } from './kit/index.js';

interface MemberBody {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  roleSlug: string;
  status: string;
  isCurrentUser: boolean;
}
const emails = (body: { data: MemberBody[] }) => body.data.map((m) => m.email).sort();

describe('members of the caller’s organization', () => {
  let stack: AdminStack;
  const ada = () => stack.as(ADA, EXAMPLE_CORP_ID);
  const max = () => stack.as(MAX, EXAMPLE_CORP_ID);
  const roleAtWorkOS = async (membershipId: string) =>
    (await stack.workos.userManagement.getOrganizationMembership(membershipId)).role.slug;

  beforeAll(async () => {
    stack = await startAdminStack();
  }, STACK_START_TIMEOUT_MS);
  beforeEach(() => stack.emulator.reset());
  afterAll(() => stack.close());

  describe('GET /members', () => {
    it('lists every member with name, email, role, status and creation date', async () => {
      const res = await ada().get('/members');
      expect(res.status).toBe(200);
      expect(emails(res.body)).toEqual([ADA.email, GRACE.email, MAX.email]);
      const adaRow = (res.body.data as MemberBody[]).find((m) => m.email === ADA.email);
      expect(adaRow).toEqual({
        id: await stack.membershipId(ADA, EXAMPLE_CORP_ID),
        userId: ADA.id,
        email: ADA.email,
        name: 'Ada Admin',
        roleSlug: 'admin',
        roleSlugs: ['admin'],
        status: 'active',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        lastSignInAt: null,
        isCurrentUser: true,
      });
      expect(res.body.listMetadata).toEqual({ before: null, after: null });
    });

    it('is open to members too (users:read)', async () => {
      const res = await max().get('/members');
      expect(res.status).toBe(200);
      expect(emails(res.body)).toHaveLength(3);
    });

    it('pages with limit and the after / before cursors', async () => {
      const first = await ada().get('/members?limit=2');
      expect(first.body.data).toHaveLength(2);
      expect(first.body.listMetadata.after).toBe(first.body.data[1].id);
      const second = await ada().get(`/members?limit=2&after=${first.body.listMetadata.after}`);
      expect(second.body.data).toHaveLength(1);
      expect(second.body.listMetadata.after).toBeNull();
      const back = await ada().get(`/members?limit=2&before=${second.body.data[0].id}`);
      expect(dataOf<MemberBody>(back).map((m) => m.id)).toEqual(
        dataOf<MemberBody>(first).map((m) => m.id),
      );
      const all = [...first.body.data, ...second.body.data].map((m: MemberBody) => m.email);
      expect(all.sort()).toEqual([ADA.email, GRACE.email, MAX.email]);
    });

    it.each([
      ['max', [MAX.email]],
      ['EXAMPLE.COM', [ADA.email, GRACE.email, MAX.email]],
      ['grace multi', [GRACE.email]],
      ['nobody', []],
      ['  ', [ADA.email, GRACE.email, MAX.email]],
    ])('searches names and emails: %s', async (search, expected) => {
      const res = await ada().get(`/members?search=${encodeURIComponent(search)}`);
      expect(res.status).toBe(200);
      expect(emails(res.body)).toEqual(expected);
    });

    it('pages search results with the same cursors', async () => {
      const first = await ada().get('/members?search=example&limit=2');
      expect(first.body.data).toHaveLength(2);
      const rest = await ada().get(
        `/members?search=example&limit=2&after=${first.body.listMetadata.after}`,
      );
      expect(rest.body.data).toHaveLength(1);
      expect(rest.body.listMetadata).toEqual({ before: rest.body.data[0].id, after: null });
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['after=user_01ABC', 'after'],
      ['after=om_1&before=om_2', 'before'],
      [`search=${'x'.repeat(101)}`, 'search'],
      ['role=admin', 'role'],
    ])('answers 400 with field errors for ?%s', async (query, field) => {
      const res = await ada().get(`/members?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        code: 'validation_failed',
        fields: [expect.objectContaining({ field })],
      });
    });
  });

  describe('PATCH /members/:membershipId', () => {
    it("changes a member's role and says it applies at the next token refresh", async () => {
      const maxId = await stack.membershipId(MAX, EXAMPLE_CORP_ID);
      const res = await ada().patch(`/members/${maxId}`).send({ roleSlug: 'admin' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        member: { id: maxId, email: MAX.email, roleSlug: 'admin', isCurrentUser: false },
        previousRoleSlug: 'member',
        effective: 'next_token_refresh',
      });
      expect(await roleAtWorkOS(maxId)).toBe('admin');
    });

    it('accepts only a role of the organization (400 on roleSlug)', async () => {
      const maxId = await stack.membershipId(MAX, EXAMPLE_CORP_ID);
      const res = await ada().patch(`/members/${maxId}`).send({ roleSlug: 'owner' });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual([
        { field: 'roleSlug', message: 'is not a role of this organization' },
      ]);
      expect(await roleAtWorkOS(maxId)).toBe('member');
    });

    it.each([
      [{}, 'roleSlug'],
      [{ roleSlug: '' }, 'roleSlug'],
      [{ roleSlug: 'Admin Role' }, 'roleSlug'],
      [{ roleSlug: 'admin', extra: true }, 'extra'],
    ])('validates the body %j (400 naming %s)', async (body, field) => {
      const maxId = await stack.membershipId(MAX, EXAMPLE_CORP_ID);
      const res = await ada().patch(`/members/${maxId}`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.fields).toContainEqual(expect.objectContaining({ field }));
    });

    it('validates the id in the path (400 on membershipId)', async () => {
      const res = await ada().patch('/members/user_01ABC').send({ roleSlug: 'admin' });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual([
        { field: 'membershipId', message: expect.stringContaining('om_') },
      ]);
    });

    it('refuses to demote the last admin (409 last_admin), WorkOS untouched', async () => {
      const adaId = await stack.membershipId(ADA, EXAMPLE_CORP_ID);
      const res = await ada().patch(`/members/${adaId}`).send({ roleSlug: 'member' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'last_admin',
        message: expect.stringContaining('last admin'),
      });
      expect(await roleAtWorkOS(adaId)).toBe('admin');
      expect(writeCalls(stack.emulator)).toBe(0);
    });

    it('lets an admin step down once another admin exists', async () => {
      const [adaId, maxId] = [
        await stack.membershipId(ADA, EXAMPLE_CORP_ID),
        await stack.membershipId(MAX, EXAMPLE_CORP_ID),
      ];
      expect((await ada().patch(`/members/${maxId}`).send({ roleSlug: 'admin' })).status).toBe(200);
      expect((await ada().patch(`/members/${adaId}`).send({ roleSlug: 'member' })).status).toBe(
        200,
      );
      expect(await roleAtWorkOS(adaId)).toBe('member');
    });

    it('checks WorkOS, not the token: a stale admin token cannot demote the last admin', async () => {
      const [adaId, maxId] = [
        await stack.membershipId(ADA, EXAMPLE_CORP_ID),
        await stack.membershipId(MAX, EXAMPLE_CORP_ID),
      ];
      await ada().patch(`/members/${maxId}`).send({ roleSlug: 'admin' });
      const maxAsAdmin = stack.t.as(
        stack.claimsFor(MAX, EXAMPLE_CORP_ID, {
          role: 'admin',
          roles: ['admin'],
          permissions: ['users:read', 'users:write'],
        }),
      );
      expect(
        (await maxAsAdmin.patch(`/members/${adaId}`).send({ roleSlug: 'member' })).status,
      ).toBe(200);
      // Ada's token still says admin until its refresh; WorkOS says Max is the only admin now.
      const res = await ada().patch(`/members/${maxId}`).send({ roleSlug: 'member' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('last_admin');
      expect(await roleAtWorkOS(maxId)).toBe('admin');
    });

    it('needs users:write (a member gets 403, WorkOS untouched)', async () => {
      const adaId = await stack.membershipId(ADA, EXAMPLE_CORP_ID);
      expectForbidden(await max().patch(`/members/${adaId}`).send({ roleSlug: 'member' }));
      expect(await roleAtWorkOS(adaId)).toBe('admin');
    });

    it('answers 404 not_found for an unknown membership id', async () => {
      const res = await ada()
        .patch('/members/om_01UNKNOWN0000000000000000')
        .send({ roleSlug: 'admin' });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        code: 'not_found',
        message: 'No such member in your organization.',
      });
    });
  });

  describe('DELETE /members/:membershipId', () => {
    it('removes a member from the organization', async () => {
      const maxId = await stack.membershipId(MAX, EXAMPLE_CORP_ID);
      const res = await ada().delete(`/members/${maxId}`);
      expect(res.status).toBe(204);
      expect(emails((await ada().get('/members')).body)).toEqual([ADA.email, GRACE.email]);
      await expect(stack.workos.userManagement.getOrganizationMembership(maxId)).rejects.toThrow();
    });

    it('refuses self-removal (409 cannot_remove_self)', async () => {
      const adaId = await stack.membershipId(ADA, EXAMPLE_CORP_ID);
      const res = await ada().delete(`/members/${adaId}`);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'cannot_remove_self' });
      expect(await roleAtWorkOS(adaId)).toBe('admin');
    });

    it('refuses to remove the last admin, even with a stale admin token', async () => {
      const [adaId, maxId] = [
        await stack.membershipId(ADA, EXAMPLE_CORP_ID),
        await stack.membershipId(MAX, EXAMPLE_CORP_ID),
      ];
      await ada().patch(`/members/${maxId}`).send({ roleSlug: 'admin' });
      await ada().patch(`/members/${adaId}`).send({ roleSlug: 'member' });
      // Ada's token still carries users:write; Max is the only admin at WorkOS.
      const res = await ada().delete(`/members/${maxId}`);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('last_admin');
      expect(await roleAtWorkOS(maxId)).toBe('admin');
    });

    it('needs users:write', async () => {
      const graceId = await stack.membershipId(GRACE, EXAMPLE_CORP_ID);
      expectForbidden(await max().delete(`/members/${graceId}`));
      expect(await roleAtWorkOS(graceId)).toBe('member');
    });
  });
});
