// lowdb 7 is ES-modules only, so the tests run as ES modules (see package.json "jest").
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFiles: ['<rootDir>/test/support/env.ts'],
  testTimeout: 30000,
  // Jest's default (one worker fewer than the cores) runs every file in one process on a 2-core machine; most files
  // start a bot and wait on HTTP, so two workers there finish the suite about a fifth sooner even on a busy machine.
  // A worker that has grown past the limit (each ES-module test file loads the SDKs afresh) is replaced between files.
  maxWorkers: '100%',
  workerIdleMemoryLimit: '768MB',
};
