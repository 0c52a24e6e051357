import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suites a mutation run measures a file by (tests/mutation/run.ts sets them). Stryker's own
 * `testFiles` option would do, but with it Stryker 9 never activates static mutants (module-level code such
 * as a rule's meta), so every one of them would survive.
 */
const suites = (process.env.MANY_FIRST_MUTATION_SUITES ?? '').split(',').filter((suite) => suite !== '');
if (suites.length === 0)
  throw new Error('MANY_FIRST_MUTATION_SUITES names no test files: run `npm run mutation`');

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: suites,
    // The model-factory suites run on the in-process databases only (tests/model-factory/in-process.ts).
    env: { ...base.test?.env, MANY_FIRST_TEST_DATABASES: 'in-process' },
  },
});
