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
      'fixtures/violations/',
      'fixtures/app/drizzle/',
      'fixtures/app/next-env.d.ts',
    ],
  },
  tseslint.configs.recommended,
  {
    files: ['eslint-plugin/rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
