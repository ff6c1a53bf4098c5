import { opaqueToken, prefixedId, ulid } from './ids.js';

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
