/**
 * The derivations wired once: module graph → schema → models and test factories → tables joined with them
 * → actions → usages → structure checks. Plain data in (each file's facts, its syntax tree on demand, the
 * convention matchers), plain data out, each computed lazily and at most once per `Analysis`. No derivation
 * changes another's output: the tables handed out are new objects carrying their model, never the schema
 * extraction's own. The project index, `readSchema` and the analysis tests all build their answers here.
 */
import type { Conventions } from '../../conventions/index.js';
import { analyseActions } from './actions.js';
import type { ConventionMatchers } from './convention-matchers.js';
import type { Casing } from './drizzle-columns.js';
import type { FileFacts } from './file-facts.js';
import { structureFindings } from './findings.js';
import type { Finding, ServerAction, Table, Usage } from './model.js';
import { analyseModels, type ModelAnalysis } from './models.js';
import { ModuleGraph, symbolKey, type SymbolRef } from './module-graph.js';
import type { EvaluatorHost } from './schema-evaluator.js';
import { extractSchema, type SchemaExtraction } from './schema-extractor.js';
import { analyseTestFactories, type FoundTestFactory } from './test-factories.js';
import { indexUsages } from './usages.js';

export interface AnalysisInput {
  /** Every source file, root-relative, sorted. */
  files: readonly string[];
  factsOf(file: string): FileFacts | undefined;
  /** A module with its syntax tree, parsed on demand: the schema evaluator reads these. */
  module: EvaluatorHost['module'];
  matchers: ConventionMatchers;
  /** The casing drizzle.config gives; else the one passed to `drizzle(…)` in a database-client module. */
  configuredCasing?: Casing;
  /** A schema reading to keep: the caller knows no module it read has changed since. */
  schema?: SchemaAnalysis;
}

/** The schema extraction and, for each table, the binding that declares it (for usages and models). */
export interface SchemaAnalysis {
  /** The schema files read, root-relative. */
  schemaFiles: string[];
  extraction: SchemaExtraction;
  /** `tableKey(table)` → the top-level binding that declares the table. */
  bindings: ReadonlyMap<string, SymbolRef>;
}

export interface Analysis {
  readonly input: AnalysisInput;
  graph(): ModuleGraph;
  schema(): SchemaAnalysis;
  /** The schema reading when one was made or given, without making one. */
  cachedSchema(): SchemaAnalysis | undefined;
  /** The schema's tables joined with their model module and test factory: new objects, never cached ones. */
  tables(): Table[];
  models(): ModelAnalysis;
  testFactories(): FoundTestFactory[];
  actions(): ServerAction[];
  /** Every reference to a top-level declaration, by `symbolKey`. */
  usages(): Map<string, Usage[]>;
  structure(conventions: Conventions): Finding[];
}

/** A table's identity across derivations: where it is declared and its TS export name. */
export function tableKey(table: Pick<Table, 'file' | 'name'>): string {
  return symbolKey({ file: table.file, name: table.name });
}

/** The casing the first of `files` passes to `drizzle(...)`, where the client is created. */
function drizzleCasingIn(
  files: Iterable<string>,
  factsOf: (file: string) => FileFacts | undefined,
): Casing | undefined {
  for (const file of files) {
    const casing = factsOf(file)?.drizzleCasing[0]?.casing;
    if (casing === 'snake_case' || casing === 'camelCase') return casing;
  }
  return undefined;
}

/** The files that declare the schema: those the globs match, else those importing a drizzle core module. */
export function schemaFilesOf(input: Pick<AnalysisInput, 'files' | 'factsOf' | 'matchers'>): string[] {
  const matched = input.files.filter((file) => input.matchers.isSchema(file));
  if (matched.length > 0) return matched;
  return input.files.filter((file) => input.factsOf(file)?.importsDrizzleCore === true);
}

/** Reads the schema: extraction plus the declaring binding of each table. */
export function readSchemaOf(input: AnalysisInput, graph: ModuleGraph): SchemaAnalysis {
  // Asked for only when a column is named after its key: the client modules are read only then.
  const casing = () =>
    input.configuredCasing ??
    drizzleCasingIn(
      input.files.filter((file) => input.matchers.isDbModule(file, file)),
      input.factsOf,
    );
  const schemaFiles = schemaFilesOf(input);
  const extraction = extractSchema({ module: input.module }, schemaFiles, { casing });
  const bindings = new Map<string, SymbolRef>();
  for (const table of extraction.tables) {
    const declared = graph.resolveExport(table.file, table.name);
    bindings.set(tableKey(table), declared ?? { file: table.file, name: table.name });
  }
  return { schemaFiles, extraction, bindings };
}

