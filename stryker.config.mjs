// Mutation testing (issue 16): `npm run mutation -- <source files>` (tests/mutation/run.ts) passes
// `mutate`, the suites (vitest.mutation.config.ts) and `incrementalFile` per source file, so each file is measured by its own tests only.
// Too slow for .ci/run; see the contributing section of README.md for when to run it.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  coverageAnalysis: 'perTest',
  // With bail on, vitest 4.1 stalls after a failing test until Stryker's timeout: kills would read as timeouts.
  disableBail: true,
  // A busy machine stretches a run well past Stryker's default 5 s margin; a timed-out runner costs a restart.
  timeoutMS: 20000,
  // The machine running it is usually shared; one worker keeps the rest usable.
  concurrency: 1,
  incremental: true,
  tempDirName: '.stryker/tmp',
  cleanTempDir: 'always',
  reporters: ['progress', 'clear-text', 'json'],
  jsonReporter: { fileName: '.stryker/report.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: false },
  // The sandbox holds only what the rules, the model factory and their tests need (node_modules is linked).
  ignorePatterns: [
    '/*',
    '!/conventions',
    '!/docs',
    '!/eslint-plugin',
    '!/model-factory',
    '!/tests',
    '!/package.json',
    '!/tsconfig.base.json',
    '!/tsconfig.json',
    '!/tsconfig.mutation.json',
    '!/vitest.config.ts',
    '!/vitest.mutation.config.ts',
  ],
  thresholds: { high: 90, low: 80, break: null },
};
