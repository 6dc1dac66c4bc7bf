/** Jest in ESM mode: @actions/core 3, @actions/github 9 and jose 6 are ESM-only. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/actions', '<rootDir>/test'],
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    // Tests use the emulator's TypeScript source; its dist/ is only for the CLI.
    '^@augeo/emulator$': '<rootDir>/packages/emulator/src/index.ts',
    '^@augeo/emulator/(.*)$': '<rootDir>/packages/emulator/src/$1.ts',
    // Likewise the template evaluator the emulator compiles against: its dist/ is only for the emulator's CLI.
    '^@augeo/arm-template/(.*)$': '<rootDir>/packages/arm-template/src/$1.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: { ignoreCodes: [151002] } },
    ],
  },
  testTimeout: 60000,
};
