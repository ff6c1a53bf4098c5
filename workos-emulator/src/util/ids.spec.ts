import { IdFactory, opaqueToken, prefixedId, stableId, ulid } from './ids.js';

describe('ids', () => {
  it('makes 26-character Crockford ULIDs whose prefix encodes the time', () => {
    const id = ulid(0);
    expect(id).toMatch(/^0000000000[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(ulid(Date.UTC(2025, 0, 1))).toMatch(/^01JGF/);
    expect(ulid(1) < ulid(2)).toBe(true);
  });

  it('prefixes ids and makes unguessable opaque tokens', () => {
    expect(prefixedId('session')).toMatch(/^session_[0-9A-Z]{26}$/);
    const tokens = new Set(Array.from({ length: 50 }, () => opaqueToken()));
    expect(tokens.size).toBe(50);
    expect(opaqueToken(24)).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

describe('stableId / IdFactory', () => {
  it('derives the same id from the same time and key', () => {
    const a = stableId('om', Date.UTC(2025, 0, 1), 'user_1|org_1');
    expect(a).toMatch(/^om_01JGF[0-9A-HJKMNP-TV-Z]{21}$/);
    expect(stableId('om', Date.UTC(2025, 0, 1), 'user_1|org_1')).toBe(a);
    expect(stableId('om', Date.UTC(2025, 0, 1), 'user_2|org_1')).not.toBe(a);
  });

  it('makes ids that sort in creation order, within a millisecond and when the clock goes back', () => {
    const ids = new IdFactory();
    const made = [
      ids.next('event', 1000),
      ids.next('event', 1000),
      ids.next('event', 1000),
      ids.next('event', 999),
      ids.next('event', 1001),
    ];
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });
});
