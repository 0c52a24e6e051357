import { z } from 'zod';
import type { Table } from '../project/model.js';
import type { ProjectIndex } from '../project/project-index.js';
import { findTable, foreignKeyEdges } from './lookup.js';
import { count } from './render.js';
import { defineTool, READ_ONLY_ANNOTATIONS } from './tool.js';

/** Beyond this a diagram stops being readable; a focused one (table + depth) is the way to see more. */
export const MAX_DIAGRAM_TABLES = 40;
/** Characters of Mermaid source; past it columns are reduced to keys, then dropped. */
export const MAX_DIAGRAM_CHARS = 20_000;

const inputSchema = z.object({
  table: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Center the diagram on this table (TS or SQL name); omit for the whole schema.'),
  depth: z
    .number()
    .int()
    .min(1)
    .max(3)
    .default(1)
    .describe('With table: how many foreign-key hops of neighbours to include (1–3, default 1).'),
  columns: z
    .enum(['all', 'keys', 'none'])
    .default('all')
    .describe('Which columns to draw: all, only key columns (PK, FK, unique), or none.'),
});

const outputSchema = z.object({
  mermaid: z.string().describe('A Mermaid erDiagram; render it in a ```mermaid fence.'),
  tables: z.array(z.string()).describe('SQL names of the tables drawn.'),
  relationships: z.number().int(),
  columns: z
    .enum(['all', 'keys', 'none'])
    .describe('The column detail actually drawn (reduced to fit the cap).'),
  omitted: z.number().int().describe(`Tables left out to stay within ${MAX_DIAGRAM_TABLES} tables.`),
});

type ColumnDetail = z.infer<typeof outputSchema>['columns'];

/** Mermaid's entity and attribute words: a letter or underscore, then letters, digits, `-_[]()`. */
function word(text: string): string {
  const cleaned = text
    .replace(/["'`]/g, '')
    .replace(/,\s*/g, '_')
    .replace(/[^A-Za-z0-9\-_[\]()]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

function entityName(table: Table): string {
  return word(table.schema ? `${table.schema}_${table.sqlName}` : table.sqlName);
}

function renderDiagram(project: ProjectIndex, tables: readonly Table[], detail: ColumnDetail) {
  const drawn = new Map(tables.map((table) => [table.name, table]));
  const lines = ['erDiagram'];
  let relationships = 0;
  const edges: string[] = [];
  for (const table of tables) {
    const keys = foreignKeyEdges(project, table).outgoing;
    const foreignKeyColumns = new Set(keys.flatMap((edge) => edge.columns));
    const attributes: string[] = [];
    for (const column of table.columns) {
      const markers: string[] = [];
      if (column.primaryKey || table.primaryKey.includes(column.sqlName)) markers.push('PK');
      if (foreignKeyColumns.has(column.sqlName) || column.references) markers.push('FK');
      if (column.unique) markers.push('UK');
      if (detail === 'none' || (detail === 'keys' && markers.length === 0)) continue;
      attributes.push(
        `    ${word(column.sqlType)} ${word(column.sqlName)}${markers.length ? ` ${markers.join(', ')}` : ''}`,
      );
    }
    // An entity without attributes is a bare name: Mermaid rejects an empty `{ }` block.
    if (attributes.length > 0) lines.push(`  ${entityName(table)} {`, ...attributes, '  }');
    else lines.push(`  ${entityName(table)}`);
    const linkedByKey = new Set<string>();
    for (const edge of keys) {
      const parent = drawn.get(edge.to);
      if (parent === undefined) continue;
      linkedByKey.add(parent.name);
      const parentSide = edge.required ? '||' : '|o';
      const childSide = edge.unique ? 'o|' : 'o{';
      edges.push(
        `  ${entityName(parent)} ${parentSide}--${childSide} ${entityName(table)} : "${edge.columns.join(', ')}"`,
      );
      relationships += 1;
    }
    // relations() without a foreign key (e.g. PlanetScale) still say how the tables connect.
    for (const relation of table.relations) {
      const parent = drawn.get(relation.target);
      if (relation.kind !== 'one' || relation.fields === undefined || parent === undefined) continue;
      if (linkedByKey.has(parent.name)) continue;
      edges.push(`  ${entityName(parent)} |o..o{ ${entityName(table)} : "${relation.name}"`);
      relationships += 1;
    }
  }
  return { mermaid: [...lines, ...edges].join('\n'), relationships };
}

export const schemaDiagram = defineTool({
  name: 'schema_diagram',
  config: {
    title: 'Schema diagram',
    description:
      'Draws the schema as a Mermaid erDiagram: every table, or one table and its neighbours within depth ' +
      'foreign-key hops, with columns (PK/FK/UK marked) and relationships labelled by their key columns. ' +
      `Capped at ${MAX_DIAGRAM_TABLES} tables; columns are reduced to keys, then dropped, to fit. Use it to ` +
      'explain or plan how tables connect; show it to the user in a ```mermaid fence. Next: describe_table ' +
      'for one table in full.',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY_ANNOTATIONS,
  },
  handler({ table: name, depth, columns }, { project }) {
    const selected =
      name === undefined
        ? [...project.inspection.tables].sort((a, b) => a.sqlName.localeCompare(b.sqlName))
        : project.neighbours(findTable(project, name), depth);
    const tables = selected.slice(0, MAX_DIAGRAM_TABLES);
    const levels: ColumnDetail[] =
      columns === 'all' ? ['all', 'keys', 'none'] : columns === 'keys' ? ['keys', 'none'] : ['none'];
    let detail: ColumnDetail = levels[0]!;
    let rendered = renderDiagram(project, tables, detail);
    for (const level of levels.slice(1)) {
      if (rendered.mermaid.length <= MAX_DIAGRAM_CHARS) break;
      detail = level;
      rendered = renderDiagram(project, tables, detail);
    }
    const structured: z.input<typeof outputSchema> = {
      mermaid: rendered.mermaid,
      tables: tables.map((table) => table.sqlName),
      relationships: rendered.relationships,
      columns: detail,
      omitted: selected.length - tables.length,
    };
    const notes: string[] = [];
    if (structured.omitted > 0) {
      notes.push(
        `${structured.omitted} tables left out (cap ${MAX_DIAGRAM_TABLES}); pass table and depth to focus on one part`,
      );
    }
    if (detail !== columns) notes.push(`columns reduced to '${detail}' to fit`);
    if (tables.length === 0)
      notes.push('the project has no tables; project_overview shows which schema files were read');
    const header = `${count(tables.length, 'table')}, ${count(rendered.relationships, 'relationship')}${notes.length ? `; ${notes.join('; ')}` : ''}`;
    return { structuredContent: structured, text: `${header}\n\`\`\`mermaid\n${rendered.mermaid}\n\`\`\`` };
  },
});
