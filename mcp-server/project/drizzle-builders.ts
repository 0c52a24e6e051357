/**
 * drizzle's vocabulary applied to values: what calling drizzle's functions (`pgTable`, `text`, `index`,
 * `relations`, …) and chain methods (`.notNull()`, `.on()`, …) does, the way drizzle-orm would at run time.
 * Which names mean what is data in drizzle-vocabulary.ts; evaluating the code around them is the
 * interpreter's (schema-evaluator.ts), reached through `BuilderHost`.
 */
import { ts } from 'ts-morph';
import { columnNameAndOptions, isStaticObject, type StaticValue } from './drizzle-columns.js';
import {
  CONSTRAINT_BUILDERS,
  CONSTRAINT_METHODS,
  COLUMN_METHODS,
  COLUMN_STRUCTURE_METHODS,
  CORE_FUNCTIONS,
  DEFAULT_REFERENTIAL_ACTION,
  DIALECTS,
  DRIZZLE_MODULES,
  INDEX_COLUMN_METHODS,
  SCHEMA_METHODS,
  TABLE_METHODS,
  type ConstraintBuilder,
  type DrizzleModule,
} from './drizzle-vocabulary.js';
import { startLine } from './file-facts.js';
import type { Dialect } from './model.js';
import {
  indexColumn,
  staticOf,
  UNDEFINED,
  UNKNOWN,
  valueOf,
  type ColumnDraft,
  type ColumnSnapshot,
  type ConstraintDraft,
  type IndexColumn,
  type RelationDraft,
  type Scope,
  type TableDraft,
  type Value,
} from './schema-values.js';

/** What applying drizzle's vocabulary needs from the interpreter. */
export interface BuilderHost {
  evaluate(expression: ts.Expression, scope: Scope): Value;
  /** Calls a function value on argument values. */
  invoke(fn: Value, args: Value[]): Value;
  member(target: Value, name: string): Value;
  report(scope: Scope, node: ts.Node, message: string): void;
  /** The source text of a node. */
  text(scope: Scope, node: ts.Node): string;
  newTableId(): number;
  /** Records a table as it is built: relations declared in another module are found on it later. */
  tableBuilt(table: TableDraft): void;
}

/** A call of one of drizzle's values: its arguments, evaluated on demand, and where it is in the source. */
export interface DrizzleCall {
  args(): Value[];
  /** Absent when the reading itself calls the value (a table creator's callback, a relations helper). */
  site?: { node: ts.CallExpression; scope: Scope };
}

/** The value an import from one of drizzle's modules stands for; undefined for any other module. */
export function drizzleImport(specifier: string, imported: string): Value | undefined {
  const module = DRIZZLE_MODULES[specifier];
  if (module === undefined) return undefined;
  return imported === '*'
    ? { kind: 'drizzleNamespace', module }
    : { kind: 'builtin', module, name: imported };
}

/** drizzle's values that can be called: its functions, table functions, enums and custom types. */
export function isDrizzleCallable(
  value: Value,
): value is Extract<Value, { kind: 'builtin' | 'tableFactory' | 'enum' | 'customBuilder' }> {
  return (
    value.kind === 'builtin' ||
    value.kind === 'tableFactory' ||
    value.kind === 'enum' ||
    value.kind === 'customBuilder'
  );
}

/** Calls one of drizzle's callable values. */
export function callDrizzle(
  host: BuilderHost,
  fn: Extract<Value, { kind: 'builtin' | 'tableFactory' | 'enum' | 'customBuilder' }>,
  call: DrizzleCall,
): Value {
  switch (fn.kind) {
    case 'builtin':
      return fn.module === 'core' ? callCore(fn.name, call) : callDialect(host, fn.module, fn.name, call);
    case 'tableFactory':
      return buildTable(host, fn, call);
    case 'enum': {
      const [name] = call.args();
      return {
        kind: 'column',
        column: newColumn('pg', 'enum', staticOf(name ?? UNDEFINED), fn.name, {
          enumValues: [...fn.values],
        }),
      };
    }
    case 'customBuilder': {
      const [first, second] = call.args().map(staticOf);
      const { name, options } = columnNameAndOptions(first, second);
      const dataType = host.member(fn.params, 'dataType');
      const result = dataType.kind === 'function' ? host.invoke(dataType, [valueOf(options)]) : UNKNOWN;
      const sqlType =
        result.kind === 'literal' && typeof result.value === 'string' ? result.value : 'unknown';
      return { kind: 'column', column: newColumn(fn.dialect, 'customType', name, sqlType) };
    }
  }
}

