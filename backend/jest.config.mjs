import { nodeJestConfig } from '../tools/jest/node-preset.mjs';

export default nodeJestConfig({ displayName: 'backend' });
