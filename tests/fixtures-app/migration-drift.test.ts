import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMigrationDrift, runDrizzleKit } from '../../fixtures/app/scripts/migration-drift';

// drizzle-kit runs as a child process with the repository's own binary: no network, no database.
describe('the committed migrations match the schema', () => {
  it('drizzle-kit check finds the migrations folder consistent', async () => {
    const { exitCode, output } = await runDrizzleKit(['check', '--config', 'drizzle.config.ts']);
    expect(output).toContain("Everything's fine");
    expect(exitCode).toBe(0);
  });

  it('drizzle-kit generate has nothing to add', async () => {
    const drift = await findMigrationDrift();
    expect(drift.pending).toEqual([]);
    expect(drift.clean).toBe(true);
    expect(drift.generateOutput).toContain('No schema changes');
  });

  describe('on an empty migrations folder', () => {
    let empty: string;
    beforeAll(async () => {
      empty = await mkdtemp(join(tmpdir(), 'many-first-no-migrations-'));
      await mkdir(join(empty, 'meta'));
      await writeFile(
        join(empty, 'meta', '_journal.json'),
        JSON.stringify({ version: '7', dialect: 'postgresql', entries: [] }),
      );
    });
    afterAll(() => rm(empty, { recursive: true, force: true }));

    it('reports the whole schema as drift (the check can fail)', async () => {
      const drift = await findMigrationDrift(empty);
      expect(drift.clean).toBe(false);
      expect(drift.pending).toHaveLength(1);
      expect(drift.pending[0]?.sql).toContain('CREATE TABLE "billing"."invoices"');
      expect(drift.pending[0]?.sql).toContain('"calories_per100g" integer NOT NULL');
    });
  });
});
