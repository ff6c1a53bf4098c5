import { join } from 'node:path';

import { CliUsageError, parseCliOptions } from './cli-options.js';

const root = '/repo';
const ids = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6'];
const parse = (argv: string[]) => parseCliOptions(argv, root, ids);

describe('parseCliOptions', () => {
  it('writes docs/benchmarks.md in a full run and nothing in a smoke run by default', () => {
    expect(parse([])).toEqual({
      smoke: false,
      verbose: false,
      outFile: join(root, 'docs', 'benchmarks.md'),
      only: undefined,
    });
    expect(parse(['--smoke']).outFile).toBeUndefined();
  });

  it('takes --out (relative to the working directory), --no-write and --verbose', () => {
    expect(parse(['--smoke', '--out', '/tmp/x.md']).outFile).toBe('/tmp/x.md');
    expect(parse(['--out', 'x.md']).outFile).toBe(join(process.cwd(), 'x.md'));
    expect(parse(['--no-write', '--verbose'])).toMatchObject({
      outFile: undefined,
      verbose: true,
    });
  });

  it('takes --only as comma-separated ids in any case, and then writes only with --out', () => {
    expect(parse(['--only', 'B6'])).toMatchObject({ only: ['B6'], outFile: undefined });
    expect(parse(['--only', 'b1, B4,b1']).only).toEqual(['B1', 'B4']);
    expect(parse(['--only', 'B6', '--out', '/tmp/b6.md']).outFile).toBe('/tmp/b6.md');
    expect(parse(['--smoke', '--only', 'B6']).only).toEqual(['B6']);
  });

  it('refuses unknown flags, unknown ids and flags without their value', () => {
    expect(() => parse(['--fast'])).toThrow(CliUsageError);
    expect(() => parse(['--out'])).toThrow('--out needs a file');
    expect(() => parse(['--out', '--smoke'])).toThrow(CliUsageError);
    expect(() => parse(['--only'])).toThrow('--only needs benchmark ids');
    expect(() => parse(['--only', 'B7'])).toThrow('unknown: B7');
    expect(() => parse(['--only', ','])).toThrow(CliUsageError);
  });
});
