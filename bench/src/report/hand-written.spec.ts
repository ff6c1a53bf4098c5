import { HAND_WRITTEN_MARKER, withHandWritten } from './hand-written.js';

describe('withHandWritten', () => {
  const generated = '# Benchmarks\n\n| id | value |\n| B1 | 0.95x |\n';

  it('keeps the hand-written part of the file it replaces, after the new figures', () => {
    const old = `# Benchmarks\n\n| B1 | 0.80x |\n\n${HAND_WRITTEN_MARKER}\n\n## Where the time goes\n\ntext\n`;
    const written = withHandWritten(generated, old);
    expect(written).toBe(
      `# Benchmarks\n\n| id | value |\n| B1 | 0.95x |\n\n${HAND_WRITTEN_MARKER}\n\n## Where the time goes\n\ntext\n`,
    );
    expect(written).not.toContain('0.80x');
    // Stable: a second run writes the same file.
    expect(withHandWritten(generated, written)).toBe(written);
  });

  it('writes only the generated part when there is no file or no hand-written part', () => {
    expect(withHandWritten(generated, undefined)).toBe(generated);
    expect(withHandWritten(generated, '# Benchmarks\n\nold figures\n')).toBe(generated);
  });
});
