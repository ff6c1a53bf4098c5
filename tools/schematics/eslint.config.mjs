import { nodeEslintConfig } from '../eslint/node.mjs';

export default nodeEslintConfig(import.meta.dirname);
