/**
 * Turns the evaluated schema modules into the inspection model's tables: the exported tables reachable
 * from the schema files (re-exports followed, as drizzle-kit sees them), with SQL names after casing,
 * keys and constraints as drizzle's getTableConfig reports them, and constraint names as drizzle-kit
 * writes them to the database.
 */
import type { Casing } from './drizzle-columns.js';
import { applyCasing } from './drizzle-columns.js';
import type {
  Diagnostic,
  CheckConstraint,
  Column,
  Dialect,
  ForeignKey,
  Index,
  Relation,
  Table,
  UniqueConstraint,
} from './model.js';
import { DiagnosticCollector } from './analysis-budgets.js';
import {
  SchemaEvaluator,
  type ColumnSnapshot,
  type ConstraintDraft,
  type EvaluatorHost,
  type IndexColumn,
  type TableDraft,
  type Value,
} from './schema-evaluator.js';

export interface SchemaExtraction {
  tables: Table[];
  diagnostics: Diagnostic[];
  /** Files whose modules the evaluation read (schema files and what they import), for invalidation. */
  modulesRead: string[];
}

export interface ExtractOptions {
  /** The casing drizzle applies to columns named after their key. */
  casing?: Casing;
}

/** A relation as one schema file's evaluation read it, its target still to be named. */
interface UnitRelation {
  /** Where the `relations(…)` call that declares it is: the same call read twice counts once. */
  config: string;
  relation: Relation;
  /** The target table's key, and its name when no schema file exports it. */
  targetKey: string;
  targetFallback: string;
}

/**
 * One schema file read on its own (with a fresh evaluator): the tables it exports and the relations its
 * evaluation declared. The unit of the schema's incremental reading: it is read again only when a module
 * it read changed.
 */
export interface SchemaUnit {
  file: string;
  casing: Casing | undefined;
  /** The tables the file exports, in export order; their `relations` are filled in by the merge. */
  tables: { key: string; table: Table; relations: UnitRelation[] }[];
  /** Relations declared on tables the file does not export (`relations(users, …)` elsewhere), by key. */
  foreignRelations: Map<string, UnitRelation[]>;
  diagnostics: Diagnostic[];
  /** Files whose modules the evaluation read. */
  modulesRead: string[];
}

const MAX_DEFAULT_TEXT = 200;

/** A table's identity across evaluations: where it is declared and its SQL name. */
function draftKey(draft: Pick<TableDraft, 'file' | 'line' | 'schema' | 'sqlName'>): string {
  return `${draft.file}:${draft.line}:${draft.schema ?? ''}.${draft.sqlName}`;
}

/** Extracts every table the schema files export. The host supplies parsed modules; nothing is executed. */
export function extractSchema(
  host: EvaluatorHost,
  schemaFiles: readonly string[],
  options: ExtractOptions = {},
): SchemaExtraction {
  return mergeSchemaUnits(schemaFiles.map((file) => extractSchemaFile(host, file, options)));
}

