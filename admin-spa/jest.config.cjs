// Jest for the admin SPA: jest-preset-angular in CommonJS mode, zoneless (no zone.js), jsdom.
const { createCjsPreset } = require('jest-preset-angular/presets');

/** @type {import('jest').Config} */
module.exports = {
  ...createCjsPreset({
    tsconfig: '<rootDir>/tsconfig.spec.json',
    testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  }),
  testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  restoreMocks: true,
  // The first test of a file compiles its components; on two loaded cores that can pass 5 s.
  testTimeout: 20_000,
};
