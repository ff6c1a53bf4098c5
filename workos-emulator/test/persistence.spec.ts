import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ADA,
  EXAMPLE_CORP_ID,
  GLOBEX_ID,
  MAX,
  createEmulator,
  type Emulator,
} from '../src/index.js';
import { sdkFor } from './sdk.helpers.js';

/** Management state lives in the data dir: what the API changed survives a restart, new seed entries still appear. */
describe('management state across restarts with the same data dir', () => {
  let dir: string;
  const running: Emulator[] = [];
  const start = async (extra: Parameters<typeof createEmulator>[0] = {}) => {
    const emulator = await createEmulator({ port: 0, dataDir: dir, ...extra });
    running.push(emulator);
    return emulator;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'persist-'));
  });
  afterEach(async () => {
    for (const e of running.splice(0)) await e.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps membership changes and invitations; applies memberships added to the seed later', async () => {
    const first = await start();
    const workos = sdkFor(first);
    const [max] = (await workos.userManagement.listOrganizationMemberships({ userId: MAX.id }))
      .data;
    await workos.userManagement.deleteOrganizationMembership(max?.id ?? '');
    const [ada] = (await workos.userManagement.listOrganizationMemberships({ userId: ADA.id }))
      .data;
    await workos.userManagement.updateOrganizationMembership(ada?.id ?? '', { roleSlug: 'member' });
    const invitation = await workos.userManagement.sendInvitation({
      email: 'kept@example.com',
      organizationId: EXAMPLE_CORP_ID,
    });
    await first.close();

    const second = await start({
      editSeed: (seed) => {
        seed.users
          .find((u) => u.id === ADA.id)
          ?.memberships.push({ organizationId: GLOBEX_ID, role: 'admin' });
      },
    });
    const again = sdkFor(second).userManagement;
    expect((await again.listOrganizationMemberships({ userId: MAX.id })).data).toEqual([]);
    const adaNow = await again.listOrganizationMemberships({ userId: ADA.id });
    expect(adaNow.data.map((m) => [m.organizationId, m.role.slug]).sort()).toEqual(
      [
        [EXAMPLE_CORP_ID, 'member'],
        [GLOBEX_ID, 'admin'],
      ].sort(),
    );
    expect((await again.getInvitation(invitation.id)).token).toBe(invitation.token);
    // reset() goes back to the seed: Max is a member again, the invitation is gone.
    second.reset();
    expect((await again.listOrganizationMemberships({ userId: MAX.id })).data).toHaveLength(1);
    await expect(again.getInvitation(invitation.id)).rejects.toMatchObject({ status: 404 });
  });
});
