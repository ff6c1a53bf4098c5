import { nodeJestConfig } from '../tools/jest/node-preset.mjs';

// The smoke run starts real servers and drives every benchmark once with tiny numbers.
export default nodeJestConfig({ displayName: 'bench', testTimeout: 90_000 });
