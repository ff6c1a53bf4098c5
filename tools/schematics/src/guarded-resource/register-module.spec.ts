import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addModuleImport } from './register-module.js';

const appModule = readFileSync(
  join(import.meta.dirname, '..', '..', '..', '..', 'backend', 'src', 'app.module.ts'),
  'utf8',
);

describe('addModuleImport', () => {
  it('adds the module to the array AppModule.forRoot returns, and its import', () => {
    const text = addModuleImport(
      appModule,
      'app.module.ts',
      'SpecOnlyModule',
      './spec-only/spec-only.module.js',
    );
    expect(text).toContain("import { SpecOnlyModule } from './spec-only/spec-only.module.js';");
    expect(text).toMatch(/\w+Module, SpecOnlyModule,?\n/);
    expect(
      text.replace(/, SpecOnlyModule/, '').replace(/\nimport \{ SpecOnlyModule \}[^\n]*/, ''),
    ).toBe(appModule);
  });

  it('does nothing when the module is already there', () => {
    const once = addModuleImport(appModule, 'app.module.ts', 'SpecOnlyModule', './r.js');
    expect(addModuleImport(once, 'app.module.ts', 'SpecOnlyModule', './r.js')).toBe(once);
  });

  it('falls back to @Module({ imports }) for a static root module', () => {
    const source =
      "import { Module } from '@nestjs/common';\n\n@Module({ imports: [] })\nexport class AppModule {}\n";
    expect(addModuleImport(source, 'a.ts', 'NotesModule', './notes/notes.module.js')).toBe(
      "import { Module } from '@nestjs/common';\nimport { NotesModule } from './notes/notes.module.js';\n\n@Module({ imports: [NotesModule] })\nexport class AppModule {}\n",
    );
  });

  it('says so when there is no imports array', () => {
    expect(() => addModuleImport('export class AppModule {}\n', 'a.ts', 'X', './x.js')).toThrow(
      'found no module imports array',
    );
  });
});
