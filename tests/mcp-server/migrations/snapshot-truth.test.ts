/**
 * The schema comparison against drizzle-kit on every fixture project, in each dialect: drizzle-kit's own
 * snapshot of the schema modules (imported at run time, as `drizzle-kit generate` would) must be in sync
 * with the static reading of the same files. Casing, pg schemas, composite keys, enums, checks and spread
 * column groups all pass through here.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDrizzleJson, generateMySQLDrizzleJson, generateSQLiteDrizzleJson } from 'drizzle-kit/api';
import { describe, expect, it } from 'vitest';
import { compareSchemaWithSnapshot } from '../../../mcp-server/migrations/index.js';
import { readSchema } from '../../../mcp-server/project/project-index.js';
import { REPO_ROOT } from '../server/projects.js';

const FIXTURES = [
  { dir: 'fixtures/app', casing: 'snake_case' },
  { dir: 'fixtures/flat-app', casing: 'snake_case' },
  { dir: 'fixtures/sqlite-app', casing: undefined },
  { dir: 'fixtures/mysql-app', casing: 'snake_case' },
  { dir: 'fixtures/schema-edge-cases', casing: 'camelCase' },
] as const;

/**
 * schema-edge-cases declares its pgEnums in db/enums.ts, which is not a schema file: drizzle-kit never sees
 * them, so its snapshot lacks them. Status names them, with the export that makes drizzle-kit add them.
 */
const EXPECTED: Record<string, string[]> = {
  'fixtures/schema-edge-cases': ['enum-added enum mood', 'enum-added enum priority'],
};

describe('compareSchemaWithSnapshot on drizzle-kit snapshots of the fixtures', () => {
  for (const fixture of FIXTURES) {
    it(`${fixture.dir} is in sync with drizzle-kit's snapshot of its own schema`, async () => {
      const schema = readSchema(join(REPO_ROOT, fixture.dir));
      expect(schema.tables.length).toBeGreaterThan(0);
      const modules: Record<string, unknown> = {};
      for (const file of schema.schemaFiles) {
        Object.assign(modules, await import(pathToFileURL(join(schema.root, file)).href));
      }
      const snapshot =
        schema.dialect === 'pg'
          ? generateDrizzleJson(modules, undefined, undefined, fixture.casing)
          : schema.dialect === 'sqlite'
            ? await generateSQLiteDrizzleJson(modules, undefined, fixture.casing)
            : await generateMySQLDrizzleJson(modules, undefined, fixture.casing);
      const changes = compareSchemaWithSnapshot(
        schema.dialect,
        schema.tables,
        snapshot as unknown as Record<string, unknown>,
      );
      expect(changes.map((change) => `${change.kind} ${change.detail.split(' (')[0]!}`)).toEqual(
        EXPECTED[fixture.dir] ?? [],
      );
      for (const change of changes) expect(change.detail).toContain('only when a schema file exports it');
    });
  }
});
