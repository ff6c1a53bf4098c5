import {
  GenericServerException,
  NotFoundException,
  OauthException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@workos-inc/node';
import { ADA, EXAMPLE_CORP_ID, GLOBEX_ID, GRACE, MAX } from '../src/index.js';
import { withExtraMembers } from './seed.helpers.js';
import { decodePart, sdkFor, useSdkEmulator } from './sdk.helpers.js';

/** The admin-console calls, made by the unmodified @workos-inc/node 11 against the emulator. */
describe('management API through @workos-inc/node 11', () => {
  const t = useSdkEmulator({
    editSeed: (seed) => {
      withExtraMembers(12)(seed);
      const globex = seed.organizations.find((o) => o.id === GLOBEX_ID);
      if (globex !== undefined) globex.externalId = 'crm-globex';
      const max = seed.users.find((u) => u.id === MAX.id);
      if (max !== undefined) max.externalId = 'crm-max';
    },
  });

  const um = () => t.workos.userManagement;

  it('listOrganizationMemberships pages an organization with limit, after, before and order', async () => {
    const first = await um().listOrganizationMemberships({
      organizationId: EXAMPLE_CORP_ID,
      limit: 5,
    });
    expect(first.data).toHaveLength(5);
    expect(first.data[0]).toMatchObject({
      object: 'organization_membership',
      organizationId: EXAMPLE_CORP_ID,
      organizationName: 'Example Corp',
      status: 'active',
      role: { slug: 'member' },
    });
    expect(first.listMetadata.before).toBeNull();
    const second = await um().listOrganizationMemberships({
      organizationId: EXAMPLE_CORP_ID,
      limit: 5,
      after: first.listMetadata.after ?? '',
    });
    const back = await um().listOrganizationMemberships({
      organizationId: EXAMPLE_CORP_ID,
      limit: 5,
      before: second.listMetadata.before ?? '',
    });
    expect(back.data.map((m) => m.id)).toEqual(first.data.map((m) => m.id));
    // 3 seeded members + 12 extra, newest first; autoPagination follows `after` to the end.
    const all = await (
      await um().listOrganizationMemberships({ organizationId: EXAMPLE_CORP_ID })
    ).autoPagination();
    expect(all).toHaveLength(15);
    expect(all.map((m) => m.userId).slice(-3)).toEqual([GRACE.id, MAX.id, ADA.id]);
    const oldestFirst = await um().listOrganizationMemberships({
      organizationId: EXAMPLE_CORP_ID,
      order: 'asc',
      limit: 3,
    });
    expect(oldestFirst.data.map((m) => m.userId)).toEqual([ADA.id, MAX.id, GRACE.id]);
  });

  it('listOrganizationMemberships by user, and by statuses (active only unless asked)', async () => {
    const grace = await um().listOrganizationMemberships({ userId: GRACE.id });
    expect(grace.data.map((m) => m.organizationId).sort()).toEqual(
      [EXAMPLE_CORP_ID, GLOBEX_ID].sort(),
    );
    const max = (await um().listOrganizationMemberships({ userId: MAX.id })).data[0];
    await um().deactivateOrganizationMembership(max?.id ?? '');
    expect((await um().listOrganizationMemberships({ userId: MAX.id })).data).toEqual([]);
    const inactive = await um().listOrganizationMemberships({
      userId: MAX.id,
      statuses: ['active', 'inactive'],
    });
    expect(inactive.data).toEqual([expect.objectContaining({ id: max?.id, status: 'inactive' })]);
  });

  it('getOrganizationMembership and getUser read the members behind a list', async () => {
    const [ada] = (await um().listOrganizationMemberships({ userId: ADA.id })).data;
    const membership = await um().getOrganizationMembership(ada?.id ?? '');
    expect(membership).toMatchObject({
      userId: ADA.id,
      role: { slug: 'admin' },
      roles: [{ slug: 'admin' }],
    });
    expect(await um().getUser(membership.userId)).toMatchObject({
      email: ADA.email,
      firstName: 'Ada',
    });
    await expect(
      um().getOrganizationMembership('om_01JNOPE0000000000000000000'),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('updateOrganizationMembership changes the role; the next refresh carries it', async () => {
    const session = await t.emulator.issueSession({ email: MAX.email });
    const [max] = (await um().listOrganizationMemberships({ userId: MAX.id })).data;
    const updated = await um().updateOrganizationMembership(max?.id ?? '', { roleSlug: 'admin' });
    expect(updated.role).toEqual({ slug: 'admin' });
    const refreshed = await um().authenticateWithRefreshToken({
      refreshToken: session.refreshToken,
    });
    expect(decodePart(refreshed.accessToken, 1)).toMatchObject({ role: 'admin', roles: ['admin'] });
    const refused = um().updateOrganizationMembership(max?.id ?? '', { roleSlug: 'owner' });
    await expect(refused).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(refused).rejects.toMatchObject({ code: 'invalid_role' });
  });

  it('deleteOrganizationMembership removes a member, whose next refresh is refused', async () => {
    const session = await t.emulator.issueSession({ email: MAX.email });
    const [max] = (await um().listOrganizationMemberships({ userId: MAX.id })).data;
    await um().deleteOrganizationMembership(max?.id ?? '');
    await expect(um().getOrganizationMembership(max?.id ?? '')).rejects.toBeInstanceOf(
      NotFoundException,
    );
    const refresh = um().authenticateWithRefreshToken({ refreshToken: session.refreshToken });
    await expect(refresh).rejects.toBeInstanceOf(OauthException);
    await expect(refresh).rejects.toMatchObject({ error: 'organization_membership_not_found' });
    await expect(um().deleteOrganizationMembership(max?.id ?? '')).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('createOrganizationMembership adds a member with the default role, once', async () => {
    const created = await um().createOrganizationMembership({
      userId: ADA.id,
      organizationId: GLOBEX_ID,
    });
    expect(created).toMatchObject({
      userId: ADA.id,
      organizationId: GLOBEX_ID,
      status: 'active',
      role: { slug: 'member' },
    });
    const again = um().createOrganizationMembership({ userId: ADA.id, organizationId: GLOBEX_ID });
    await expect(again).rejects.toBeInstanceOf(GenericServerException);
    await expect(again).rejects.toMatchObject({
      status: 400,
      code: 'user_already_organization_member',
    });
    await um().deactivateOrganizationMembership(created.id);
    const back = await um().createOrganizationMembership({
      userId: ADA.id,
      organizationId: GLOBEX_ID,
      roleSlug: 'admin',
    });
    expect(back).toMatchObject({ id: created.id, status: 'active', role: { slug: 'admin' } });
  });

  it('deactivate and reactivate keep the role and are no-ops when repeated', async () => {
    const [max] = (await um().listOrganizationMemberships({ userId: MAX.id })).data;
    const off = await um().deactivateOrganizationMembership(max?.id ?? '');
    expect(off.status).toBe('inactive');
    expect((await um().deactivateOrganizationMembership(off.id)).updatedAt).toBe(off.updatedAt);
    const on = await um().reactivateOrganizationMembership(off.id);
    expect(on).toMatchObject({ status: 'active', role: { slug: 'member' } });
  });

  it('listUsers filters by organization and email; getUserByExternalId finds a user', async () => {
    const globex = await um().listUsers({ organizationId: GLOBEX_ID });
    expect(globex.data.map((u) => u.email)).toEqual([GRACE.email]);
    const byEmail = await um().listUsers({ email: 'MAX@example.com' });
    expect(byEmail.data.map((u) => u.id)).toEqual([MAX.id]);
    const everyone = await (await um().listUsers()).autoPagination();
    expect(everyone).toHaveLength(15);
    expect((await um().getUserByExternalId('crm-max')).id).toBe(MAX.id);
  });

  it('getOrganization, listOrganizations (domains) and getOrganizationByExternalId', async () => {
    const org = await t.workos.organizations.getOrganization(EXAMPLE_CORP_ID);
    expect(org).toMatchObject({
      id: EXAMPLE_CORP_ID,
      name: 'Example Corp',
      externalId: null,
      metadata: {},
    });
    expect(org.domains[0]).toMatchObject({ domain: 'example.com', state: 'verified' });
    const byDomain = await t.workos.organizations.listOrganizations({
      domains: ['globex.com', 'nope.test'],
    });
    expect(byDomain.data.map((o) => o.id)).toEqual([GLOBEX_ID]);
    expect((await t.workos.organizations.listOrganizations()).data).toHaveLength(2);
    expect((await t.workos.organizations.getOrganizationByExternalId('crm-globex')).id).toBe(
      GLOBEX_ID,
    );
    await expect(
      t.workos.organizations.getOrganization('org_01JNOPE000000000000000000'),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('authorization.listOrganizationRoles and getOrganizationRole list the environment roles', async () => {
    const roles = await t.workos.authorization.listOrganizationRoles(EXAMPLE_CORP_ID);
    expect(roles.data.map((r) => [r.slug, r.type])).toEqual([
      ['admin', 'EnvironmentRole'],
      ['member', 'EnvironmentRole'],
    ]);
    expect(roles.data[0]?.permissions).toContain('users:write');
    expect((await t.workos.authorization.getOrganizationRole(GLOBEX_ID, 'member')).name).toBe(
      'Member',
    );
    await expect(
      t.workos.authorization.listOrganizationRoles('org_01JNOPE000000000000000000'),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('every management call needs the API key', async () => {
    const wrongKey = sdkFor(t.emulator, 'sk_test_wrong');
    await expect(wrongKey.userManagement.listUsers()).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(wrongKey.organizations.getOrganization(EXAMPLE_CORP_ID)).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
    await expect(
      wrongKey.userManagement.listOrganizationMemberships({ organizationId: EXAMPLE_CORP_ID }),
    ).rejects.toBeInstanceOf(UnauthorizedException);
  });
});
