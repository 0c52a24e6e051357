/**
 * The static schema against the latest snapshot: what `drizzle-kit generate` would find to migrate, told
 * without running it. Tables, columns (type, nullability, primary key, unique, whether a SQL default
 * exists), indexes, foreign keys and pg enums. Default values are compared by presence only: the schema
 * holds TypeScript source (`.default(sql\`now()\`)`), the snapshot holds SQL.
 */
import type { Column, Dialect, Table } from '../project/model.js';

export type SchemaChangeKind =
  | 'table-added'
  | 'table-dropped'
  | 'column-added'
  | 'column-dropped'
  | 'column-changed'
  | 'index-added'
  | 'index-dropped'
  | 'index-changed'
  | 'foreign-key-added'
  | 'foreign-key-dropped'
  | 'enum-added'
  | 'enum-changed';

export interface SchemaChange {
  kind: SchemaChangeKind;
  /** The table's SQL name (with its schema when it is not the default one). */
  table?: string;
  column?: string;
  /** One line: what differs, schema side first. */
  detail: string;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Json[] {
  return isRecord(value) ? Object.values(value).filter(isRecord) : [];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Type spellings differ in quotes, case, spaces and a schema prefix on enum types; the type does not. */
function normalizeType(type: string): string {
  return type
    .replaceAll('"', '')
    .replace(/^public\./, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** Whether the schema gives the column a default the database holds (not `$defaultFn`, serial or identity). */
function hasSqlDefault(column: Column): boolean {
  const source = column.default ?? '';
  return /(^|[.\s])(default|defaultNow|defaultRandom)\s*\(/.test(source) && !/\$default/.test(source);
}

function tableKey(dialect: Dialect, table: Table): string {
  return dialect === 'pg' ? `${table.schema ?? 'public'}.${table.sqlName}` : table.sqlName;
}

function displayName(table: Table): string {
  return table.schema === undefined ? table.sqlName : `${table.schema}.${table.sqlName}`;
}

function snapshotTableName(table: Json): string {
  const schema = text(table.schema);
  return schema === '' || schema === 'public' ? text(table.name) : `${schema}.${text(table.name)}`;
}

/** Columns of a snapshot table that a single-column unique constraint or `_unique` index covers. */
function uniqueColumnsOf(table: Json): Set<string> {
  const unique = new Set<string>();
  for (const constraint of records(table.uniqueConstraints)) {
    const columns = Array.isArray(constraint.columns) ? constraint.columns : [];
    if (columns.length === 1) unique.add(text(columns[0]));
  }
  // SQLite keeps `.unique()` as a unique index named `<table>_<column>_unique`.
  for (const index of records(table.indexes)) {
    const columns = Array.isArray(index.columns) ? index.columns : [];
    if (index.isUnique === true && columns.length === 1 && text(index.name).endsWith('_unique')) {
      const column = columns[0];
      unique.add(isRecord(column) ? text(column.expression) : text(column));
    }
  }
  for (const column of records(table.columns)) if (column.isUnique === true) unique.add(text(column.name));
  return unique;
}

function compositeKeyColumns(table: Json): Set<string> {
  const columns = new Set<string>();
  for (const key of records(table.compositePrimaryKeys)) {
    if (Array.isArray(key.columns)) for (const column of key.columns) columns.add(text(column));
  }
  return columns;
}

function compareColumns(table: Table, snapshotTable: Json, changes: SchemaChange[]): void {
  const name = displayName(table);
  const snapshotColumns = new Map(
    records(snapshotTable.columns).map((column) => [text(column.name), column]),
  );
  const uniqueInSnapshot = uniqueColumnsOf(snapshotTable);
  const compositeInSnapshot = compositeKeyColumns(snapshotTable);
  const uniqueInSchema = new Set(
    table.uniques.filter((unique) => unique.columns.length === 1).map((unique) => unique.columns[0]!),
  );
  for (const column of table.columns) {
    const snapshotColumn = snapshotColumns.get(column.sqlName);
    snapshotColumns.delete(column.sqlName);
    if (snapshotColumn === undefined) {
      changes.push({
        kind: 'column-added',
        table: name,
        column: column.sqlName,
        detail: `${name}.${column.sqlName} ${column.sqlType}${column.notNull ? ' not null' : ''}`,
      });
      continue;
    }
    const differences: string[] = [];
    const snapshotType = text(snapshotColumn.type);
    if (normalizeType(column.sqlType) !== normalizeType(snapshotType))
      differences.push(`type ${column.sqlType} (migrations: ${snapshotType})`);
    if (column.notNull !== (snapshotColumn.notNull === true))
      differences.push(column.notNull ? 'now not null' : 'now nullable');
    const unique = column.unique || uniqueInSchema.has(column.sqlName);
    if (unique !== uniqueInSnapshot.has(column.sqlName))
      differences.push(unique ? 'now unique' : 'no longer unique');
    const sqlDefault = hasSqlDefault(column);
    if (sqlDefault !== 'default' in snapshotColumn && !column.primaryKey)
      differences.push(sqlDefault ? `default added (${column.default ?? ''})` : 'default removed');
    if (differences.length > 0)
      changes.push({
        kind: 'column-changed',
        table: name,
        column: column.sqlName,
        detail: `${name}.${column.sqlName}: ${differences.join(', ')}`,
      });
  }
  for (const dropped of snapshotColumns.keys()) {
    changes.push({ kind: 'column-dropped', table: name, column: dropped, detail: `${name}.${dropped}` });
  }
  // The key as a whole: pg and sqlite flag a single-column key on the column, MySQL lists it as a
  // constraint (`compositePrimaryKeys`) like a composite one.
  const keyInSchema = new Set(table.primaryKey);
  const keyInSnapshot = new Set([
    ...compositeInSnapshot,
    ...records(snapshotTable.columns)
      .filter((column) => column.primaryKey === true)
      .map((column) => text(column.name)),
  ]);
  const sameKey =
    keyInSchema.size === keyInSnapshot.size && [...keyInSchema].every((column) => keyInSnapshot.has(column));
  if (!sameKey)
    changes.push({
      kind: 'column-changed',
      table: name,
      detail: `${name}: primary key (${[...keyInSchema].join(', ') || 'none'}; migrations: ${[...keyInSnapshot].join(', ') || 'none'})`,
    });
}

function compareIndexes(table: Table, snapshotTable: Json, changes: SchemaChange[]): void {
  const name = displayName(table);
  const snapshotIndexes = new Map(
    records(snapshotTable.indexes)
      .filter((index) => !(index.isUnique === true && text(index.name).endsWith('_unique')))
      .map((index) => [text(index.name), index]),
  );
  for (const index of table.indexes) {
    // An unnamed index gets a generated name; only named ones can be matched without drizzle-kit.
    if (index.name === undefined) continue;
    const snapshotIndex = snapshotIndexes.get(index.name);
    snapshotIndexes.delete(index.name);
    if (snapshotIndex === undefined) {
      changes.push({
        kind: 'index-added',
        table: name,
        detail: `${index.unique ? 'unique ' : ''}index ${index.name} on ${name} (${index.columns.join(', ')})`,
      });
    } else if (index.unique !== (snapshotIndex.isUnique === true)) {
      changes.push({
        kind: 'index-changed',
        table: name,
        detail: `index ${index.name} on ${name}: ${index.unique ? 'now unique' : 'no longer unique'}`,
      });
    }
  }
  if (table.indexes.every((index) => index.name !== undefined)) {
    for (const dropped of snapshotIndexes.keys())
      changes.push({ kind: 'index-dropped', table: name, detail: `index ${dropped} on ${name}` });
  }
}

function compareForeignKeys(table: Table, snapshotTable: Json, changes: SchemaChange[]): void {
  const name = displayName(table);
  const signature = (columns: string[], foreignTable: string, foreignColumns: string[]) =>
    `(${columns.join(', ')}) → ${foreignTable}(${foreignColumns.join(', ')})`;
  const strings = (value: unknown) => (Array.isArray(value) ? value.map(text) : []);
  const inSnapshot = new Set(
    records(snapshotTable.foreignKeys).map((key) =>
      signature(strings(key.columnsFrom), text(key.tableTo), strings(key.columnsTo)),
    ),
  );
  for (const key of table.foreignKeys) {
    const keySignature = signature(key.columns, key.foreignTable, key.foreignColumns);
    if (!inSnapshot.delete(keySignature))
      changes.push({ kind: 'foreign-key-added', table: name, detail: `${name} ${keySignature}` });
  }
  for (const dropped of inSnapshot)
    changes.push({ kind: 'foreign-key-dropped', table: name, detail: `${name} ${dropped}` });
}

function compareEnums(tables: readonly Table[], snapshot: Json, changes: SchemaChange[]): void {
  const snapshotEnums = new Map(
    records(snapshot.enums).map((entry) => [
      text(entry.name),
      Array.isArray(entry.values) ? entry.values.map(text) : [],
    ]),
  );
  const seen = new Set<string>();
  for (const table of tables) {
    for (const column of table.columns) {
      if (column.enumValues === undefined) continue;
      // `text({ enum: [...] })` and varchar/char enums are plain columns; a pgEnum column's type is its name.
      const enumName = column.sqlType
        .replace(/(\[\d*\])+$/, '')
        .replaceAll('"', '')
        .replace(/^.*\./, '');
      if (/^(text|varchar|char|character)\b/.test(enumName)) continue;
      if (seen.has(enumName)) continue;
      seen.add(enumName);
      const values = snapshotEnums.get(enumName);
      if (values === undefined) {
        changes.push({
          kind: 'enum-added',
          // drizzle-kit only sees enums exported from a schema file; one declared elsewhere stays missing.
          detail: `enum ${enumName} (${column.enumValues.join(', ')}); drizzle-kit generates it only when a schema file exports it`,
        });
      } else if (values.join('\u0000') !== column.enumValues.join('\u0000')) {
        changes.push({
          kind: 'enum-changed',
          detail: `enum ${enumName}: ${column.enumValues.join(', ')} (migrations: ${values.join(', ')})`,
        });
      }
    }
  }
}

/**
 * What the schema has that the snapshot does not, and the reverse. `snapshot` is the latest snapshot's
 * JSON (any dialect drizzle-kit 0.31 writes); an empty list means nothing is left to generate, as far as
 * static analysis can tell.
 */
export function compareSchemaWithSnapshot(
  dialect: Dialect,
  tables: readonly Table[],
  snapshot: Json | undefined,
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const snapshotTables = new Map<string, Json>();
  for (const [key, table] of Object.entries(isRecord(snapshot?.tables) ? snapshot.tables : {})) {
    if (isRecord(table)) snapshotTables.set(key, table);
  }
  for (const table of tables) {
    // drizzle-kit's MySQL snapshot leaves out tables of a mysqlSchema(): it does not manage them.
    if (dialect === 'mysql' && table.schema !== undefined) continue;
    const key = tableKey(dialect, table);
    const snapshotTable = snapshotTables.get(key);
    snapshotTables.delete(key);
    if (snapshotTable === undefined) {
      changes.push({
        kind: 'table-added',
        table: displayName(table),
        detail: `${displayName(table)} (${table.columns.length} columns)`,
      });
      continue;
    }
    compareColumns(table, snapshotTable, changes);
    compareIndexes(table, snapshotTable, changes);
    compareForeignKeys(table, snapshotTable, changes);
  }
  for (const dropped of snapshotTables.values()) {
    const name = snapshotTableName(dropped);
    changes.push({ kind: 'table-dropped', table: name, detail: name });
  }
  // Only pg has enum types of its own; MySQL's enum(...) and SQLite's text enums are column types.
  if (snapshot !== undefined && dialect === 'pg') compareEnums(tables, snapshot, changes);
  return changes;
}