/** Files importing each file, sorted. */
function importersOf(input: AnalysisInput): Map<string, string[]> {
  const importers = new Map<string, Set<string>>();
  for (const file of input.files) {
    for (const binding of input.factsOf(file)?.imports ?? []) {
      if (binding.resolved === undefined) continue;
      let set = importers.get(binding.resolved);
      if (set === undefined) importers.set(binding.resolved, (set = new Set()));
      set.add(file);
    }
  }
  const importedBy = new Map<string, string[]>();
  for (const [file, set] of importers) importedBy.set(file, [...set].sort());
  return importedBy;
}

/** Each table with the first model and test factory built on it; the schema's own tables stay untouched. */
export function joinTables(
  tables: readonly Table[],
  models: ModelAnalysis,
  testFactories: readonly FoundTestFactory[],
): Table[] {
  const modelOf = new Map<string, string>();
  for (const model of models.models)
    if (model.table !== undefined && !modelOf.has(model.table)) modelOf.set(model.table, model.file);
  const factoryOf = new Map<string, FoundTestFactory['factory']>();
  for (const { factory, table } of testFactories)
    if (table !== undefined && !factoryOf.has(table)) factoryOf.set(table, factory);
  return tables.map((table) => {
    const { model: _model, testFactory: _testFactory, ...joined } = table;
    const model = modelOf.get(table.name);
    const testFactory = factoryOf.get(table.name);
    return {
      ...joined,
      ...(model === undefined ? {} : { model }),
      ...(testFactory === undefined ? {} : { testFactory }),
    };
  });
}

export function createAnalysis(input: AnalysisInput): Analysis {
  let graph: ModuleGraph | undefined;
  let schema: SchemaAnalysis | undefined = input.schema;
  let models: ModelAnalysis | undefined;
  let testFactories: FoundTestFactory[] | undefined;
  let tables: Table[] | undefined;
  let actions: ServerAction[] | undefined;
  let usages: Map<string, Usage[]> | undefined;
  let structure: Finding[] | undefined;

  const analysis: Analysis = {
    input,
    graph: () => (graph ??= new ModuleGraph(input.factsOf)),
    schema: () => (schema ??= readSchemaOf(input, analysis.graph())),
    cachedSchema: () => schema,
    models() {
      if (models === undefined) {
        models = analyseModels({
          files: input.files,
          factsOf: input.factsOf,
          graph: analysis.graph(),
          matchers: input.matchers,
          tableBySymbol: tableBySymbol(),
          importedBy: importersOf(input),
        });
      }
      return models;
    },
    testFactories: () =>
      (testFactories ??= analyseTestFactories({
        files: input.files,
        factsOf: input.factsOf,
        graph: analysis.graph(),
        tableBySymbol: tableBySymbol(),
      })),
    tables: () =>
      (tables ??= joinTables(
        analysis.schema().extraction.tables,
        analysis.models(),
        analysis.testFactories(),
      )),
    actions: () =>
      (actions ??= analyseActions({
        files: input.files,
        factsOf: input.factsOf,
        graph: analysis.graph(),
        matchers: input.matchers,
        opsBySymbol: analysis.models().opsBySymbol,
        functionsBySymbol: analysis.models().functionsBySymbol,
      })),
    usages: () =>
      (usages ??= indexUsages({
        files: input.files,
        factsOf: input.factsOf,
        graph: analysis.graph(),
        matchers: input.matchers,
      })),
    structure(conventions) {
      if (structure === undefined) {
        const modelAnalysis = analysis.models();
        structure = structureFindings({
          tables: analysis.tables(),
          models: modelAnalysis.models,
          unknownTables: modelAnalysis.unknownTables,
          testFactoryCount: analysis.testFactories().length,
          files: input.files,
          factsOf: input.factsOf,
          matchers: input.matchers,
          conventions,
        });
      }
      return structure;
    },
  };

  function tableBySymbol(): Map<string, string> {
    const { extraction, bindings } = analysis.schema();
    const result = new Map<string, string>();
    for (const table of extraction.tables) result.set(symbolKey(bindings.get(tableKey(table))!), table.name);
    return result;
  }

  return analysis;
}
