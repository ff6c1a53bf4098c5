import { join } from 'node:path';

import { CliUsageError, parseCliOptions } from './cli-options.js';

const root = '/repo';

describe('parseCliOptions', () => {
  it('writes docs/benchmarks.md in a full run and nothing in a smoke run by default', () => {
    expect(parseCliOptions([], root)).toEqual({
      smoke: false,
      verbose: false,
      outFile: join(root, 'docs', 'benchmarks.md'),
    });
    expect(parseCliOptions(['--smoke'], root).outFile).toBeUndefined();
  });

  it('takes --out (relative to the working directory), --no-write and --verbose', () => {
    expect(parseCliOptions(['--smoke', '--out', '/tmp/x.md'], root).outFile).toBe('/tmp/x.md');
    expect(parseCliOptions(['--out', 'x.md'], root).outFile).toBe(join(process.cwd(), 'x.md'));
    expect(parseCliOptions(['--no-write', '--verbose'], root)).toMatchObject({
      outFile: undefined,
      verbose: true,
    });
  });

  it('refuses unknown flags and --out without a file', () => {
    expect(() => parseCliOptions(['--fast'], root)).toThrow(CliUsageError);
    expect(() => parseCliOptions(['--out'], root)).toThrow('--out needs a file');
    expect(() => parseCliOptions(['--out', '--smoke'], root)).toThrow(CliUsageError);
  });
});
