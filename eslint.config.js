// Lints many-first's own sources. The plugin's rules are exercised on fixtures/ by the test suite.
import { defineConfig } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'dist/',
      'coverage/',
      'node_modules/',
      'bench/.out/',
      // Mutation testing's sandbox and reports (stryker.config.mjs).
      '.stryker/',
      'fixtures/violations/',
      // Deliberately pathological project code for the analysis budgets (issue 14), not code we maintain.
      'fixtures/hostile/',
      // Linted by the tests with its own eslint.config.mjs (as `many-first init` writes it). ESLint 10 looks
      // a config up per file, so from here it would load that one, which imports the built package.
      'fixtures/flat-app/',
      'fixtures/flat-app-violations/',
      'fixtures/app/drizzle/',
      'fixtures/app/next-env.d.ts',
    ],
  },
  tseslint.configs.recommended,
  {
    files: ['eslint-plugin/rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
    rules: {
      // Both ways: a fixer needs `meta.fixable`, and `meta.fixable` needs a fixer (ours mostly suggest).
      'eslint-plugin/require-meta-fixable': ['error', { catchNoFixerButFixableProperty: true }],
    },
  },
  {
    // The plugin must load where ESLint is absent (oxlint's JS plugins): @typescript-eslint/utils' main entry
    // requires 'eslint' at load, so only its types are imported; values come from @typescript-eslint/types,
    // /scope-manager or utils' ESLint-free subpaths.
    files: ['eslint-plugin/**/*.ts', 'conventions/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@typescript-eslint/utils',
              allowTypeImports: true,
              message: "it requires 'eslint' at load: import values from @typescript-eslint/types instead",
            },
          ],
        },
      ],
    },
  },
  {
    // The rule suites read as specifications: every case named, names unique, errors located.
    files: ['tests/eslint-plugin/rules/**/*.test.ts'],
    extends: [eslintPlugin.configs.tests],
    rules: {
      // Every case named, so a failure reads as the behaviour it specifies (the config's default asks only
      // cases with options to be named).
      'eslint-plugin/require-test-case-name': ['error', { require: 'always' }],
      'eslint-plugin/test-case-shorthand-strings': ['error', 'never'],
      // The name leads, so each case reads as a sentence of the specification before its code.
      'eslint-plugin/test-case-property-ordering': [
        'error',
        ['name', 'filename', 'options', 'settings', 'languageOptions', 'code', 'output', 'errors'],
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
