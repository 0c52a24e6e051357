import { z } from 'zod';
import type { Model } from '../project/model.js';
import {
  cursorInput,
  filterInput,
  limitInput,
  matchesFilter,
  pageOutput,
  pageSummary,
  paginate,
  verboseInput,
} from './lists.js';
import { modelSchema } from './schemas.js';
import { defineTool, READ_ONLY_ANNOTATIONS } from './tool.js';

const inputSchema = z.object({
  filter: filterInput.describe(
    'Keep models whose file, table or op names contain this text (case-insensitive).',
  ),
  verbose: verboseInput.describe(
    'Include op kinds and lines, other exports and importers; costs more tokens.',
  ),
  limit: limitInput,
  cursor: cursorInput,
});

const modelSummary = z.object({
  file: z.string(),
  table: z.string().optional().describe('TS name of the table passed to createModelFactory.'),
  usesFactory: z.boolean().describe('Whether the module is built with createModelFactory.'),
  ops: z.array(z.string()).describe('Export names of the ops, e.g. insertTags.'),
  otherExportCount: z.number().int(),
  importerCount: z.number().int(),
  details: modelSchema.optional().describe('Only with verbose: the full model.'),
});

const outputSchema = z.object({ models: z.array(modelSummary), ...pageOutput });

function summarise(model: Model, verbose: boolean): z.input<typeof modelSummary> {
  const summary: z.input<typeof modelSummary> = {
    file: model.file,
    usesFactory: model.factoryCall !== undefined,
    ops: model.ops.map((op) => op.exportName),
    otherExportCount: model.otherExports.length,
    importerCount: model.importedBy.length,
  };
  if (model.table !== undefined) summary.table = model.table;
  if (verbose) summary.details = model;
  return summary;
}

export const listModels = defineTool({
  name: 'list_models',
  config: {
    title: 'List models',
    description:
      'Lists the model modules (the data layer under src/models by default): each file, the table it is ' +
      'built on, whether it uses createModelFactory, the many-first ops it exports (insertX, selectX, …) and ' +
      'how many files import it. Compact by default; verbose adds op kinds and lines, other exports and ' +
      'importers. Next: describe_model for one module, find_usages for who calls an op.',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY_ANNOTATIONS,
  },
  handler({ filter, verbose, limit, cursor }, { project }) {
    const matching = project.inspection.models.filter((model) =>
      matchesFilter(
        filter,
        model.file,
        model.table,
        model.tableName,
        ...model.ops.map((op) => op.exportName),
      ),
    );
    const summaries = matching.map((model) => summarise(model, verbose));
    const page = paginate(summaries, { limit, cursor }, { tool: 'list_models', filter, verbose });
    const lines = [`${pageSummary(page, 'model')}${filter ? ` matching '${filter}'` : ''}`];
    for (const model of page.items) {
      const table = model.table ? ` (table ${model.table})` : '';
      const factory = model.usesFactory ? '' : ' · not built with createModelFactory';
      const ops = model.ops.length > 0 ? model.ops.join(', ') : 'no ops';
      lines.push(`${model.file}${table}${factory}: ${ops} · imported by ${model.importerCount}`);
      if (model.details !== undefined && model.details.otherExports.length > 0) {
        lines.push(`  also exports: ${model.details.otherExports.join(', ')}`);
      }
    }
    const structured: z.input<typeof outputSchema> = { models: page.items, total: page.total };
    if (page.nextCursor !== undefined) structured.nextCursor = page.nextCursor;
    return { structuredContent: structured, text: lines.join('\n') };
  },
});
