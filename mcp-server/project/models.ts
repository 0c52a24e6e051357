/**
 * Model modules: where `createModelFactory(db, 'name', table)` is called (imported from
 * `many-first/model-factory` or the project's own factory module), which table it is built on, and the
 * names its ops are exported under — `export const insertTags = insert`, `export { insert as insertTags }`,
 * `const { delete: deleteOp } = …`, `export const selectTags = tagsModel.select` alike.
 */
import { MODEL_FACTORY_FUNCTION, MODEL_FACTORY_PACKAGE, MODEL_OPS } from '../../conventions/vocabulary.js';
import type { ConventionMatchers } from './convention-matchers.js';
import type { FileFacts, InitShape } from './file-facts.js';
import type { Model, ModelOp, ModelOpKind } from './model.js';
import { symbolKey, type ModuleGraph, type SymbolRef } from './module-graph.js';

export const MODEL_OP_KINDS: readonly ModelOpKind[] = MODEL_OPS;

export interface ModelContext {
  files: readonly string[];
  factsOf(file: string): FileFacts | undefined;
  graph: ModuleGraph;
  matchers: ConventionMatchers;
  /** The table declared by a top-level binding (`symbolKey`), by its TS export name. */
  tableBySymbol: ReadonlyMap<string, string>;
  /** Files importing each file. */
  importedBy: ReadonlyMap<string, readonly string[]>;
}

export interface ModelAnalysis {
  models: Model[];
  /** Each op's declaration (`symbolKey`) → the name the model exports it under. */
  opsBySymbol: Map<string, { model: Model; op: ModelOp }>;
  /** Each other export's declaration (`symbolKey`) → the model and the name it is exported under. */
  functionsBySymbol: Map<string, { model: Model; exportName: string }>;
  /** Models whose factory call names a table the schema does not declare. */
  unknownTables: { model: Model; table: string }[];
}

interface FactoryCall {
  line: number;
  tableName?: string;
  table?: SymbolRef;
  tableText?: string;
}

/** A function the analysis recognises by where it is imported from. */
export interface KnownFunction {
  name: string;
  /** The package that exports it. */
  specifier: string;
  /** A project module that counts as defining it even when the graph cannot follow the export. */
  isProjectModule?: (file: string) => boolean;
}

const MODEL_FACTORY: KnownFunction = { name: MODEL_FACTORY_FUNCTION, specifier: MODEL_FACTORY_PACKAGE };

/**
 * True when a callee path used in a file is the known function: imported from its package, re-exported by
 * a project module, declared in the file under its name, or called on a namespace import.
 */
export function isKnownCallee(
  context: Pick<ModelContext, 'graph'>,
  facts: FileFacts,
  callee: readonly string[],
  known: KnownFunction,
): boolean {
  const [head, member] = callee;
  if (head === undefined) return false;
  if (callee.length === 1) {
    if (facts.declarations.get(head)?.kind === 'function' && head === known.name) return true;
    const binding = facts.imports.find((candidate) => candidate.local === head);
    if (binding === undefined || binding.imported === '*') return false;
    if (binding.specifier === known.specifier) return binding.imported === known.name;
    if (binding.resolved === undefined) return false;
    const target = context.graph.resolveExport(binding.resolved, binding.imported);
    return (
      target?.name === known.name ||
      (binding.imported === known.name && known.isProjectModule?.(binding.resolved) === true)
    );
  }
  if (callee.length === 2 && member === known.name) {
    const binding = facts.imports.find((candidate) => candidate.local === head && candidate.imported === '*');
    return binding !== undefined && (binding.specifier === known.specifier || binding.resolved !== undefined);
  }
  return false;
}

/** One module's part of the model analysis: its model, when it is one, and the symbols it exports. */
export interface ModelFileResult {
  model: Model;
  /** Each op's declaration (`symbolKey`) and the op. */
  ops: [string, ModelOp][];
  /** Each other export's declaration (`symbolKey`) and the name it is exported under. */
  functions: [string, string][];
  /** The table text the factory call names when the schema does not declare it. */
  unknownTable?: string;
}

export function analyseModels(context: ModelContext): ModelAnalysis {
  const tableOf = (key: string) => context.tableBySymbol.get(key);
  const results: ModelFileResult[] = [];
  for (const file of context.files) {
    const result = analyseModelFile(context, file, tableOf);
    if (result !== undefined) results.push(result);
  }
  return mergeModels(results);
}

