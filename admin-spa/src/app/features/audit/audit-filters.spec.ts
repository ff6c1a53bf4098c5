import {
  auditFilters,
  fromLocalInput,
  hasFilters,
  sameFilters,
  toLocalInput,
} from './audit-filters';

describe('auditFilters', () => {
  it('keeps the filters the API knows, trimmed, and drops empty ones', () => {
    expect(
      auditFilters({
        actor: ' user_01MAX ',
        action: 'member.role_changed',
        outcome: 'failed',
        target: 'max@',
        from: '',
        limit: '5',
        cursor: 'abc',
      }),
    ).toEqual({
      actor: 'user_01MAX',
      action: 'member.role_changed',
      outcome: 'failed',
      target: 'max@',
    });
  });

  it('writes from and to as UTC instants, whatever offset the URL used', () => {
    expect(auditFilters({ from: '2026-03-01T12:00:00+02:00', to: '2026-03-02T00:00:00Z' })).toEqual(
      { from: '2026-03-01T10:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
    );
  });

  it.each([
    ['outcome', 'maybe'],
    ['action', 'drop table'],
    ['from', 'yesterday'],
    ['to', '2026-13-45'],
  ])('drops a %s the backend would refuse (%j) instead of failing the page', (key, value) => {
    expect(auditFilters({ [key]: value })).toEqual({});
  });

  it('ignores values that are not text (a repeated query parameter)', () => {
    expect(auditFilters({ actor: ['a', 'b'], target: 42 })).toEqual({});
  });

  it('caps free text at the backend limits', () => {
    expect(auditFilters({ target: 'x'.repeat(300) }).target).toHaveLength(200);
    expect(auditFilters({ actor: 'u'.repeat(300) }).actor).toHaveLength(256);
  });

  it('compares and detects filters', () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ outcome: 'failed' })).toBe(true);
    expect(sameFilters({ actor: 'a' }, { actor: 'a' })).toBe(true);
    expect(sameFilters({ actor: 'a' }, { actor: 'a', action: 'member.removed' })).toBe(false);
  });
});

describe('datetime-local conversion', () => {
  it('reads a local date-time as the instant it names and shows it back the same', () => {
    const iso = fromLocalInput('2026-03-01T10:30');
    expect(iso).toBe(new Date(2026, 2, 1, 10, 30).toISOString());
    expect(toLocalInput(iso)).toBe('2026-03-01T10:30');
  });

  it('gives nothing for empty or malformed values', () => {
    expect(fromLocalInput('')).toBe('');
    expect(fromLocalInput('2026-03-01')).toBe('');
    expect(toLocalInput(undefined)).toBe('');
    expect(toLocalInput('not a date')).toBe('');
  });
});
