import { extractBearerToken } from './bearer-token.js';

const req = (authorization?: string | string[]) => ({ headers: { authorization } }) as never;

/** The rule the scanner implements, as the regular expression it replaced. */
const REFERENCE = /^Bearer +([^\s]+) *$/i;

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('extractBearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc', 'abc'],
    ['BEARER  abc ', 'abc'],
    ['bEaReR abc  ', 'abc'],
  ])('reads %j', (header, token) => {
    expect(extractBearerToken(req(header))).toBe(token);
  });

  it.each([
    undefined,
    '',
    'Bearer',
    'Bearer ',
    'Bearer   ',
    'Basic abc',
    'Bearer a b',
    'abc',
    'Bearer\tabc',
    'Bearer abc\t',
    'Bearer abc\n',
    'Bearer\u00a0abc',
    'Bearer abc\u00a0',
    'Bearerabc',
    ' Bearer abc',
    'Bearez abc',
    'Bearer, abc',
    ['Bearer abc'],
  ])('finds no token in %j', (header) => {
    expect(extractBearerToken(req(header))).toBeUndefined();
  });

  it('accepts exactly what the reference regular expression accepts', () => {
    const next = random(20_261_128);
    const prefixes = ['Bearer', 'bearer', 'BEARER', 'BeArEr', 'Bearer\t', 'Bearerx', 'Bear', ''];
    const alphabet = ['a', 'Z', '0', '.', '-', '_', ' ', ' ', '\t', '\n', '\u00a0', '\u2028', 'é'];
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    for (let i = 0; i < 20_000; i += 1) {
      let header = pick(prefixes);
      const length = Math.floor(next() * 12);
      for (let j = 0; j < length; j += 1) header += pick(alphabet);
      expect([header, extractBearerToken(req(header))]).toEqual([
        header,
        REFERENCE.exec(header)?.[1],
      ]);
    }
  });

  it('reads a WorkOS-sized token unchanged', () => {
    const token = `${'h'.repeat(60)}.${'p'.repeat(480)}.${'s'.repeat(342)}`;
    expect(extractBearerToken(req(`Bearer ${token}`))).toBe(token);
  });
});
