import { impersonatorOf } from './impersonator.js';

describe('impersonatorOf', () => {
  it("takes WorkOS's impersonator (email and reason) from the authenticate response", () => {
    expect(
      impersonatorOf(
        { email: 'sam@example.com', reason: 'Ticket 42' },
        { actor: 'sam@example.com' },
      ),
    ).toEqual({ email: 'sam@example.com', reason: 'Ticket 42' });
    expect(impersonatorOf({ email: 'sam@example.com', reason: null }, { actor: null })).toEqual({
      email: 'sam@example.com',
      reason: null,
    });
  });

  it('falls back to the access token act claim without a reason; null for an ordinary sign-in', () => {
    expect(impersonatorOf(undefined, { actor: 'sam@example.com' })).toEqual({
      email: 'sam@example.com',
      reason: null,
    });
    expect(impersonatorOf(undefined, { actor: null })).toBeNull();
    expect(impersonatorOf({ email: '' }, { actor: null })).toBeNull();
  });

  it('keeps at most 500 characters of the reason', () => {
    const long = impersonatorOf(
      { email: 'sam@example.com', reason: 'r'.repeat(2000) },
      { actor: null },
    );
    expect(long?.reason).toHaveLength(500);
  });
});