/** Reads one schema file: the tables it exports, built as drizzle's getTableConfig reports them. */
export function extractSchemaFile(
  host: EvaluatorHost,
  file: string,
  options: ExtractOptions = {},
): SchemaUnit {
  const modulesRead = new Set<string>();
  const evaluator = new SchemaEvaluator({
    module(read) {
      const module = host.module(read);
      if (module !== undefined) modulesRead.add(read);
      return module;
    },
  });
  const drafts: { draft: TableDraft; exportName: string }[] = [];
  const seen = new Set<number>();
  const diagnostics = new DiagnosticCollector();

  for (const name of evaluator.exportNames(file)) {
    let value: Value;
    try {
      value = evaluator.withBudget(file, `export '${name}'`, () => evaluator.exportValue(file, name));
    } catch (error) {
      diagnostics.push({
        file,
        line: 1,
        message: `could not analyse export '${name}': ${(error as Error).message}`,
      });
      continue;
    }
    if (value.kind !== 'table' || seen.has(value.table.id)) continue;
    seen.add(value.table.id);
    drafts.push({ draft: value.table, exportName: name });
  }

  const casing = options.casing;
  const tables: SchemaUnit['tables'] = [];
  for (const { draft, exportName } of drafts) {
    try {
      const table = buildTable(evaluator, draft, exportName, casing, diagnostics);
      tables.push({ key: draftKey(draft), table, relations: relationsOf(evaluator, draft, diagnostics) });
    } catch (error) {
      diagnostics.push({
        file: draft.file,
        line: draft.line,
        message: `could not analyse table '${draft.sqlName}': ${(error as Error).message}`,
      });
    }
  }
  const foreignRelations = new Map<string, UnitRelation[]>();
  for (const draft of evaluator.tableDrafts) {
    if (seen.has(draft.id) || draft.relationConfigs.length === 0) continue;
    const relations = relationsOf(evaluator, draft, diagnostics);
    const key = draftKey(draft);
    foreignRelations.set(key, [...(foreignRelations.get(key) ?? []), ...relations]);
  }
  diagnostics.pushAll(evaluator.diagnostics);
  return {
    file,
    casing,
    tables,
    foreignRelations,
    diagnostics: diagnostics.list(),
    modulesRead: [...modulesRead],
  };
}

/**
 * The schema from its files' units, in file order: a table two files export is listed once, where it
 * is first exported; its relations are every unit's for it, each `relations(…)` call once, their targets
 * named by the export that lists them. A previous merge's table objects are kept where nothing changed.
 */
export function mergeSchemaUnits(
  units: readonly SchemaUnit[],
  previous?: SchemaExtraction,
): SchemaExtraction {
  const exportNameOf = new Map<string, string>();
  const listed: SchemaUnit['tables'] = [];
  for (const unit of units) {
    for (const entry of unit.tables) {
      if (exportNameOf.has(entry.key)) continue;
      exportNameOf.set(entry.key, entry.table.name);
      listed.push(entry);
    }
  }
  const declared = new Map<string, UnitRelation[][]>();
  const add = (key: string, relations: UnitRelation[]) => {
    if (relations.length === 0) return;
    let lists = declared.get(key);
    if (lists === undefined) declared.set(key, (lists = []));
    lists.push(relations);
  };
  for (const unit of units) {
    for (const entry of unit.tables) add(entry.key, entry.relations);
    for (const [key, relations] of unit.foreignRelations) add(key, relations);
  }
  const before = new Map(
    previous?.tables.map((table) => [`${table.file}:${table.line}:${table.name}`, table]),
  );
  const tables = listed.map(({ key, table }) => {
    const configs = new Set<string>();
    const relations: Relation[] = [];
    for (const list of declared.get(key) ?? []) {
      const fresh = list.filter((entry) => !configs.has(entry.config));
      for (const entry of fresh) {
        relations.push({
          ...entry.relation,
          target: exportNameOf.get(entry.targetKey) ?? entry.targetFallback,
        });
      }
      for (const entry of fresh) configs.add(entry.config);
    }
    if (relations.length === 0) return table;
    const old = before.get(`${table.file}:${table.line}:${table.name}`);
    if (old !== undefined && sameTableWith(old, table, relations)) return old;
    const merged = { ...table, relations };
    mergedFrom.set(merged, table);
    return merged;
  });
  const diagnostics = new DiagnosticCollector();
  const modulesRead = new Set<string>();
  for (const unit of units) {
    diagnostics.pushAll(unit.diagnostics);
    for (const file of unit.modulesRead) modulesRead.add(file);
  }
  return { tables, diagnostics: diagnostics.list(), modulesRead: [...modulesRead] };
}

/** Each merged table → the unit's table it was made from. */
const mergedFrom = new WeakMap<Table, Table>();

/** True when `old` is `table` with these relations: made from the same unit table, the relations equal. */
function sameTableWith(old: Table, table: Table, relations: Relation[]): boolean {
  return mergedFrom.get(old) === table && JSON.stringify(old.relations) === JSON.stringify(relations);
}