function callCore(name: string, call: DrizzleCall): Value {
  const meaning = (CORE_FUNCTIONS as Record<string, string>)[name];
  if (meaning === 'relations') {
    const [table, fn] = call.args();
    if (table?.kind === 'table' && fn !== undefined && call.site !== undefined) {
      const { node, scope } = call.site;
      table.table.relationConfigs.push({
        fn,
        file: scope.module.source.file,
        line: startLine(scope.module.source.sourceFile, node),
      });
    }
    return UNKNOWN;
  }
  if (meaning === 'relation') {
    const [target, config] = call.args();
    if (target?.kind !== 'table') return UNKNOWN;
    const relation: RelationDraft = { kind: name as RelationDraft['kind'], target: target.table };
    if (config?.kind === 'object') {
      const fields = config.props.get('fields');
      const references = config.props.get('references');
      const relationName = config.props.get('relationName');
      if (fields?.kind === 'array') relation.fields = fields.items.map(indexColumn);
      if (references?.kind === 'array') relation.references = references.items.map(indexColumn);
      if (relationName?.kind === 'literal' && typeof relationName.value === 'string') {
        relation.relationName = relationName.value;
      }
    }
    return { kind: 'relation', relation };
  }
  return UNKNOWN;
}

function callDialect(host: BuilderHost, dialect: Dialect, name: string, call: DrizzleCall): Value {
  const vocabulary = DIALECTS[dialect];
  if (name === vocabulary.table) return buildTable(host, { kind: 'tableFactory', dialect }, call);
  if (name === vocabulary.tableCreator) {
    const [prefix] = call.args();
    return { kind: 'tableFactory', dialect, prefix: prefix ?? UNKNOWN };
  }
  if (vocabulary.schemas.includes(name)) {
    const [schemaName] = call.args();
    if (schemaName?.kind === 'literal' && typeof schemaName.value === 'string') {
      return { kind: 'dbSchema', dialect, name: schemaName.value };
    }
    return UNKNOWN;
  }
  const enumFunction = Object.hasOwn(vocabulary.enums, name) ? vocabulary.enums[name] : undefined;
  if (enumFunction === 'enum') {
    const [enumName, values] = call.args();
    return enumValue(enumName, values);
  }
  if (enumFunction === 'column') {
    const args = call.args();
    const first = args[0];
    const named = first?.kind === 'literal' && typeof first.value === 'string';
    const values = enumValues(named ? args[1] : first) ?? [];
    const sqlName = named && (first.value as string).length > 0 ? (first.value as string) : '';
    const sqlType = `enum(${values.map((value) => `'${value}'`).join(',')})`;
    return {
      kind: 'column',
      column: newColumn(dialect, name, sqlName, sqlType, { enumValues: values }),
    };
  }
  if (name === vocabulary.customType) {
    const [params] = call.args();
    return { kind: 'customBuilder', dialect, params: params ?? UNKNOWN };
  }
  const constraint = Object.hasOwn(CONSTRAINT_BUILDERS, name) ? CONSTRAINT_BUILDERS[name] : undefined;
  if (constraint !== undefined) return constraintStart(constraint, call.args());
  const spec = Object.hasOwn(vocabulary.columns, name) ? vocabulary.columns[name] : undefined;
  if (spec !== undefined) {
    const [first, second] = call.args().map(staticOf);
    const { name: sqlName, options } = columnNameAndOptions(first, second);
    const column = newColumn(dialect, name, sqlName, spec.sqlType(options));
    if (spec.enumOption) {
      const values = enumValues(valueOf(options.enum));
      if (values !== undefined) column.enumValues = values;
    }
    if (spec.implicitDefault !== undefined) {
      column.hasDefault = true;
      if (spec.implicitDefault === 'serial') column.notNull = true;
    }
    return { kind: 'column', column };
  }
  return UNKNOWN;
}

