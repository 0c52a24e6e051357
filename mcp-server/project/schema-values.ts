/**
 * The values the schema evaluator computes: plain JavaScript (literals, arrays, objects, functions) and
 * drizzle's builders as drafts (columns, tables, constraints, relations) that the schema extractor turns
 * into the inspection model. Shared by the interpreter (schema-evaluator.ts), drizzle's vocabulary applied
 * to values (drizzle-builders.ts) and the extractor.
 */
import type { ts } from 'ts-morph';
import { isStaticObject, type StaticObject, type StaticValue } from './drizzle-columns.js';
import type { DrizzleModule } from './drizzle-vocabulary.js';
import type { FileFacts } from './file-facts.js';
import type { Dialect } from './model.js';

export interface ColumnReferenceThunk {
  fn: Value;
  actions: StaticObject;
}

/** A column builder as drizzle holds it: mutable, shared by every table it is spread into. */
export interface ColumnDraft {
  dialect: Dialect;
  builder: string;
  name: string;
  keyAsName: boolean;
  sqlType: string;
  notNull: boolean;
  hasDefault: boolean;
  primaryKey: boolean;
  isUnique: boolean;
  default?: string;
  enumValues?: string[];
  references: ColumnReferenceThunk[];
}

/** A column as a table captured it when it was built (drizzle copies the builder's config). */
export interface ColumnSnapshot extends Omit<ColumnDraft, 'references'> {
  key: string;
  references: ColumnReferenceThunk[];
}

export interface TableDraft {
  id: number;
  dialect: Dialect;
  sqlName: string;
  schema?: string;
  file: string;
  line: number;
  /** The name of the top-level binding it was declared as. */
  bindingName?: string;
  columns: ColumnSnapshot[];
  extraConfig?: Value;
  relationConfigs: { fn: Value; file: string; line: number }[];
}

export type IndexColumn = { kind: 'column'; table: TableDraft; key: string } | { kind: 'sql'; text: string };

export type ConstraintDraft =
  | { kind: 'index'; name?: string; unique: boolean; columns: IndexColumn[]; using?: string; where?: string }
  | { kind: 'unique'; name?: string; columns: IndexColumn[]; nullsNotDistinct: boolean }
  | { kind: 'primaryKey'; name?: string; columns: IndexColumn[] }
  | {
      kind: 'foreignKey';
      name?: string;
      columns: IndexColumn[];
      foreignColumns: IndexColumn[];
      onDelete?: string;
      onUpdate?: string;
    }
  | { kind: 'check'; name: string; expression: string; parts: IndexColumn[] };

export interface RelationDraft {
  kind: 'one' | 'many';
  target: TableDraft;
  fields?: IndexColumn[];
  references?: IndexColumn[];
  relationName?: string;
}

export type FunctionNode =
  ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration;

/** A parsed module the evaluator may read: its tree (kept for schema files) and its facts. */
export interface EvaluatedModuleSource {
  file: string;
  sourceFile: ts.SourceFile;
  facts: FileFacts;
}

/** The evaluator's state for one module: its top-level bindings, their values, and its step budget. */
export interface ModuleState {
  source: EvaluatedModuleSource;
  /** Top-level bindings by name: the declaration that introduces each. */
  bindings: Map<string, ts.Node>;
  values: Map<string, Value>;
  evaluating: Set<string>;
  exports: Map<string, Value>;
  exportsEvaluating: Set<string>;
  /** The evaluation steps this module's code may spend in all (stepsPerFile), and what is left. */
  stepLimit: number;
  stepsLeft: number;
}

export interface Scope {
  vars: Map<string, Value>;
  parent?: Scope;
  module: ModuleState;
}

export type Value =
  | { kind: 'literal'; value: string | number | boolean | null | undefined }
  | { kind: 'array'; items: Value[] }
  | { kind: 'object'; props: Map<string, Value> }
  | { kind: 'column'; column: ColumnDraft }
  | { kind: 'builtin'; module: DrizzleModule; name: string }
  | { kind: 'drizzleNamespace'; module: DrizzleModule }
  | { kind: 'moduleNamespace'; file: string }
  | { kind: 'tableFactory'; dialect: Dialect; schema?: string; prefix?: Value }
  | { kind: 'dbSchema'; dialect: Dialect; name: string }
  | { kind: 'enum'; name: string; values: string[] }
  | { kind: 'customBuilder'; dialect: Dialect; params: Value }
  | { kind: 'table'; table: TableDraft }
  | { kind: 'tableColumn'; table: TableDraft; key: string }
  | {
      kind: 'sql';
      text: string;
      /** A `sql` template's pieces: its text and the columns it interpolates, for rendering it as SQL. */
      parts?: IndexColumn[];
    }
  | { kind: 'indexStart'; unique: boolean; name?: string }
  | { kind: 'uniqueStart'; name?: string }
  | { kind: 'constraint'; constraint: ConstraintDraft }
  | { kind: 'relation'; relation: RelationDraft }
  | { kind: 'function'; node: FunctionNode; scope: Scope; module: ModuleState }
  | { kind: 'unknown' };

export const UNKNOWN: Value = { kind: 'unknown' };
export const UNDEFINED: Value = { kind: 'literal', value: undefined };

export function indexColumn(value: Value): IndexColumn {
  if (value.kind === 'tableColumn') return { kind: 'column', table: value.table, key: value.key };
  if (value.kind === 'sql') return { kind: 'sql', text: value.text };
  return { kind: 'sql', text: '?' };
}

/** A value as plain data (for builder options and FK actions); undefined where it is not static. */
export function staticOf(value: Value): StaticValue {
  switch (value.kind) {
    case 'literal':
      return value.value;
    case 'array':
      return value.items.map(staticOf);
    case 'object': {
      const result: StaticObject = {};
      for (const [key, item] of value.props) result[key] = staticOf(item);
      return result;
    }
    default:
      return undefined;
  }
}

export function valueOf(data: StaticValue): Value {
  if (Array.isArray(data)) return { kind: 'array', items: data.map(valueOf) };
  if (isStaticObject(data)) {
    return {
      kind: 'object',
      props: new Map(Object.entries(data).map(([key, item]) => [key, valueOf(item)])),
    };
  }
  return { kind: 'literal', value: data as string | number | boolean | null | undefined };
}
