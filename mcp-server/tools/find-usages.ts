import { z } from 'zod';
import type { Inspection } from '../project/model.js';
import { notFoundError } from './close-matches.js';
import { cursorInput, limitInput, pageOutput, pageSummary, paginate } from './lists.js';
import { usageSchema } from './schemas.js';
import { defineTool, READ_ONLY_ANNOTATIONS } from './tool.js';

const kindSchema = z.enum(['table', 'model-op', 'action']);
const layerSchema = usageSchema.shape.layer;

const inputSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(200)
    .describe('A table (TS or SQL name), a model op (`insertTags`) or a server action (`createTag`).'),
  kind: kindSchema.optional().describe('Which kind of symbol the name is, when a name is ambiguous.'),
  layer: layerSchema.optional().describe('Only usages in this layer.'),
  limit: limitInput,
  cursor: cursorInput,
});

const outputSchema = z.object({
  name: z.string().describe('The symbol as found: a table is reported under its TS name.'),
  kind: kindSchema,
  definition: z.object({ file: z.string(), line: z.number().int() }),
  usages: z.array(usageSchema),
  ...pageOutput,
});

interface SymbolDefinition {
  name: string;
  kind: z.infer<typeof kindSchema>;
  file: string;
  line: number;
}

/** Every table, model op and action, under each name a caller may use for it. */
function symbolsOf(inspection: Inspection): Map<string, SymbolDefinition[]> {
  const symbols = new Map<string, SymbolDefinition[]>();
  const add = (alias: string, definition: SymbolDefinition) => {
    const list = symbols.get(alias) ?? [];
    if (!list.some((entry) => entry.kind === definition.kind && entry.name === definition.name))
      list.push(definition);
    symbols.set(alias, list);
  };
  for (const table of inspection.tables) {
    const definition = { name: table.name, kind: 'table' as const, file: table.file, line: table.line };
    add(table.name, definition);
    add(table.sqlName, definition);
  }
  for (const model of inspection.models) {
    for (const op of model.ops) {
      add(op.exportName, { name: op.exportName, kind: 'model-op', file: model.file, line: op.line });
    }
  }
  for (const action of inspection.actions) {
    add(action.name, { name: action.name, kind: 'action', file: action.file, line: action.line });
  }
  return symbols;
}

export const findUsages = defineTool({
  name: 'find_usages',
  config: {
    title: 'Find usages',
    description:
      'Finds where a table, a model op or a server action is referenced: file, line, enclosing function and ' +
      'layer (schema, model, action, component, test, other). Use it before renaming or changing a ' +
      "signature, or to find the code that reads a table (it should be the table's model). Filter with " +
      'layer; page with cursor. Next: describe_model or describe_table for the definition.',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY_ANNOTATIONS,
  },
  handler({ name, kind, layer, limit, cursor }, { project }) {
    const symbols = symbolsOf(project.inspection);
    const wanted = name.trim();
    const found = (symbols.get(wanted) ?? []).filter(
      (definition) => kind === undefined || definition.kind === kind,
    );
    const definition = found[0];
    if (definition === undefined) {
      const candidates = [...symbols.entries()]
        .filter(([, definitions]) => definitions.some((entry) => kind === undefined || entry.kind === kind))
        .map(([alias]) => alias);
      throw notFoundError(
        kind === undefined ? 'table, model op or server action' : kind.replace('-', ' '),
        wanted,
        candidates,
        'list_tables, list_models and list_server_actions show the names there are',
      );
    }
    const usages = project
      .usagesOf(definition.name)
      .filter((usage) => layer === undefined || usage.layer === layer)
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    const page = paginate(
      usages,
      { limit, cursor },
      { tool: 'find_usages', name: definition.name, kind, layer },
    );
    const ambiguity =
      found.length > 1
        ? ` (also a ${found
            .slice(1)
            .map((entry) => entry.kind)
            .join(', ')}; pass kind to choose)`
        : '';
    const lines = [
      `${definition.kind} ${definition.name} defined at ${definition.file}:${definition.line}${ambiguity}`,
      `${pageSummary(page, 'usages')}${layer ? ` in the ${layer} layer` : ''}`,
    ];
    for (const usage of page.items) {
      const within = usage.enclosingFunction ? ` in ${usage.enclosingFunction}` : '';
      lines.push(`  ${usage.file}:${usage.line}${within} [${usage.layer}]`);
    }
    const structured: z.input<typeof outputSchema> = {
      name: definition.name,
      kind: definition.kind,
      definition: { file: definition.file, line: definition.line },
      usages: page.items,
      total: page.total,
    };
    if (page.nextCursor !== undefined) structured.nextCursor = page.nextCursor;
    return { structuredContent: structured, text: lines.join('\n') };
  },
});
