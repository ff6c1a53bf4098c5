import type { Rule, Tree } from '@angular-devkit/schematics';
import { format, type Options } from 'prettier';

/** The repository's Prettier options (`.prettierrc.json` at the tree root), overrides aside. */
export function prettierOptions(tree: Tree): Options {
  const raw = tree.read('.prettierrc.json');
  if (!raw) return {};
  const { overrides: _overrides, ...options } = JSON.parse(raw.toString('utf8')) as Options & {
    overrides?: unknown;
  };
  return options;
}

/** Formats TypeScript text as the repository's `prettier --check` expects it. */
export async function formatTypeScript(tree: Tree, path: string, text: string): Promise<string> {
  return format(text, { ...prettierOptions(tree), filepath: path });
}

/** Rewrites each of `paths` (when present) through Prettier, so the lint target passes as generated. */
export function formatFiles(paths: readonly string[]): Rule {
  return async (tree) => {
    for (const path of paths) {
      const text = tree.read(path)?.toString('utf8');
      if (text !== undefined) tree.overwrite(path, await formatTypeScript(tree, path, text));
    }
  };
}
