import { nodeEslintConfig } from '../tools/eslint/node.mjs';

export default nodeEslintConfig(import.meta.dirname);
