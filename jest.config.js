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
      // @aws-lite/dynamodb is an ES module (index.mjs), which Jest on Node 20 cannot require: ts-jest
      // compiles it to CommonJS, as esbuild does for the bundle.
      transform: {
        '^.+\\.tsx?$': 'ts-jest',
        '^.+\\.mjs$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', esModuleInterop: true }, diagnostics: false }],
      },
      transformIgnorePatterns: ['/node_modules/(?!@aws-lite/dynamodb/)'],
    },
    {
      displayName: 'conversations',
      testRunner: '<rootDir>/node_modules/skill-testing-ml/dist/lib/runner/JestAdapter.js',
      testMatch: ['<rootDir>/tests/conversations/**/*.test.yml'],
      moduleFileExtensions: ['yml', 'js', 'json'],
    },
  ],
};
