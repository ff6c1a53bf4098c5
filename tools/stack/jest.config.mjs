import { nodeJestConfig } from '../jest/node-preset.mjs';

export default { ...nodeJestConfig({ displayName: 'stack' }), roots: ['<rootDir>/src'] };
