import { getTableColumns, getTableName, is, type Column } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSQLiteTableConfig } from 'drizzle-orm/sqlite-core';
import type { ModelTable } from '../model-factory/types.js';

interface ForeignKeyReference {
  columns: Column[];
  foreignColumns: Column[];
  foreignTable: unknown;
}

function foreignKeysOf(table: ModelTable): ForeignKeyReference[] {
  const config = is(table, PgTable) ? getPgTableConfig(table) : getSQLiteTableConfig(table);
  return config.foreignKeys.map((foreignKey) => foreignKey.reference());
}

function keyOf(table: ModelTable, column: Column): string | undefined {
  const columns: Record<string, Column> = getTableColumns(table);
  return Object.keys(columns).find((key) => columns[key] === column);
}

/**
 * The key of the owner row that fills `columnKey` of `table`: the column its foreign key to the owner's
 * table references (`ownerId → users.id`), else the owner table's single-column primary key.
 *
 * @throws Error naming the factory and the column when neither exists, since any guess could be wrong.
 */
export function ownerKeyFor(
  label: string,
  table: ModelTable,
  columnKey: string,
  ownerLabel: string,
  ownerTable: ModelTable,
): string {
  const column = getTableColumns(table)[columnKey];
  for (const reference of foreignKeysOf(table)) {
    if (reference.foreignTable !== ownerTable) continue;
    const index = reference.columns.findIndex((candidate) => candidate === column);
    const referenced = index === -1 ? undefined : reference.foreignColumns[index];
    const key = referenced === undefined ? undefined : keyOf(ownerTable, referenced);
    if (key !== undefined) return key;
  }
  const primary = Object.entries(getTableColumns(ownerTable)).filter(([, candidate]) => candidate.primary);
  if (primary.length === 1) return primary[0]![0];
  throw new Error(
    `${label}: column "${columnKey}" defaults to ${ownerLabel}, but ${getTableName(table)}.${columnKey} has no foreign key to ${getTableName(ownerTable)} and ${getTableName(ownerTable)} has no single-column primary key, so which of its columns to use is unknown; give "${columnKey}" a value instead`,
  );
}