function columnSqlName(
  column: Pick<ColumnSnapshot, 'name' | 'keyAsName'>,
  casing: Casing | undefined,
): string {
  return column.keyAsName ? applyCasing(column.name, casing) : column.name;
}

/**
 * Each table's columns by key, built once (a table's columns are fixed once it is built): constraints,
 * keys and references look columns up often.
 */
const snapshotsByKey = new WeakMap<TableDraft, Map<string, ColumnSnapshot>>();

function snapshotOf(table: TableDraft, key: string): ColumnSnapshot | undefined {
  let byKey = snapshotsByKey.get(table);
  if (byKey === undefined) {
    byKey = new Map();
    // The first column with a key wins, as `find` would.
    for (const column of table.columns) if (!byKey.has(column.key)) byKey.set(column.key, column);
    snapshotsByKey.set(table, byKey);
  }
  return byKey.get(key);
}

function buildTable(
  evaluator: SchemaEvaluator,
  draft: TableDraft,
  exportName: string,
  casing: Casing | undefined,
  diagnostics: DiagnosticCollector,
): Table {
  const sqlNameOf = (column: IndexColumn): string => {
    if (column.kind === 'sql') return column.text;
    const snapshot = snapshotOf(column.table, column.key);
    return snapshot === undefined ? column.key : columnSqlName(snapshot, casing);
  };
  const rawNameOf = (column: IndexColumn): string => {
    if (column.kind === 'sql') return column.text;
    return snapshotOf(column.table, column.key)?.name ?? column.key;
  };

  const foreignKeys: ForeignKey[] = [];
  const columns: Column[] = draft.columns.map((snapshot) => {
    const column: Column = {
      key: snapshot.key,
      sqlName: columnSqlName(snapshot, casing),
      sqlType: snapshot.sqlType,
      notNull: snapshot.notNull,
      primaryKey: snapshot.primaryKey,
      unique: snapshot.isUnique,
      hasDefault: snapshot.hasDefault,
    };
    if (snapshot.default !== undefined) {
      column.default =
        snapshot.default.length > MAX_DEFAULT_TEXT
          ? `${snapshot.default.slice(0, MAX_DEFAULT_TEXT)}…`
          : snapshot.default;
    }
    if (snapshot.enumValues !== undefined) column.enumValues = snapshot.enumValues;
    for (const reference of snapshot.references) {
      const target = evaluator.withBudget(
        draft.file,
        `the reference of '${draft.sqlName}.${snapshot.key}'`,
        () => evaluator.call(reference.fn, []),
      );
      if (target.kind !== 'tableColumn') {
        diagnostics.push({
          file: draft.file,
          line: draft.line,
          message: `cannot resolve the reference of '${draft.sqlName}.${snapshot.key}' statically`,
        });
        continue;
      }
      const foreign: IndexColumn = { kind: 'column', table: target.table, key: target.key };
      const onDelete =
        typeof reference.actions.onDelete === 'string' ? reference.actions.onDelete : undefined;
      const onUpdate =
        typeof reference.actions.onUpdate === 'string' ? reference.actions.onUpdate : undefined;
      column.references ??= {
        table: target.table.sqlName,
        column: sqlNameOf(foreign),
        ...(onDelete === undefined ? {} : { onDelete }),
        ...(onUpdate === undefined ? {} : { onUpdate }),
      };
      const own: IndexColumn = { kind: 'column', table: draft, key: snapshot.key };
      foreignKeys.push(
        foreignKey(
          draft,
          {
            kind: 'foreignKey',
            columns: [own],
            foreignColumns: [foreign],
            ...(onDelete === undefined ? {} : { onDelete }),
            ...(onUpdate === undefined ? {} : { onUpdate }),
          },
          sqlNameOf,
          rawNameOf,
          casing,
        ),
      );
    }
    return column;
  });

  const indexes: Index[] = [];
  const uniques: UniqueConstraint[] = [];
  const checks: CheckConstraint[] = [];
  let compositeKey: string[] | undefined;

  for (const constraint of extraConstraints(evaluator, draft)) {
    switch (constraint.kind) {
      case 'index': {
        const names = constraint.columns.map(sqlNameOf);
        const index: Index = { columns: names, unique: constraint.unique };
        const name =
          constraint.name ??
          (constraint.columns.every((column) => column.kind === 'column')
            ? `${draft.sqlName}_${names.join('_')}_index`
            : undefined);
        if (name !== undefined) index.name = name;
        if (constraint.using !== undefined) index.using = constraint.using;
        if (constraint.where !== undefined) index.where = constraint.where;
        indexes.push(index);
        break;
      }
      case 'unique': {
        const names = constraint.columns.map(sqlNameOf);
        // drizzle names it from the raw column names (UniqueConstraint's constructor), before any casing.
        const defaultName = `${draft.sqlName}_${constraint.columns.map(rawNameOf).join('_')}_unique`;
        const unique: UniqueConstraint = { name: constraint.name ?? defaultName, columns: names };
        if (constraint.nullsNotDistinct) unique.nullsNotDistinct = true;
        uniques.push(unique);
        break;
      }
      case 'primaryKey':
        compositeKey = constraint.columns.map(sqlNameOf);
        break;
      case 'foreignKey':
        foreignKeys.push(foreignKey(draft, constraint, sqlNameOf, rawNameOf, casing));
        fillColumnReference(columns, draft, constraint, sqlNameOf);
        break;
      case 'check':
        checks.push({
          name: constraint.name,
          expression: constraint.expression,
          sql: constraint.parts
            .map((part) =>
              part.kind === 'sql' ? part.text : quoteIdentifier(sqlNameOf(part), draft.dialect),
            )
            .join(''),
        });
        break;
    }
  }

  const table: Table = {
    name: exportName,
    sqlName: draft.sqlName,
    dialect: draft.dialect,
    file: draft.file,
    line: draft.line,
    columns,
    primaryKey: compositeKey ?? columns.filter((column) => column.primaryKey).map((column) => column.sqlName),
    foreignKeys,
    indexes,
    uniques,
    checks,
    relations: [],
  };
  if (draft.schema !== undefined) table.schema = draft.schema;
  return table;
}

