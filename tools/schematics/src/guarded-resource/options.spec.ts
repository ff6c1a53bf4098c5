import { accessRequirement, resourceNames, slugList } from './options.js';

describe('resourceNames', () => {
  it.each([
    ['reports', { plural: 'Reports', singular: 'Report', label: 'report', field: 'reports' }],
    [
      'audit-logs',
      { plural: 'AuditLogs', singular: 'AuditLog', label: 'audit log', field: 'auditLogs' },
    ],
    [
      'categories',
      { plural: 'Categories', singular: 'Category', label: 'category', field: 'categories' },
    ],
  ])('%s', (name, expected) => {
    expect(resourceNames(name)).toMatchObject({ name, ...expected });
  });

  it.each(['Reports', 'reports_1', '1reports', 'reports-', '../reports', ''])(
    'refuses %p',
    (name) => {
      expect(() => resourceNames(name)).toThrow('is not a kebab-case resource name');
    },
  );
});

describe('slugList', () => {
  it('splits, trims and de-duplicates', () => {
    expect(slugList(' reports:read,reports:write , reports:read,', 'permission')).toEqual([
      'reports:read',
      'reports:write',
    ]);
  });

  it.each(["a'b", 'a b', 'a`b', '${x}', 'a\\b'])(
    'refuses %p (it ends up in a string literal)',
    (slug) => {
      expect(() => slugList(slug, 'role')).toThrow(`"${slug}" is not a valid role`);
    },
  );
});

describe('accessRequirement', () => {
  it('needs at least one permission or role', () => {
    expect(() => accessRequirement({ name: 'x' })).toThrow('needs --permissions or --roles');
    expect(accessRequirement({ name: 'x', roles: 'admin' })).toEqual({
      permissions: [],
      roles: ['admin'],
    });
  });
});
