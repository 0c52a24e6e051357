import { z } from 'zod';
import { notFoundError } from './close-matches.js';
import { cursorInput, limitInput, pageOutput, pageSummary, paginate } from './lists.js';
import { usageSchema } from './schemas.js';
import { defineTool, READ_ONLY_ANNOTATIONS } from './tool.js';

const kindSchema = z.enum(['table', 'model-op', 'action']);

const inputSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(200)
    .describe('A table (TS or SQL name), a model op (`insertTags`) or a server action (`createTag`).'),
  layer: usageSchema.shape.layer.optional().describe('Only usages in this layer.'),
  limit: limitInput,
  cursor: cursorInput,
});

const outputSchema = z.object({
  definitions: z
    .array(z.object({ kind: kindSchema, name: z.string(), file: z.string(), line: z.number().int() }))
    .describe('What the name is: usually one symbol; a table is reported under its TS name.'),
  usages: z.array(usageSchema),
  ...pageOutput,
});

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
  handler({ name, layer, limit, cursor }, { project }) {
    const wanted = name.trim();
    const found = project.findUsages(wanted);
    if (found.definitions === undefined) {
      throw notFoundError(
        'table, model op or server action',
        wanted,
        found,
        'list_tables, list_models and list_server_actions show the names there are',
      );
    }
    const usages = found.usages.filter((usage) => layer === undefined || usage.layer === layer);
    const page = paginate(usages, { limit, cursor }, { tool: 'find_usages', name: wanted, layer });
    const lines = found.definitions.map(
      (definition) =>
        `${definition.kind} ${definition.name} defined at ${definition.file}:${definition.line}`,
    );
    lines.push(`${pageSummary(page, 'usage')}${layer ? ` in the ${layer} layer` : ''}`);
    for (const usage of page.items) {
      const within = usage.enclosingFunction ? ` in ${usage.enclosingFunction}` : '';
      lines.push(`  ${usage.file}:${usage.line}${within} [${usage.layer}]`);
    }
    const structured: z.input<typeof outputSchema> = {
      definitions: found.definitions,
      usages: page.items,
      total: page.total,
    };
    if (page.nextCursor !== undefined) structured.nextCursor = page.nextCursor;
    return { structuredContent: structured, text: lines.join('\n') };
  },
});
