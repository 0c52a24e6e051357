/**
 * The project index's lookups as the tools need them: a name that is not found becomes an error with the
 * index's close-match suggestions, and foreign keys carry what a diagram needs (required, one-to-one).
 */
import type { ProjectIndex } from '../project/project-index.js';
import type { Table } from '../project/model.js';
import { notFoundError } from './close-matches.js';

/** The table with this TS, SQL or `schema.sqlName`; throws `table 'x' not found; did you mean …?`. */
export function findTable(project: ProjectIndex, name: string): Table {
  const found = project.findTable(name);
  if (found.table !== undefined) return found.table;
  const count = project.inspection.tables.length;
  throw notFoundError(
    'table',
    name.trim(),
    found,
    count === 0
      ? 'the project has no Drizzle tables; call project_overview to see which schema files were read'
      : `call list_tables to see the ${count} tables`,
  );
}

export interface ForeignKeyEdge {
  /** TS name of the table holding the key. */
  from: string;
  fromSql: string;
  /** SQL names of the key columns. */
  columns: string[];
  /** TS name of the referenced table, or its SQL name when the project does not declare it. */
  to: string;
  toSql: string;
  foreignColumns: string[];
  onDelete?: string;
  onUpdate?: string;
  /** Every key column is NOT NULL: the parent is mandatory. */
  required: boolean;
  /** The key columns are unique (or the primary key): at most one child per parent. */
  unique: boolean;
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((column, index) => column === b[index]);
}

/** Foreign keys leaving a table (`outgoing`) and pointing at it (`incoming`). */
export function foreignKeyEdges(
  project: ProjectIndex,
  table: Table,
): { outgoing: ForeignKeyEdge[]; incoming: ForeignKeyEdge[] } {
  const { outgoing, incoming } = project.foreignKeysOf(table);
  const edgeOf = ({ table: holderName, foreignKey }: (typeof outgoing)[number]): ForeignKeyEdge => {
    const holder = project.tableByTsName(holderName) ?? table;
    const keyColumns = holder.columns.filter((column) => foreignKey.columns.includes(column.sqlName));
    const target = project.tableBySqlName(foreignKey.foreignTable);
    const edge: ForeignKeyEdge = {
      from: holder.name,
      fromSql: holder.sqlName,
      columns: foreignKey.columns,
      to: target?.name ?? foreignKey.foreignTable,
      toSql: foreignKey.foreignTable,
      foreignColumns: foreignKey.foreignColumns,
      required: keyColumns.length > 0 && keyColumns.every((column) => column.notNull),
      unique:
        (keyColumns.length === 1 && keyColumns[0]!.unique) ||
        sameColumns(holder.primaryKey, foreignKey.columns) ||
        holder.uniques.some((unique) => sameColumns(unique.columns, foreignKey.columns)),
    };
    if (foreignKey.onDelete !== undefined) edge.onDelete = foreignKey.onDelete;
    if (foreignKey.onUpdate !== undefined) edge.onUpdate = foreignKey.onUpdate;
    return edge;
  };
  return { outgoing: outgoing.map(edgeOf), incoming: incoming.map(edgeOf) };
}
