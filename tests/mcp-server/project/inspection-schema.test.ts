/**
 * The inspection model is its zod schema (project/model.ts), and the tools' outputSchema.parse strips any
 * key the schema lacks. So every fixture app's whole inspection, findings and usages included, must come
 * back from the schema unchanged: a derivation that emits a field the schema does not know fails here
 * instead of vanishing from MCP answers.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectionSchema, tableSchema, usageSchema } from '../../../mcp-server/project/model.js';
import { closeProject, openProject } from '../../../mcp-server/project/project-index.js';

const fixtureApps = ['app', 'flat-app', 'sqlite-app', 'mysql-app', 'schema-edge-cases', 'violations'];
const rootOf = (app: string) => fileURLToPath(new URL(`../../../fixtures/${app}`, import.meta.url));

afterAll(() => {
  for (const app of fixtureApps) closeProject(rootOf(app));
});

describe('the inspection model cannot drift from its schema', () => {
  it.each(fixtureApps)('fixtures/%s: the schema keeps every field the analysis emits', async (app) => {
    const index = await openProject(rootOf(app));
    await index.checkConventions();
    const inspection = index.inspection;
    expect(inspection.tables.length + inspection.actions.length).toBeGreaterThan(0);
    expect(inspectionSchema.parse(inspection)).toEqual(inspection);
    for (const table of inspection.tables) {
      const usages = index.usagesOf(table.name);
      expect(usageSchema.array().parse(usages)).toEqual(usages);
    }
  });

  it('would notice a field the schema lacks', async () => {
    const index = await openProject(rootOf('app'));
    const table = index.inspection.tables[0]!;
    const withStrayField = { ...table, comment: 'emitted by a derivation, unknown to the schema' };
    expect(tableSchema.parse(withStrayField)).not.toEqual(withStrayField);
  });
});