function constraintStart(builder: ConstraintBuilder, args: Value[]): Value {
  const first = args[0];
  const optionalName = first?.kind === 'literal' && typeof first.value === 'string' ? first.value : undefined;
  switch (builder.makes) {
    case 'index':
      return optionalName === undefined
        ? { kind: 'indexStart', unique: builder.unique }
        : { kind: 'indexStart', unique: builder.unique, name: optionalName };
    case 'unique':
      return optionalName === undefined
        ? { kind: 'uniqueStart' }
        : { kind: 'uniqueStart', name: optionalName };
    case 'primaryKey': {
      if (first?.kind === 'object' && first.props.has('columns')) {
        const columns = first.props.get('columns');
        const pkName = first.props.get('name');
        const constraint: ConstraintDraft = {
          kind: 'primaryKey',
          columns: columns?.kind === 'array' ? columns.items.map(indexColumn) : [],
        };
        if (pkName?.kind === 'literal' && typeof pkName.value === 'string') constraint.name = pkName.value;
        return { kind: 'constraint', constraint };
      }
      return { kind: 'constraint', constraint: { kind: 'primaryKey', columns: args.map(indexColumn) } };
    }
    case 'foreignKey': {
      if (first?.kind !== 'object') return UNKNOWN;
      const columns = first.props.get('columns');
      const foreignColumns = first.props.get('foreignColumns');
      const fkName = first.props.get('name');
      const constraint: ConstraintDraft = {
        kind: 'foreignKey',
        columns: columns?.kind === 'array' ? columns.items.map(indexColumn) : [],
        foreignColumns: foreignColumns?.kind === 'array' ? foreignColumns.items.map(indexColumn) : [],
      };
      if (fkName?.kind === 'literal' && typeof fkName.value === 'string') constraint.name = fkName.value;
      return { kind: 'constraint', constraint };
    }
    case 'check': {
      const expression = args[1];
      return {
        kind: 'constraint',
        constraint: {
          kind: 'check',
          name: optionalName ?? '',
          expression: expression?.kind === 'sql' ? expression.text : '',
          parts: expression?.kind === 'sql' ? (expression.parts ?? []) : [],
        },
      };
    }
  }
}

/**
 * A chain method called on one of drizzle's values (`column.notNull()`, `index().on(…)`); undefined when
 * the receiver is not drizzle's, for the interpreter to call the member itself.
 */
