import { constantTimeEqual } from './constant-time.js';

describe('constantTimeEqual', () => {
  it('is true only for the same string', () => {
    expect(constantTimeEqual('a'.repeat(43), 'a'.repeat(43))).toBe(true);
    expect(constantTimeEqual('a'.repeat(43), `${'a'.repeat(42)}b`)).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });

  it('is false (never a throw) for different lengths, also equal in UTF-16 units but not in bytes', () => {
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('é', 'e')).toBe(false);
    expect(constantTimeEqual('\u00e9', 'e\u0301')).toBe(false);
  });
});
