import { satisfies } from './authorization.guard.js';
import { Roles } from './decorators/access.decorators.js';

describe('access rules', () => {
  it('anyOf needs one value, allOf needs every value', () => {
    expect(satisfies({ anyOf: ['a', 'b'] }, ['b'])).toBe(true);
    expect(satisfies({ anyOf: ['a', 'b'] }, [])).toBe(false);
    expect(satisfies({ allOf: ['a', 'b'] }, ['a'])).toBe(false);
    expect(satisfies({ allOf: ['a', 'b'] }, ['b', 'a', 'c'])).toBe(true);
  });

  it('refuses an empty or ambiguous rule when the decorator is applied', () => {
    class Target {}
    expect(() => Roles({ anyOf: [] })(Target)).toThrow(TypeError);
    expect(() => Roles({ anyOf: ['a'], allOf: ['b'] } as never)(Target)).toThrow(TypeError);
    expect(() => Roles()(Target)).toThrow(TypeError);
    expect(() => Roles({ allOf: ['a'] })(Target)).not.toThrow();
  });
});