export function drizzleMethod(
  host: BuilderHost,
  receiver: Value,
  name: string,
  node: ts.CallExpression,
  scope: Scope,
): Value | undefined {
  const args = () => node.arguments.map((argument) => evaluateArgument(host, argument, scope));
  switch (receiver.kind) {
    case 'column':
      return columnMethod(host, receiver, name, node, scope);
    case 'tableColumn':
      // asc(), desc(), nullsFirst(), op(): index ordering does not change which column it is.
      return receiver;
    case 'table':
      return TABLE_METHODS.includes(name) ? receiver : UNKNOWN;
    case 'dbSchema':
      if (name === SCHEMA_METHODS.table) {
        return buildTable(
          host,
          { kind: 'tableFactory', dialect: receiver.dialect, schema: receiver.name },
          { args, site: { node, scope } },
        );
      }
      if (name === SCHEMA_METHODS.enum) {
        const [enumName, values] = args();
        return enumValue(enumName, values);
      }
      return UNKNOWN;
    case 'indexStart': {
      const shape = Object.hasOwn(INDEX_COLUMN_METHODS, name)
        ? INDEX_COLUMN_METHODS[name as keyof typeof INDEX_COLUMN_METHODS]
        : undefined;
      const values = args();
      const base = {
        kind: 'index' as const,
        unique: receiver.unique,
        ...(receiver.name === undefined ? {} : { name: receiver.name }),
      };
      if (shape === 'columns')
        return { kind: 'constraint', constraint: { ...base, columns: values.map(indexColumn) } };
      if (shape === 'method-then-columns') {
        const [method, ...columns] = values;
        const constraint: ConstraintDraft = { ...base, columns: columns.map(indexColumn) };
        if (method?.kind === 'literal' && typeof method.value === 'string') constraint.using = method.value;
        return { kind: 'constraint', constraint };
      }
      return UNKNOWN;
    }
    case 'uniqueStart': {
      if (name !== 'on') return UNKNOWN;
      const columns = args().map(indexColumn);
      const constraint: ConstraintDraft = { kind: 'unique', columns, nullsNotDistinct: false };
      if (receiver.name !== undefined) constraint.name = receiver.name;
      return { kind: 'constraint', constraint };
    }
    case 'constraint':
      return constraintMethod(host, receiver, name, node, scope);
    case 'sql':
      return receiver; // .as(), .mapWith(), .inlineParams()
    case 'builtin':
      if (receiver.module === 'core' && CORE_FUNCTIONS[receiver.name as 'sql'] === 'sql') {
        const [first] = node.arguments;
        return { kind: 'sql', text: first === undefined ? '' : host.text(scope, first) };
      }
      return UNKNOWN;
    default:
      return undefined;
  }
}

function evaluateArgument(host: BuilderHost, argument: ts.Expression, scope: Scope): Value {
  return ts.isSpreadElement(argument) ? UNKNOWN : host.evaluate(argument, scope);
}

function constraintMethod(
  host: BuilderHost,
  receiver: Extract<Value, { kind: 'constraint' }>,
  name: string,
  node: ts.CallExpression,
  scope: Scope,
): Value {
  const constraint = receiver.constraint;
  const methods = (CONSTRAINT_METHODS as Record<string, Record<string, string> | undefined>)[constraint.kind];
  const effect = methods !== undefined && Object.hasOwn(methods, name) ? methods[name] : undefined;
  if (effect === undefined) return receiver;
  const [first] = node.arguments;
  const literal = () => {
    const value = first === undefined ? UNDEFINED : host.evaluate(first, scope);
    return value.kind === 'literal' && typeof value.value === 'string' ? value.value : undefined;
  };
  if (constraint.kind === 'index') {
    if (effect === 'condition' && first !== undefined) {
      const condition = host.evaluate(first, scope);
      constraint.where = condition.kind === 'sql' ? condition.text : host.text(scope, first);
    } else if (effect === 'method') {
      const method = literal();
      if (method !== undefined) constraint.using = method;
    }
  } else if (constraint.kind === 'unique' && effect === 'flag') {
    constraint.nullsNotDistinct = true;
  } else if (constraint.kind === 'foreignKey' && effect === 'action') {
    constraint[name as 'onDelete' | 'onUpdate'] = literal() ?? DEFAULT_REFERENTIAL_ACTION;
  }
  return receiver;
}

