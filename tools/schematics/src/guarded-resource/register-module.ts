import { SchematicsException } from '@angular-devkit/schematics';
import ts from 'typescript';

/**
 * Adds `moduleClass` to the root module's imports: the `imports` array that `AppModule.forRoot`
 * returns (this backend's root module is dynamic), else the one of `@Module({ imports })`. Adds
 * the import declaration after the last one. Formatting is left to Prettier.
 */
export function addModuleImport(
  source: string,
  fileName: string,
  moduleClass: string,
  specifier: string,
): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const imports = findImportsArray(file);
  if (!imports) {
    throw new SchematicsException(
      `${fileName}: found no module imports array to add ${moduleClass} to`,
    );
  }
  if (imports.elements.some((e) => ts.isIdentifier(e) && e.text === moduleClass)) return source;

  const edits: { at: number; text: string }[] = [];
  const last = imports.elements[imports.elements.length - 1];
  edits.push(
    last
      ? { at: last.getEnd(), text: `, ${moduleClass}` }
      : { at: imports.getStart() + 1, text: moduleClass },
  );
  const lastImport = file.statements.filter(ts.isImportDeclaration).pop();
  const declaration = `import { ${moduleClass} } from '${specifier}';`;
  edits.push(
    lastImport
      ? { at: lastImport.getEnd(), text: `\n${declaration}` }
      : { at: 0, text: `${declaration}\n` },
  );
  return edits
    .sort((a, b) => b.at - a.at)
    .reduce((text, edit) => text.slice(0, edit.at) + edit.text + text.slice(edit.at), source);
}

function findImportsArray(file: ts.SourceFile): ts.ArrayLiteralExpression | undefined {
  let forRoot: ts.ArrayLiteralExpression | undefined;
  let decorator: ts.ArrayLiteralExpression | undefined;
  const visit = (node: ts.Node, inForRoot: boolean, inModuleDecorator: boolean): void => {
    if (ts.isPropertyAssignment(node) && propertyName(node) === 'imports') {
      if (ts.isArrayLiteralExpression(node.initializer)) {
        if (inForRoot) forRoot ??= node.initializer;
        else if (inModuleDecorator) decorator ??= node.initializer;
      }
    }
    const entersForRoot =
      ts.isMethodDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'forRoot';
    const entersDecorator =
      ts.isDecorator(node) &&
      ts.isCallExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'Module';
    node.forEachChild((child) =>
      visit(child, inForRoot || entersForRoot, inModuleDecorator || entersDecorator),
    );
  };
  visit(file, false, false);
  return forRoot ?? decorator;
}

function propertyName(node: ts.PropertyAssignment): string | undefined {
  return ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : undefined;
}
