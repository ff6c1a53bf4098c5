import { MAX_ORGANIZATIONS, toOrganizationSummaries } from './organization-directory.js';

const membership = (organizationId: string, organizationName: string | null, slug?: string) => ({
  organizationId,
  organizationName,
  role: slug === undefined ? null : { slug },
});

describe('toOrganizationSummaries', () => {
  it('one entry per organization, sorted by name (case and accents aside), then by id', () => {
    expect(
      toOrganizationSummaries([
        membership('org_3', 'globex', 'admin'),
        membership('org_1', 'Éclair', 'member'),
        membership('org_2', 'Acme'),
        membership('org_1', 'Éclair', 'admin'),
        membership('org_0', 'acme', 'member'),
      ]),
    ).toEqual([
      { id: 'org_0', name: 'acme', role: 'member' },
      { id: 'org_2', name: 'Acme', role: null },
      { id: 'org_1', name: 'Éclair', role: 'member' },
      { id: 'org_3', name: 'globex', role: 'admin' },
    ]);
  });

  it('names a nameless organization by its id, cuts long names and keeps at most the limit', () => {
    const many = Array.from({ length: MAX_ORGANIZATIONS + 5 }, (_, i) =>
      membership(`org_${String(i).padStart(3, '0')}`, `Org ${String(i).padStart(3, '0')}`),
    );
    const listed = toOrganizationSummaries([
      ...many,
      membership('org_blank', '  '),
      membership('org_long', 'x'.repeat(1000)),
    ]);
    expect(listed).toHaveLength(MAX_ORGANIZATIONS);
    expect(toOrganizationSummaries([membership('org_blank', '  ')])).toEqual([
      { id: 'org_blank', name: 'org_blank', role: null },
    ]);
    expect(
      toOrganizationSummaries([membership('org_long', 'x'.repeat(1000))])[0]?.name,
    ).toHaveLength(200);
  });
});