function columnMethod(
  host: BuilderHost,
  receiver: Extract<Value, { kind: 'column' }>,
  name: string,
  node: ts.CallExpression,
  scope: Scope,
): Value {
  const column = receiver.column;
  const effect = Object.hasOwn(COLUMN_METHODS, name) ? COLUMN_METHODS[name] : undefined;
  if (effect !== undefined) {
    if (effect.primaryKey) column.primaryKey = true;
    if (effect.notNull) column.notNull = true;
    if (effect.isUnique) column.isUnique = true;
    if (effect.hasDefault) column.hasDefault = true;
    const rowid = effect.hasDefaultFor;
    if (rowid !== undefined && column.dialect === rowid.dialect && rowid.builders.includes(column.builder))
      column.hasDefault = true;
    if (effect.defaultText !== undefined) {
      const source = host.text(scope, node).slice(host.text(scope, node.expression).length - name.length);
      if (effect.defaultText === 'replace') column.default = source;
      else column.default ??= source;
    }
    return receiver;
  }
  if (name === 'array') {
    if (!COLUMN_STRUCTURE_METHODS.array.dialects.includes(column.dialect)) return receiver;
    const [size] = node.arguments.map((argument) => evaluateArgument(host, argument, scope));
    const suffix = size?.kind === 'literal' && typeof size.value === 'number' ? String(size.value) : '';
    const array = newColumn(column.dialect, 'array', column.name, `${column.sqlType}[${suffix}]`);
    if (column.enumValues !== undefined) array.enumValues = column.enumValues;
    return { kind: 'column', column: array };
  }
  if (name === 'references') {
    const [fn, actions] = node.arguments.map((argument) => evaluateArgument(host, argument, scope));
    const staticActions = staticOf(actions ?? UNDEFINED);
    column.references.push({
      fn: fn ?? UNKNOWN,
      actions: isStaticObject(staticActions) ? staticActions : {},
    });
  }
  // $type(), generatedAlwaysAs(), and the rest do not change what is compared.
  return receiver;
}

/** A member of one of drizzle's values; undefined when the target is not drizzle's. */
export function drizzleMember(target: Value, name: string): Value | undefined {
  switch (target.kind) {
    case 'table': {
      const column = target.table.columns.find((candidate) => candidate.key === name);
      return column === undefined ? UNKNOWN : { kind: 'tableColumn', table: target.table, key: name };
    }
    case 'drizzleNamespace':
      return { kind: 'builtin', module: target.module, name };
    case 'enum':
      if (name === 'enumValues')
        return { kind: 'array', items: target.values.map((value) => ({ kind: 'literal', value })) };
      if (name === 'enumName') return { kind: 'literal', value: target.name };
      return UNKNOWN;
    default:
      return undefined;
  }
}

/** Whether a template tag is drizzle's `sql`. */
export function isSqlTag(tag: Value): boolean {
  return tag.kind === 'builtin' && tag.module === 'core' && CORE_FUNCTIONS[tag.name as 'sql'] === 'sql';
}

/**
 * A `sql` template: its text, and its pieces as text and columns (`${t.url} ~ '^https?://'` is the column
 * `url`, then text). A nested `sql` fragment is spliced in; a literal is written as SQL; anything else
 * keeps its source, `${…}`.
 */
export function sqlTemplate(host: BuilderHost, template: ts.TemplateLiteral, scope: Scope): Value {
  const text = templateBody(host.text(scope, template));
  const raw = (piece: ts.TemplateLiteralLikeNode) => piece.rawText ?? piece.text;
  if (ts.isNoSubstitutionTemplateLiteral(template))
    return { kind: 'sql', text, parts: [{ kind: 'sql', text: raw(template) }] };
  const parts: IndexColumn[] = [{ kind: 'sql', text: raw(template.head) }];
  for (const span of template.templateSpans) {
    const value = host.evaluate(span.expression, scope);
    if (value.kind === 'tableColumn') parts.push(indexColumn(value));
    else if (value.kind === 'sql') parts.push(...(value.parts ?? [{ kind: 'sql', text: value.text }]));
    else if (value.kind === 'literal' && typeof value.value === 'number')
      parts.push({ kind: 'sql', text: String(value.value) });
    else if (value.kind === 'literal' && typeof value.value === 'string')
      parts.push({ kind: 'sql', text: `'${value.value.replaceAll("'", "''")}'` });
    else parts.push({ kind: 'sql', text: `\${${host.text(scope, span.expression)}}` });
    parts.push({ kind: 'sql', text: raw(span.literal) });
  }
  return { kind: 'sql', text, parts };
}

/** The text between a template's backticks. */
function templateBody(text: string): string {
  return text.startsWith('`') && text.endsWith('`') ? text.slice(1, -1) : text;
}

