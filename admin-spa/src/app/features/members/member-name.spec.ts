import { memberName } from './member-name';

describe('memberName', () => {
  it('is the name, else the e-mail address', () => {
    expect(memberName({ name: 'Max Member', email: 'max@example.com' })).toBe('Max Member');
    expect(memberName({ name: null, email: 'max@example.com' })).toBe('max@example.com');
    expect(memberName({ name: '  ', email: 'max@example.com' })).toBe('max@example.com');
  });
});
