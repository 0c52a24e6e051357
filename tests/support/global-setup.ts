/**
 * One scratch folder per `vitest run`, shared by every worker: the tests of the built package build it
 * there once (see built-package.ts) instead of once per file. Removed when the run ends.
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { stopPostgresCluster } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder private to this test run, for what its workers share. */
    runScratch: string;
  }
}

export default function setup(project: TestProject): () => void {
  const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'many-first-test-run-')));
  project.provide('runScratch', scratch);
  return () => {
    // The PostgreSQL cluster a worker may have started for this run (tests/model-factory/postgres-drivers.ts).
    const postgres = join(scratch, 'postgres.json');
    if (existsSync(postgres))
      stopPostgresCluster((JSON.parse(readFileSync(postgres, 'utf8')) as { dir: string }).dir);
    rmSync(scratch, { recursive: true, force: true });
  };
}
