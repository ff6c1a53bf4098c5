import { nodeJestConfig } from '../jest/node-preset.mjs';

export default { ...nodeJestConfig({ displayName: 'gatehouse' }), roots: ['<rootDir>/test'] };
