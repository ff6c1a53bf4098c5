import { EXAMPLE_CORP_ID, type Seed } from '../src/index.js';

/** Adds `count` members of Example Corp (`user_01JXTRA…`, `extra<i>@example.com`, role member) to a seed. */
export function withExtraMembers(count: number): (seed: Seed) => void {
  return (seed) => {
    for (let i = 0; i < count; i += 1) {
      const n = String(i).padStart(2, '0');
      seed.users.push({
        id: `user_01JXTRA${n}${'0'.repeat(17)}`,
        email: `extra${n}@example.com`,
        password: `extra-password-${n}`,
        firstName: 'Extra',
        lastName: n,
        memberships: [{ organizationId: EXAMPLE_CORP_ID, role: 'member' }],
      });
    }
  };
}
