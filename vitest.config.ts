import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources, not dist/, so a stale build never hides a change.
    alias: [
      { find: /^many-first\/(eslint-plugin|model-factory|mcp-server)$/, replacement: here('./$1/index.ts') },
      { find: /^@\/(.*)$/, replacement: here('./fixtures/app/src/$1') },
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