function foreignKey(
  draft: TableDraft,
  constraint: Extract<ConstraintDraft, { kind: 'foreignKey' }>,
  sqlNameOf: (column: IndexColumn) => string,
  rawNameOf: (column: IndexColumn) => string,
  casing: Casing | undefined,
): ForeignKey {
  const foreignTable = constraint.foreignColumns.find((column) => column.kind === 'column');
  const foreignTableName = foreignTable?.kind === 'column' ? foreignTable.table.sqlName : '?';
  const columns = constraint.columns.map(sqlNameOf);
  const foreignColumns = constraint.foreignColumns.map(sqlNameOf);
  let name = constraint.name;
  if (name === undefined) {
    // drizzle's ForeignKey.getName() on raw names, then drizzle-kit's casing substitution.
    const rawFrom = constraint.columns.map(rawNameOf);
    const rawTo = constraint.foreignColumns.map(rawNameOf);
    name = `${[draft.sqlName, ...rawFrom, foreignTableName, ...rawTo].join('_')}_fk`;
    // Casing changes only names taken from keys; with none among these, there is nothing to substitute.
    const keyNamed = [...constraint.columns, ...constraint.foreignColumns].some(
      (column) => column.kind === 'column' && snapshotOf(column.table, column.key)?.keyAsName === true,
    );
    if (keyNamed && casing !== undefined) {
      rawFrom.forEach((raw, index) => (name = name!.replace(raw, columns[index]!)));
      rawTo.forEach((raw, index) => (name = name!.replace(raw, foreignColumns[index]!)));
    }
  }
  const key: ForeignKey = { name, columns, foreignTable: foreignTableName, foreignColumns };
  if (constraint.onDelete !== undefined) key.onDelete = constraint.onDelete;
  if (constraint.onUpdate !== undefined) key.onUpdate = constraint.onUpdate;
  return key;
}

/**
 * drizzle's runtime puts a single-column foreign key declared in the third argument on that column too,
 * after the column's own `.references()` (getTableConfig lists inline keys first), so the first one wins.
 */
