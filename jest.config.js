/** Two projects: TypeScript unit tests through ts-jest, and bespoken YAML conversations through skill-testing-ml. */
// virtual-alexa (used by the conversation tests and the simulator) loads aws-sdk v2, which prints an
// end-of-support notice; the skill does not use it. Set before jest starts its workers, which inherit it.
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
module.exports = {
  projects: [
    {
      displayName: 'unit',
      preset: 'ts-jest',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
    },
    {
      displayName: 'conversations',
      testRunner: '<rootDir>/node_modules/skill-testing-ml/dist/lib/runner/JestAdapter.js',
      testMatch: ['<rootDir>/tests/conversations/**/*.test.yml'],
      moduleFileExtensions: ['yml', 'js', 'json'],
    },
  ],
};
