import { roleLabel } from './role-label';

describe('roleLabel', () => {
  it('turns a slug into words with a capital first letter', () => {
    expect(roleLabel('admin')).toBe('Admin');
    expect(roleLabel('billing-admin')).toBe('Billing admin');
    expect(roleLabel('support_agent')).toBe('Support agent');
  });

  it('says when there is no role', () => {
    expect(roleLabel(null)).toBe('No role');
    expect(roleLabel('')).toBe('No role');
  });
});
