import { z } from 'zod';
import type { Model } from '../project/model.js';
import type { ProjectIndex } from '../project/project-index.js';
import type { PathGuard } from '../path-guard.js';
import { notFoundError } from './close-matches.js';
import { modelSchema } from './schemas.js';
import { defineTool, READ_ONLY_ANNOTATIONS } from './tool.js';

/** Importers listed in full up to here; importerCount still gives the total. */
const MAX_IMPORTERS = 100;

const inputSchema = z.object({
  model: z
    .string()
    .min(1)
    .max(500)
    .describe(
      'The model: its file (`src/models/tags.ts`), the table it is built on (`tags`), or one of its ops ' +
        '(`insertTags`).',
    ),
});

const outputSchema = z.object({
  model: modelSchema,
  importerCount: z
    .number()
    .int()
    .describe(`How many files import the module (importedBy lists ${MAX_IMPORTERS} at most).`),
  table: z
    .object({ name: z.string(), sqlName: z.string(), file: z.string(), line: z.number().int() })
    .optional()
    .describe('The table the model is built on, when the schema declares it.'),
});

function looksLikePath(text: string): boolean {
  return /[\\/]/.test(text) || /\.[cm]?[jt]sx?$/.test(text);
}

/** The model named by file, table (TS or SQL name) or op; throws not-found with a close match. */
export function findModel(project: ProjectIndex, guard: PathGuard, name: string): Model {
  const wanted = name.trim();
  const isPath = looksLikePath(wanted);
  // A path is confined to the root like any other, and looked up in its root-relative form.
  const key = isPath ? guard.resolve(wanted, { label: 'model file' }).relative : wanted;
  const found = project.findModel(key);
  if (found.model !== undefined) return found.model;
  if (isPath) {
    const stem = key.replace(/\.[cm]?[jt]sx?$/, '');
    const byStem = project.inspection.models.find(
      (model) => model.file.replace(/\.[cm]?[jt]sx?$/, '') === stem,
    );
    if (byStem !== undefined) return byStem;
  }
  const table = project.findTable(wanted).table;
  throw notFoundError(
    isPath ? 'model file' : 'model',
    key,
    found,
    table !== undefined
      ? `table '${table.name}' has no model module; the convention is one per table, built with createModelFactory`
      : 'call list_models to see the model modules',
  );
}

export const describeModel = defineTool({
  name: 'describe_model',
  config: {
    title: 'Describe a model',
    description:
      'Describes one model module, found by file, table name or op name: the table it is built on, where ' +
      'createModelFactory is called, each exported op with its kind (insert, select, update, delete, …) and ' +
      'line, its other exports (business logic) and the files that import it. Use it to call existing ops ' +
      'instead of writing new queries. Next: find_usages for where an op is called, describe_table for the ' +
      'columns.',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY_ANNOTATIONS,
  },
  handler({ model: name }, { project, guard }) {
    const model = findModel(project, guard, name);
    const table =
      (model.table === undefined ? undefined : project.tableByTsName(model.table)) ??
      (model.tableName === undefined ? undefined : project.tableBySqlName(model.tableName));
    const structured: z.input<typeof outputSchema> = {
      model: { ...model, importedBy: model.importedBy.slice(0, MAX_IMPORTERS) },
      importerCount: model.importedBy.length,
    };
    if (table !== undefined) {
      structured.table = { name: table.name, sqlName: table.sqlName, file: table.file, line: table.line };
    }
    const lines = [
      `${model.file}${table ? ` on table ${table.name} (${table.sqlName}) ${table.file}:${table.line}` : ''}`,
      model.factoryCall
        ? `createModelFactory at line ${model.factoryCall.line}${model.tableName ? ` ('${model.tableName}')` : ''}`
        : 'Not built with createModelFactory',
      `Ops (${model.ops.length}): ${model.ops.map((op) => `${op.exportName} [${op.op}] :${op.line}`).join(', ') || 'none'}`,
    ];
    if (model.otherExports.length > 0) lines.push(`Other exports: ${model.otherExports.join(', ')}`);
    const importers = structured.model.importedBy;
    const more =
      model.importedBy.length > importers.length
        ? `, … ${model.importedBy.length - importers.length} more`
        : '';
    lines.push(`Imported by (${model.importedBy.length}): ${importers.join(', ') || 'nothing'}${more}`);
    return { structuredContent: structured, text: lines.join('\n') };
  },
});