/** A table function called: the table with a snapshot of each column builder, as drizzle builds it. */
function buildTable(
  host: BuilderHost,
  factory: Extract<Value, { kind: 'tableFactory' }>,
  call: DrizzleCall,
): Value {
  const args = call.args();
  if (call.site === undefined) return UNKNOWN;
  const { node, scope } = call.site;
  const [nameValue, columnsValue, extraConfig] = args;
  if (nameValue?.kind !== 'literal' || typeof nameValue.value !== 'string') {
    host.report(scope, node, 'the table name is not a string literal; table skipped');
    return UNKNOWN;
  }
  let sqlName = nameValue.value;
  if (factory.prefix !== undefined) {
    const prefixed = factory.prefix.kind === 'unknown' ? UNKNOWN : host.invoke(factory.prefix, [nameValue]);
    if (prefixed.kind === 'literal' && typeof prefixed.value === 'string') {
      sqlName = prefixed.value;
    } else {
      host.report(
        scope,
        node,
        `cannot compute the table creator's name for '${nameValue.value}'; using it unprefixed`,
      );
    }
  }
  let columns = columnsValue;
  if (columns?.kind === 'function')
    columns = host.invoke(columns, [{ kind: 'drizzleNamespace', module: factory.dialect }]);
  const table: TableDraft = {
    id: host.newTableId(),
    dialect: factory.dialect,
    sqlName,
    file: scope.module.source.file,
    line: startLine(scope.module.source.sourceFile, node),
    columns: [],
    relationConfigs: [],
  };
  host.tableBuilt(table);
  if (factory.schema !== undefined) table.schema = factory.schema;
  if (extraConfig !== undefined && extraConfig.kind !== 'literal') table.extraConfig = extraConfig;
  if (columns?.kind !== 'object') {
    host.report(scope, node, `cannot read the columns of table '${sqlName}' statically`);
    return { kind: 'table', table };
  }
  for (const [key, value] of columns.props) {
    if (value.kind !== 'column') {
      if (key.startsWith('...')) continue; // already reported
      host.report(scope, node, `cannot resolve column '${key}' of table '${sqlName}' statically`);
      table.columns.push({
        ...newColumn(factory.dialect, 'unknown', key, 'unknown'),
        key,
        references: [],
      });
      continue;
    }
    const draft = value.column;
    if (draft.name === '') draft.name = key; // drizzle's setName(): only the first table names a shared builder
    const snapshot: ColumnSnapshot = { ...draft, key, references: [...draft.references] };
    if (draft.enumValues !== undefined) snapshot.enumValues = [...draft.enumValues];
    table.columns.push(snapshot);
  }
  return { kind: 'table', table };
}

function newColumn(
  dialect: Dialect,
  builder: string,
  name: StaticValue,
  sqlType: string,
  extra: { enumValues?: string[] } = {},
): ColumnDraft {
  const sqlName = typeof name === 'string' ? name : '';
  const column: ColumnDraft = {
    dialect,
    builder,
    name: sqlName,
    keyAsName: sqlName === '',
    sqlType,
    notNull: false,
    hasDefault: false,
    primaryKey: false,
    isUnique: false,
    references: [],
  };
  if (extra.enumValues !== undefined) column.enumValues = extra.enumValues;
  return column;
}

function enumValues(value: Value | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (value.kind === 'array') {
    const items = value.items.map((item) => (item.kind === 'literal' ? item.value : undefined));
    return items.every((item): item is string => typeof item === 'string') ? items : undefined;
  }
  if (value.kind === 'object') {
    const items = [...value.props.values()].map((item) => (item.kind === 'literal' ? item.value : undefined));
    return items.every((item): item is string => typeof item === 'string') ? items : undefined;
  }
  return undefined;
}

function enumValue(name: Value | undefined, values: Value | undefined): Value {
  if (name?.kind !== 'literal' || typeof name.value !== 'string') return UNKNOWN;
  return { kind: 'enum', name: name.value, values: enumValues(values) ?? [] };
}

export type { DrizzleModule };