/** The project's model analysis from its modules' parts, in file order. */
export function mergeModels(results: readonly ModelFileResult[]): ModelAnalysis {
  const models: Model[] = [];
  const opsBySymbol = new Map<string, { model: Model; op: ModelOp }>();
  const functionsBySymbol = new Map<string, { model: Model; exportName: string }>();
  const unknownTables: ModelAnalysis['unknownTables'] = [];
  for (const { model, ops, functions, unknownTable } of results) {
    models.push(model);
    for (const [key, op] of ops) opsBySymbol.set(key, { model, op });
    for (const [key, exportName] of functions) functionsBySymbol.set(key, { model, exportName });
    if (unknownTable !== undefined) unknownTables.push({ model, table: unknownTable });
  }
  return { models, opsBySymbol, functionsBySymbol, unknownTables };
}

/**
 * One module as a model, or undefined when it is none. `tableOf` answers the table a declaration
 * (`symbolKey`) declares; the module's facts, the graph and these answers are all it reads.
 */
export function analyseModelFile(
  context: Omit<ModelContext, 'files' | 'tableBySymbol'>,
  file: string,
  tableOf: (symbol: string) => string | undefined,
): ModelFileResult | undefined {
  const facts = context.factsOf(file);
  if (facts === undefined) return undefined;
  const inModels = context.matchers.isModel(file);
  const factoryLocals = new Map<string, FactoryCall>();
  let firstCall: FactoryCall | undefined;

  const factoryOf = (shape: InitShape | undefined): FactoryCall | undefined => {
    if (shape?.kind !== 'call') return undefined;
    const known = { ...MODEL_FACTORY, isProjectModule: context.matchers.isModelFactory };
    if (!isKnownCallee(context, facts, shape.callee, known)) return undefined;
    const call: FactoryCall = { line: shape.line };
    const [, tableName, table] = shape.args;
    if (tableName?.kind === 'string') call.tableName = tableName.value;
    if (table?.kind === 'ref') {
      call.tableText = table.path.join('.');
      const ref = context.graph.resolvePath(file, table.path);
      if (ref !== undefined) call.table = ref;
    }
    return call;
  };

  for (const declaration of facts.declarations.values()) {
    const direct = factoryOf(declaration.init);
    const viaDestructure =
      declaration.init?.kind === 'destructured' ? factoryOf(declaration.init.from) : undefined;
    const call = direct ?? viaDestructure;
    if (call === undefined) continue;
    if (direct !== undefined) factoryLocals.set(declaration.name, direct);
    if (firstCall === undefined || call.line < firstCall.line) firstCall = call;
  }
  if (firstCall === undefined && !inModels) return undefined;

  const exportsOnlyReexports =
    facts.declarations.size === 0 && facts.exports.every((entry) => entry.from !== undefined);
  if (firstCall === undefined && exportsOnlyReexports) return undefined; // a barrel, not a model

  // Which factory op a local binding is, following aliases within the module.
  const opOf = (name: string, depth = 0): ModelOpKind | undefined => {
    if (depth > 8) return undefined;
    const init = facts.declarations.get(name)?.init;
    if (init === undefined) return undefined;
    if (init.kind === 'destructured') {
      const from = init.from;
      const isFactory =
        factoryOf(from) !== undefined ||
        (from.kind === 'ref' && from.path.length === 1 && factoryLocals.has(from.path[0]!));
      return isFactory ? asOp(init.property) : undefined;
    }
    if (init.kind === 'ref') {
      if (init.path.length === 2 && factoryLocals.has(init.path[0]!)) return asOp(init.path[1]!);
      if (init.path.length === 1) return opOf(init.path[0]!, depth + 1);
    }
    return undefined;
  };

  const model: Model = {
    file,
    ops: [],
    otherExports: [],
    importedBy: [...(context.importedBy.get(file) ?? [])],
  };
  const result: ModelFileResult = { model, ops: [], functions: [] };
  if (firstCall !== undefined) {
    model.factoryCall = { line: firstCall.line };
    if (firstCall.tableName !== undefined) model.tableName = firstCall.tableName;
    const tableName = firstCall.table === undefined ? undefined : tableOf(symbolKey(firstCall.table));
    if (tableName !== undefined) model.table = tableName;
    else if (firstCall.tableText !== undefined) result.unknownTable = firstCall.tableText;
  }
  for (const entry of facts.exports) {
    if (entry.local === undefined) {
      if (entry.exported !== '*') model.otherExports.push(entry.exported);
      continue;
    }
    const op = opOf(entry.local);
    if (op === undefined) {
      model.otherExports.push(entry.exported);
      result.functions.push([symbolKey({ file, name: entry.local }), entry.exported]);
      continue;
    }
    const modelOp: ModelOp = { exportName: entry.exported, op, line: entry.line };
    model.ops.push(modelOp);
    result.ops.push([symbolKey({ file, name: entry.local }), modelOp]);
  }
  return result;
}

function asOp(name: string): ModelOpKind | undefined {
  return (MODEL_OP_KINDS as readonly string[]).includes(name) ? (name as ModelOpKind) : undefined;
}
