#!/usr/bin/env node
/**
 * `npm run generate -- <schematic> [name] [--options]`: runs a schematic of this collection with the
 * Angular Devkit schematics CLI (the engine `nest g` uses too), without prompts: every option
 * comes from the command line.
 */
import { main } from '@angular-devkit/schematics-cli/bin/schematics.js';

const [schematic, ...rest] = process.argv.slice(2);
if (!schematic || schematic.startsWith('-')) {
  console.error(
    'usage: npm run generate -- guarded-resource <name> --permissions <a,b> [--roles <x,y>] [--spa] [--dry-run]',
  );
  process.exit(1);
}
process.exitCode = await main({
  args: [`@gatehouse/schematics:${schematic}`, '--no-interactive', ...rest],
});
