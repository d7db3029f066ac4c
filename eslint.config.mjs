// ESLint for the whole tree: typescript-eslint's strict and stylistic type-checked rules on every TypeScript file
// (each found by tsconfig.json through the project service, wherever it moves), the plain recommended rules on
// the JavaScript scripts, and eslint-config-prettier last, so that layout is Prettier's alone.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // What the build and the tests write, and what is generated (a test checks the catalog is up to date).
  { ignores: ['build/**', 'lambda/dist/**', 'coverage/**', 'test_output/**', '.data/**', '**/content/catalog.ts'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers read as people expect in a message, a log line or a content key ("part 2", "port 3000"); any
      // other value must be made a string on purpose.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // One-line callbacks that hand back what a void call returns, such as `(done) => server.close(done)`,
      // are how Node's callback APIs are used here; a void value used anywhere else is still an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Off: ask-sdk-model's request types, and the JSON the skill reads, promise fields that a forged, corrupt
      // or future request leaves out. The skill checks for them anyway (tests/unit/properties.test.ts and
      // forged.test.ts send such requests, and the handler must never throw), and this rule would have those
      // checks removed as "unnecessary".
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // As tsc's noUnusedParameters has it: a parameter named with a leading underscore is unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Off: an async function that awaits nothing still turns a throw into a rejection, which the interfaces
      // implemented here (ask-sdk's PersistenceAdapter, the certificate fetcher, jest mocks) rely on.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read JSON they wrote themselves or that the build generated (interaction models, the stack, the
    // bundle's metafile), and a wrong shape fails the test that reads it. The skill, the tools and the scripts
    // check every piece of JSON they read (lambda/src/json.ts), so these rules stay on there.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
  prettier,
);
