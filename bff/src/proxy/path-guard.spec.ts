import { checkRequestTarget } from './path-guard.js';

describe('checkRequestTarget', () => {
  it.each(['/api/admin/me', '/api/users/42?x=../../y&z=%2f', '/api/a.b/c-d_e~f', '/api/'])(
    'accepts %s',
    (t) => {
      expect(checkRequestTarget(t)).toBeUndefined();
    },
  );

  it.each([
    ['/api/../admin', 'dot_segment'],
    ['/api/x/..', 'dot_segment'],
    ['/api/./admin', 'dot_segment'],
    ['/api/%2e%2e/admin', 'encoded_dot'],
    ['/api/%2E%2E/admin', 'encoded_dot'],
    ['/api/.%2e/admin', 'encoded_dot'],
    ['/api/%2fadmin', 'encoded_separator'],
    ['/api/%2Fadmin', 'encoded_separator'],
    ['/api/..%5cadmin', 'backslash'],
    ['/api/\\admin', 'backslash'],
    ['/api//admin', 'empty_segment'],
    ['//evil.com/api/x', 'empty_segment'],
    ['/api;/admin', 'matrix_parameter'],
    ['/api/x;jsessionid=1', 'matrix_parameter'],
    ['/api/x%00', 'control_character'],
    ['/api/x\u0000', 'control_character'],
    ['/api/x%0d%0a', 'control_character'],
    ['/api/%252e%252e/admin', 'double_encoding'],
    ['http://evil.com/api/x', 'absolute_form'],
    ['*', 'absolute_form'],
  ])('rejects %j as %s', (target, why) => {
    expect(checkRequestTarget(target)).toBe(why);
  });
});
