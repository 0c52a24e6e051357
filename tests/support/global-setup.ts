/**
 * One scratch folder per `vitest run`, shared by every worker: the tests of the built package build it
 * there once (see built-package.ts) instead of once per file. Removed when the run ends.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder private to this test run, for what its workers share. */
    runScratch: string;
  }
}

export default function setup(project: TestProject): () => void {
  const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'many-first-test-run-')));
  project.provide('runScratch', scratch);
  return () => rmSync(scratch, { recursive: true, force: true });
}
