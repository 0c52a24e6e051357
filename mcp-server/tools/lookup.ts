/**
 * Name lookups the tools share, each failing with a close-match suggestion. Tables are found by TS export
 * name, SQL name or `schema.sqlName`; models by file, table or one of their ops.
 */
import type { Inspection, Model, Table } from '../project/model.js';
import { notFoundError } from './close-matches.js';

function tableNames(table: Table): string[] {
  const names = [table.name, table.sqlName];
  if (table.schema !== undefined) names.push(`${table.schema}.${table.sqlName}`);
  return names;
}

/** The table with this TS, SQL or schema-qualified name; exact case first, then case-insensitive. */
export function findTable(inspection: Inspection, name: string): Table {
  const wanted = name.trim();
  const exact = inspection.tables.find((table) => tableNames(table).includes(wanted));
  if (exact !== undefined) return exact;
  const lower = wanted.toLowerCase();
  const loose = inspection.tables.filter((table) =>
    tableNames(table).some((candidate) => candidate.toLowerCase() === lower),
  );
  if (loose.length === 1) return loose[0]!;
  throw notFoundError(
    'table',
    wanted,
    inspection.tables.flatMap(tableNames),
    inspection.tables.length === 0
      ? 'the project has no Drizzle tables; call project_overview to see which schema files were read'
      : `call list_tables to see the ${inspection.tables.length} tables`,
  );
}

/** The table a foreign key points at, matched by SQL name (and schema, when the name is qualified). */
export function tableBySqlName(inspection: Inspection, sqlName: string): Table | undefined {
  return (
    inspection.tables.find((table) => table.sqlName === sqlName) ??
    inspection.tables.find((table) => `${table.schema}.${table.sqlName}` === sqlName)
  );
}

export interface ForeignKeyEdge {
  /** TS name of the table holding the key. */
  from: string;
  fromSql: string;
  columns: string[];
  /** TS name of the referenced table, or its SQL name when it is not in the project. */
  to: string;
  toSql: string;
  foreignColumns: string[];
  onDelete?: string;
  onUpdate?: string;
  /** Whether every key column is NOT NULL (a mandatory parent). */
  required: boolean;
  /** Whether the key columns are unique (one-to-one). */
  unique: boolean;
}

/** Foreign keys declared on a table, from `foreignKeys` and from column `.references()` not listed there. */
export function outgoingForeignKeys(inspection: Inspection, table: Table): ForeignKeyEdge[] {
  const seen = new Set<string>();
  const edges: ForeignKeyEdge[] = [];
  const add = (
    columns: string[],
    foreignTable: string,
    foreignColumns: string[],
    onDelete?: string,
    onUpdate?: string,
  ): void => {
    const key = `${columns.join(',')}>${foreignTable}.${foreignColumns.join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    const keyColumns = table.columns.filter((column) => columns.includes(column.sqlName));
    const target = tableBySqlName(inspection, foreignTable);
    const edge: ForeignKeyEdge = {
      from: table.name,
      fromSql: table.sqlName,
      columns,
      to: target?.name ?? foreignTable,
      toSql: foreignTable,
      foreignColumns,
      required: keyColumns.length > 0 && keyColumns.every((column) => column.notNull),
      unique:
        (columns.length === 1 && keyColumns[0]?.unique === true) ||
        table.uniques.some((unique) => unique.columns.join(',') === columns.join(',')) ||
        table.primaryKey.join(',') === columns.join(','),
    };
    if (onDelete !== undefined) edge.onDelete = onDelete;
    if (onUpdate !== undefined) edge.onUpdate = onUpdate;
    edges.push(edge);
  };
  for (const key of table.foreignKeys) {
    add(key.columns, key.foreignTable, key.foreignColumns, key.onDelete, key.onUpdate);
  }
  for (const column of table.columns) {
    const reference = column.references;
    if (reference === undefined) continue;
    add([column.sqlName], reference.table, [reference.column], reference.onDelete, reference.onUpdate);
  }
  return edges;
}

/** Foreign keys in other tables (or self-references) that point at this table. */
export function incomingForeignKeys(inspection: Inspection, table: Table): ForeignKeyEdge[] {
  return inspection.tables.flatMap((other) =>
    outgoingForeignKeys(inspection, other).filter(
      (edge) => edge.toSql === table.sqlName || edge.toSql === `${table.schema}.${table.sqlName}`,
    ),
  );
}

/** The table and every table within `depth` foreign-key or relation hops of it, nearest first. */
export function neighbourhood(inspection: Inspection, table: Table, depth: number): Table[] {
  const byName = new Map(inspection.tables.map((candidate) => [candidate.name, candidate]));
  const found = new Map<string, Table>([[table.name, table]]);
  let frontier = [table];
  for (let hop = 0; hop < depth && frontier.length > 0; hop += 1) {
    const next: Table[] = [];
    for (const current of frontier) {
      const linked = [
        ...outgoingForeignKeys(inspection, current).map((edge) => edge.to),
        ...incomingForeignKeys(inspection, current).map((edge) => edge.from),
        ...current.relations.map((relation) => relation.target),
      ];
      for (const name of linked) {
        const neighbour = byName.get(name);
        if (neighbour === undefined || found.has(name)) continue;
        found.set(name, neighbour);
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return [...found.values()];
}

/** The model module built on this table (by the table's `model` file or the model's `table`). */
export function modelOfTable(inspection: Inspection, table: Table): Model | undefined {
  return (
    inspection.models.find((model) => model.file === table.model) ??
    inspection.models.find((model) => model.table === table.name)
  );
}
