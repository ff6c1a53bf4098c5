/**
 * Shared Jest settings for Gatehouse's Node packages (ESM TypeScript).
 *
 * Jest runs in native ESM mode (the package script sets `--experimental-vm-modules`), @swc/jest
 * strips types and keeps decorator metadata for NestJS. swc does not type-check: every package has a
 * separate `typecheck` target.
 *
 * @param {{ displayName: string, testTimeout?: number }} options
 * @returns {import('jest').Config}
 */
export function nodeJestConfig({ displayName, testTimeout = 15_000 }) {
  return {
    displayName,
    testEnvironment: 'node',
    roots: ['<rootDir>/src', '<rootDir>/test'],
    testMatch: ['**/*.spec.ts'],
    extensionsToTreatAsEsm: ['.ts'],
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: {
            target: 'es2023',
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            keepClassNames: true,
          },
          module: { type: 'es6' },
          sourceMaps: 'inline',
        },
      ],
    },
    testTimeout,
    // Servers started by a suite are closed by the suite. When a failed test leaves one open (an
    // app it could not close), Jest would wait for it forever: it exits instead, after reporting.
    forceExit: true,
  };
}
