import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const flatApp = here('./fixtures/flat-app/');
const flatAppTests = here('./tests/flat-app/');

/**
 * `@/…` is each fixture app's own tsconfig path: `src/…` in fixtures/app, the app's root in
 * fixtures/flat-app (a layout without src/). Which one depends on the importing file, which an alias
 * cannot see: the flat app and its tests get their root, everything else fixtures/app's src/.
 */
function fixtureAppPaths(): Plugin {
  return {
    name: 'fixture-app-paths',
    enforce: 'pre',
    resolveId(source, importer, options) {
      if (!source.startsWith('@/')) return null;
      const fromFlatApp = importer?.startsWith(flatApp) || importer?.startsWith(flatAppTests);
      const base = fromFlatApp ? flatApp : here('./fixtures/app/src/');
      return this.resolve(base + source.slice(2), importer, { ...options, skipSelf: true });
    },
  };
}

export default defineConfig({
  plugins: [fixtureAppPaths()],
  resolve: {
    // Tests run against the sources, not dist/, so a stale build never hides a change.
    alias: [
      {
        find: /^many-first\/(eslint-plugin|model-factory|mcp-server|test-factory)$/,
        replacement: here('./$1/index.ts'),
      },
    ],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: [here('./tests/setup.ts')],
    globalSetup: [here('./tests/support/global-setup.ts')],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
