// Copies the schematics' template folders (src/*/files/) next to the compiled factories in dist/,
// where `url('./files')` looks for them.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
for (const schematic of readdirSync(join(root, 'src'))) {
  const files = join(root, 'src', schematic, 'files');
  if (existsSync(files)) cpSync(files, join(root, 'dist', schematic, 'files'), { recursive: true });
}
