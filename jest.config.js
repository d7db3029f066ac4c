/**
 * The TypeScript tests, through ts-jest. The bespoken YAML conversations in tests/conversations are not run here:
 * `npm test` runs them once, after jest, with `bst test` (testing.json), and tests/unit/bespoken.test.ts checks
 * that bst's exit code tells the truth.
 */
// virtual-alexa (used by the simulator and its tests) loads aws-sdk v2, which prints an end-of-support notice;
// the skill does not use it. Set before jest starts its workers, which inherit it.
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
module.exports = {
  projects: [
    {
      displayName: 'unit',
      preset: 'ts-jest',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      // One folder per run for fixtures made once per run, such as the test PKI (tests/helpers/certificates.ts).
      globalSetup: '<rootDir>/tests/helpers/globalSetup.ts',
      globalTeardown: '<rootDir>/tests/helpers/globalTeardown.ts',
    },
  ],
};