function fillColumnReference(
  columns: Column[],
  draft: TableDraft,
  constraint: Extract<ConstraintDraft, { kind: 'foreignKey' }>,
  sqlNameOf: (column: IndexColumn) => string,
) {
  const [own, ...moreOwn] = constraint.columns;
  const [foreign, ...moreForeign] = constraint.foreignColumns;
  if (moreOwn.length > 0 || moreForeign.length > 0) return;
  if (own?.kind !== 'column' || own.table !== draft || foreign?.kind !== 'column') return;
  const column = columns.find((candidate) => candidate.key === own.key);
  if (column === undefined || column.references !== undefined) return;
  column.references = {
    table: foreign.table.sqlName,
    column: sqlNameOf(foreign),
    ...(constraint.onDelete === undefined ? {} : { onDelete: constraint.onDelete }),
    ...(constraint.onUpdate === undefined ? {} : { onUpdate: constraint.onUpdate }),
  };
}

/** The third argument of the table function, called as drizzle calls it: on the table's columns. */
function extraConstraints(evaluator: SchemaEvaluator, draft: TableDraft): ConstraintDraft[] {
  if (draft.extraConfig === undefined) return [];
  const columns: Value = {
    kind: 'object',
    props: new Map(
      draft.columns.map((column) => [column.key, { kind: 'tableColumn', table: draft, key: column.key }]),
    ),
  };
  const extraConfig = draft.extraConfig;
  const result =
    extraConfig.kind === 'function'
      ? evaluator.withBudget(draft.file, `the constraints of '${draft.sqlName}'`, () =>
          evaluator.call(extraConfig, [columns]),
        )
      : extraConfig;
  let items: Value[];
  if (result.kind === 'array')
    items = result.items.flatMap((item) => (item.kind === 'array' ? item.items : [item]));
  else if (result.kind === 'object') items = [...result.props.values()];
  else items = [];
  return items.flatMap((item) => (item.kind === 'constraint' ? [item.constraint] : []));
}

/** The relations declared on a table in this evaluation, their targets by key (named by the merge). */
function relationsOf(
  evaluator: SchemaEvaluator,
  draft: TableDraft,
  diagnostics: DiagnosticCollector,
): UnitRelation[] {
  const relations: UnitRelation[] = [];
  const helpers: Value = {
    kind: 'object',
    props: new Map<string, Value>([
      ['one', { kind: 'builtin', module: 'core', name: 'one' }],
      ['many', { kind: 'builtin', module: 'core', name: 'many' }],
    ]),
  };
  for (const config of draft.relationConfigs) {
    const result = evaluator.withBudget(config.file, `the relations of '${draft.sqlName}'`, () =>
      evaluator.call(config.fn, [helpers]),
    );
    if (result.kind !== 'object') {
      diagnostics.push({
        file: config.file,
        line: config.line,
        message: `cannot read the relations of '${draft.sqlName}' statically`,
      });
      continue;
    }
    for (const [name, value] of result.props) {
      if (value.kind !== 'relation') continue;
      const { relation: draftRelation } = value;
      const relation: Relation = { name, kind: draftRelation.kind, target: '' };
      const keys = (columns: IndexColumn[] | undefined) =>
        columns?.map((column) => (column.kind === 'column' ? column.key : column.text));
      const fields = keys(draftRelation.fields);
      const references = keys(draftRelation.references);
      if (fields !== undefined) relation.fields = fields;
      if (references !== undefined) relation.references = references;
      if (draftRelation.relationName !== undefined) relation.relationName = draftRelation.relationName;
      relations.push({
        config: `${config.file}:${config.line}`,
        relation,
        targetKey: draftKey(draftRelation.target),
        targetFallback: draftRelation.target.bindingName ?? draftRelation.target.sqlName,
      });
    }
  }
  return relations;
}

/** A column name as SQL: bare when it needs no quotes (`url`), else quoted for the dialect. */
function quoteIdentifier(name: string, dialect: Dialect): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name)) return name;
  return dialect === 'mysql' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`;
}
