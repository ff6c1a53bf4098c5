import { nodeJestConfig } from '../jest/node-preset.mjs';

// The end-to-end spec type-checks, lints and runs a generated resource: give it room on a busy machine.
export default nodeJestConfig({ displayName: 'schematics', testTimeout: 180_000 });
