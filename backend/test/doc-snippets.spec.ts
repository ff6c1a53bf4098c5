// Doc snippets are the code: a ```ts block whose first line is `// backend/<path>` is a file the
// reader copies, and it must be, byte for byte, the fixture at test/fixtures/by-hand/<path>, which
// this package compiles, lints and tests (test/fixtures/by-hand/README.md).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const backendDir = join(import.meta.dirname, '..');
const repoRoot = join(backendDir, '..');
const byHandDir = join(backendDir, 'test', 'fixtures', 'by-hand');
/** Fixture files that only make the mirror work; no doc shows them. */
const MIRROR_SHIMS = ['src/auth/index.ts', 'test/kit/index.ts'];

interface FileBlock {
  /** The doc, relative to the repository root. */
  readonly doc: string;
  /** Where the reader puts the file, relative to `backend/`. */
  readonly path: string;
  readonly code: string;
}

/** Every Markdown file a developer reads for code to copy. */
function docsWithCode(): string[] {
  const docs = readdirSync(join(repoRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name));
  return ['README.md', join('backend', 'README.md'), ...docs];
}

function fileBlocks(doc: string): FileBlock[] {
  const text = readFileSync(join(repoRoot, doc), 'utf8');
  const blocks: FileBlock[] = [];
  for (const match of text.matchAll(/^```ts\n\/\/ backend\/(\S+\.ts)\n([\s\S]*?)^```$/gm)) {
    blocks.push({ doc, path: match[1] ?? '', code: match[2] ?? '' });
  }
  return blocks;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

const blocks = docsWithCode().flatMap(fileBlocks);

describe('doc snippets are the tested fixtures', () => {
  it('finds the by-hand path of docs/adding-a-protected-route.md', () => {
    const guide = blocks.filter((b) => b.doc === join('docs', 'adding-a-protected-route.md'));
    expect(guide.map((b) => b.path)).toEqual([
      'src/projects/projects.service.ts',
      'src/projects/projects.dto.ts',
      'src/projects/projects.controller.ts',
      'src/projects/projects.module.ts',
      'test/projects.e2e.spec.ts',
    ]);
  });

  it.each(blocks.map((b) => [`${b.doc}: backend/${b.path}`, b] as const))(
    '%s is identical to its fixture',
    (_name, block) => {
      const fixture = readFileSync(join(byHandDir, block.path), 'utf8');
      expect(block.code).toBe(fixture);
    },
  );

  it('shows every fixture file in a doc, so none is tested without being documented', () => {
    const shown = new Set(blocks.map((b) => b.path));
    const fixtures = filesUnder(byHandDir).filter((path) => !MIRROR_SHIMS.includes(path));
    expect(fixtures.filter((path) => !shown.has(path))).toEqual([]);
  });
});
