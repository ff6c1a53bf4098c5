import { extractBearerToken } from './bearer-token.js';

const req = (authorization?: string | string[]) => ({ headers: { authorization } }) as never;

describe('extractBearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc', 'abc'],
    ['BEARER  abc ', 'abc'],
  ])('reads %j', (header, token) => {
    expect(extractBearerToken(req(header))).toBe(token);
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic abc', 'Bearer a b', 'abc', 'Bearer\tabc'])(
    'finds no token in %j',
    (header) => {
      expect(extractBearerToken(req(header))).toBeUndefined();
    },
  );
});
