/**
 * The derivations wired once: module graph → schema → models and test factories → tables joined with them
 * → actions → usages → structure checks. Plain data in (each file's facts, its syntax tree on demand, the
 * convention matchers), plain data out, each computed lazily and at most once per `Analysis`. No derivation
 * changes another's output: the tables handed out are new objects carrying their model, never the schema
 * extraction's own. The project index, `readSchema` and the analysis tests all build their answers here.
 *
 * Incremental: an analysis given the previous one's memo (`AnalysisInput.previous`) reuses each part whose
 * inputs did not change, as a build system with early cut-off would. The module graph is kept while no
 * file's interface (imports, exports, declared names) changed, and the file set is the same. Models,
 * actions, test factories and usages are derived per file; a file's part is kept when its facts are the
 * same object, it was derived over the same graph, and every answer it looked up in the other derivations
 * (the table a symbol declares, the name a model exports an op under) is still the same. The schema
 * reading is kept while no module it read changed. The answers are the ones a fresh analysis gives.
 */
import type { Conventions } from '../../conventions/index.js';
import { analyseActionFile } from './actions.js';
import type { ConventionMatchers } from './convention-matchers.js';
import type { Casing } from './drizzle-columns.js';
import type { FileFacts } from './file-facts.js';
import { structureFindings } from './findings.js';
import type { Finding, ServerAction, Table, Usage } from './model.js';
import { analyseModelFile, mergeModels, type ModelAnalysis, type ModelFileResult } from './models.js';
import { ModuleGraph, symbolKey, type SymbolRef } from './module-graph.js';
import type { EvaluatorHost } from './schema-evaluator.js';
import {
  extractSchemaFile,
  mergeSchemaUnits,
  type SchemaExtraction,
  type SchemaUnit,
} from './schema-extractor.js';
import { analyseTestFactoryFile, type FoundTestFactory } from './test-factories.js';
import { mergeUsages, usagesInFile } from './usages.js';

export interface AnalysisInput {
  /** Every source file, root-relative, sorted. */
  files: readonly string[];
  factsOf(file: string): FileFacts | undefined;
  /** A module with its syntax tree, parsed on demand: the schema evaluator reads these. */
  module: EvaluatorHost['module'];
  matchers: ConventionMatchers;
  /** The casing drizzle.config gives; else the one passed to `drizzle(…)` in a database-client module. */
  configuredCasing?: Casing;
  /** What the previous analysis of the same project derived: the parts whose inputs are unchanged are reused. */
  previous?: AnalysisMemo;
}

/** The schema extraction and, for each table, the binding that declares it (for usages and models). */
export interface SchemaAnalysis {
  /** The schema files read, root-relative. */
  schemaFiles: string[];
  extraction: SchemaExtraction;
  /** `tableKey(table)` → the top-level binding that declares the table. */
  bindings: ReadonlyMap<string, SymbolRef>;
  /** The casing the reading applied. */
  casing: Casing | undefined;
  /** Each schema file's reading. */
  units: ReadonlyMap<string, SchemaFileReading>;
  /** The graph the bindings were resolved in. */
  graph: ModuleGraph;
  /** The file list the reading was made over, and the database-client modules among them. */
  files: readonly string[];
  dbModules: readonly string[];
  /** True when the schema files are the globs' matches (not the fallback over every file's imports). */
  schemaGlobbed: boolean;
}

/** One schema file's reading, with the facts of every module it read. */
export interface SchemaFileReading {
  unit: SchemaUnit;
  inputs: ReadonlyMap<string, FileFacts | undefined>;
  /** For a barrel, the readings it was composed from, one per export entry. */
  composedFrom?: readonly SchemaFileReading[];
}

/** One file's part of a per-file derivation, with what it was derived from. */
interface FilePart<R> {
  facts: FileFacts | undefined;
  graph: ModuleGraph;
  /** Each answer looked up in another derivation: which lookup, the key and the answer. */
  reads: [Lookup, string, string | undefined][];
  result: R;
}

type Lookup = 'table' | 'op' | 'function';
type Lookups = Record<Lookup, (symbol: string) => string | undefined>;

/**
 * What one analysis derived, for the next analysis of the same project: plain data, holding no analysis.
 * A derivation the analysis never ran is carried over from its own previous memo (its parts validate
 * themselves).
 */
export interface AnalysisMemo {
  matchers: ConventionMatchers;
  configuredCasing: Casing | undefined;
  /** The module graph with the file list and every file's facts it was built over. */
  graph?: { graph: ModuleGraph; files: readonly string[]; facts: ReadonlyMap<string, FileFacts | undefined> };
  importedBy?: { graph: ModuleGraph; map: Map<string, string[]> };
  schema?: SchemaAnalysis;
  models?: ReadonlyMap<string, FilePart<ModelFileResult | undefined>>;
  testFactories?: ReadonlyMap<string, FilePart<FoundTestFactory[]>>;
  actions?: ReadonlyMap<string, FilePart<ServerAction[]>>;
  usages?: ReadonlyMap<string, FilePart<[string, Usage][]>>;
  /** Each schema table (the extraction's object) with the joined table handed out for it. */
  joined?: ReadonlyMap<Table, { model?: string; testFactory?: FoundTestFactory['factory']; table: Table }>;
}

export interface Analysis {
  readonly input: AnalysisInput;
  graph(): ModuleGraph;
  schema(): SchemaAnalysis;
  /** The schema's tables joined with their model module and test factory: new objects, never cached ones. */
  tables(): Table[];
  models(): ModelAnalysis;
  testFactories(): FoundTestFactory[];
  actions(): ServerAction[];
  /** Every reference to a top-level declaration, by `symbolKey`. */
  usages(): Map<string, Usage[]>;
  structure(conventions: Conventions): Finding[];
  /** What this analysis derived so far, for the next analysis of the same project to reuse. */
  memo(): AnalysisMemo;
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

/**
 * Reads the schema: extraction plus the declaring binding of each table. Each schema file is read as its
 * own unit; a previous reading's unit is kept while the casing is the same and no module it read changed,
 * and its bindings while the tables and the graph are the same.
 */
export function readSchemaOf(
  input: Pick<AnalysisInput, 'files' | 'factsOf' | 'matchers' | 'module' | 'configuredCasing'>,
  graph: ModuleGraph,
  previous?: SchemaAnalysis,
): SchemaAnalysis {
  // The globs' matches depend on the file list alone: kept while it is the same.
  const sameFiles = previous !== undefined && sameList(previous.files, input.files);
  const dbModules = sameFiles
    ? previous.dbModules
    : input.files.filter((file) => input.matchers.isDbModule(file, file));
  const casing = input.configuredCasing ?? drizzleCasingIn(dbModules, input.factsOf);
  const globbed = sameFiles && previous.schemaGlobbed;
  const schemaFiles = globbed ? previous.schemaFiles : schemaFilesOf(input);
  const schemaGlobbed = schemaFiles.length > 0 && input.matchers.isSchema(schemaFiles[0]!);
  const units = new Map<string, SchemaFileReading>();
  let reused = previous !== undefined && sameList(previous.schemaFiles, schemaFiles);
  // Files that declare tables first, then barrels, composed from the units of the files they re-export.
  const barrels = schemaBarrels(schemaFiles, input.factsOf);
  const declaring = schemaFiles.filter((file) => !barrels.has(file));
  for (const file of declaring) {
    const before = previous?.units.get(file);
    if (
      before !== undefined &&
      before.unit.casing === casing &&
      before.composedFrom === undefined &&
      [...before.inputs].every(([read, facts]) => input.factsOf(read) === facts)
    ) {
      units.set(file, before);
      continue;
    }
    reused = false;
    // The facts of each module as the evaluator was given it: the unit is read again when one changes.
    const inputs = new Map<string, FileFacts | undefined>([[file, input.factsOf(file)]]);
    const unit = extractSchemaFile(
      {
        module(read) {
          const module = input.module(read);
          inputs.set(read, module?.facts);
          return module;
        },
      },
      file,
      { casing },
    );
    units.set(file, { unit, inputs });
  }
  for (const file of barrels) {
    const facts = input.factsOf(file)!;
    const from = facts.exports.map((entry) => units.get(entry.from!.resolved!)!);
    const before = previous?.units.get(file);
    if (
      before?.composedFrom !== undefined &&
      before.inputs.get(file) === facts &&
      sameList(before.composedFrom, from)
    ) {
      units.set(file, before);
      continue;
    }
    reused = false;
    units.set(file, {
      unit: composeBarrel(file, facts, from, casing),
      inputs: new Map([[file, facts]]),
      composedFrom: from,
    });
  }
  if (reused && previous!.graph === graph && sameFiles) return previous!;
  const extraction = reused
    ? previous!.extraction
    : mergeSchemaUnits(
        schemaFiles.map((file) => units.get(file)!.unit),
        previous?.extraction,
      );
  const bindings = new Map<string, SymbolRef>();
  for (const table of extraction.tables) {
    const declared = graph.resolveExport(table.file, table.name);
    bindings.set(tableKey(table), declared ?? { file: table.file, name: table.name });
  }
  return {
    schemaFiles,
    extraction,
    bindings,
    casing,
    units,
    graph,
    files: input.files,
    dbModules,
    schemaGlobbed,
  };
}

/**
 * Schema files that only re-export other schema files (`export * from './users'`, `export { a as b } from
 * …`): their tables are those files', so they are composed from those files' units instead of being
 * evaluated again. A barrel of barrels is evaluated.
 */
function schemaBarrels(
  schemaFiles: readonly string[],
  factsOf: (file: string) => FileFacts | undefined,
): Set<string> {
  const reexportsOnly = schemaFiles.filter((file) => {
    const facts = factsOf(file);
    return (
      facts !== undefined &&
      facts.declarations.size === 0 &&
      facts.imports.length === 0 &&
      facts.exports.length > 0 &&
      facts.exports.every(
        (entry) =>
          entry.from?.resolved !== undefined &&
          entry.from.resolved !== file &&
          schemaFiles.includes(entry.from.resolved) &&
          (entry.exported === '*') === (entry.from.imported === '*'),
      )
    );
  });
  const candidates = new Set(reexportsOnly);
  return new Set(
    reexportsOnly.filter((file) =>
      factsOf(file)!.exports.every((entry) => !candidates.has(entry.from!.resolved!)),
    ),
  );
}

/** A barrel's unit: the tables each re-export names, in the order the evaluator lists its exports. */
function composeBarrel(
  file: string,
  facts: FileFacts,
  from: readonly SchemaFileReading[],
  casing: Casing | undefined,
): SchemaUnit {
  const names = new Set<string>();
  const keys = new Set<string>();
  const tables: SchemaUnit['tables'] = [];
  const add = (name: string, entry: SchemaUnit['tables'][number] | undefined) => {
    if (names.has(name)) return;
    names.add(name);
    if (entry === undefined || keys.has(entry.key)) return;
    keys.add(entry.key);
    tables.push(entry.table.name === name ? entry : { ...entry, table: { ...entry.table, name } });
  };
  facts.exports.forEach((entry, index) => {
    const target = from[index]!.unit;
    if (entry.exported === '*') {
      for (const table of target.tables) if (table.table.name !== 'default') add(table.table.name, table);
    } else {
      add(
        entry.exported,
        target.tables.find((table) => table.table.name === entry.from!.imported),
      );
    }
  });
  return { file, casing, tables, foreignRelations: new Map(), diagnostics: [], modulesRead: [file] };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** What the module graph reads of a file: its imports, exports and declared names. */
const interfaces = new WeakMap<FileFacts, string>();
function interfaceOf(facts: FileFacts | undefined): string {
  if (facts === undefined) return '';
  let key = interfaces.get(facts);
  if (key === undefined) {
    key = JSON.stringify([
      facts.imports.map((binding) => [binding.local, binding.imported, binding.specifier, binding.resolved]),
      facts.exports.map((entry) => [
        entry.exported,
        entry.local,
        entry.from?.specifier,
        entry.from?.imported,
        entry.from?.resolved,
      ]),
      [...facts.declarations.keys()],
    ]);
    interfaces.set(facts, key);
  }
  return key;
}

/** Files importing each file, sorted. */
function importersOf(input: Pick<AnalysisInput, 'files' | 'factsOf'>): Map<string, string[]> {
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
  joined?: Map<Table, { model?: string; testFactory?: FoundTestFactory['factory']; table: Table }>,
  previous?: AnalysisMemo['joined'],
): Table[] {
  const modelOf = new Map<string, string>();
  for (const model of models.models)
    if (model.table !== undefined && !modelOf.has(model.table)) modelOf.set(model.table, model.file);
  const factoryOf = new Map<string, FoundTestFactory['factory']>();
  for (const { factory, table } of testFactories)
    if (table !== undefined && !factoryOf.has(table)) factoryOf.set(table, factory);
  return tables.map((table) => {
    const model = modelOf.get(table.name);
    const testFactory = factoryOf.get(table.name);
    const before = previous?.get(table);
    if (before !== undefined && before.model === model && before.testFactory === testFactory) {
      joined?.set(table, before);
      return before.table;
    }
    const { model: _model, testFactory: _testFactory, ...rest } = table;
    const result: Table = {
      ...rest,
      ...(model === undefined ? {} : { model }),
      ...(testFactory === undefined ? {} : { testFactory }),
    };
    joined?.set(table, {
      table: result,
      ...(model === undefined ? {} : { model }),
      ...(testFactory === undefined ? {} : { testFactory }),
    });
    return result;
  });
}

export function createAnalysis(input: AnalysisInput): Analysis {
  const previous =
    input.previous !== undefined &&
    input.previous.matchers === input.matchers &&
    input.previous.configuredCasing === input.configuredCasing
      ? input.previous
      : undefined;
  // Each file's facts as this analysis first saw them: every derivation reads the same ones.
  const facts = new Map<string, FileFacts | undefined>();
  const factsOf = (file: string): FileFacts | undefined => {
    if (facts.has(file)) return facts.get(file);
    const found = input.factsOf(file);
    facts.set(file, found);
    return found;
  };
  const derivationInput = { ...input, factsOf };

  let graph: ModuleGraph | undefined;
  let importedBy: Map<string, string[]> | undefined;
  let schema: SchemaAnalysis | undefined;
  let models: ModelAnalysis | undefined;
  let modelParts: Map<string, FilePart<ModelFileResult | undefined>> | undefined;
  let testFactories: FoundTestFactory[] | undefined;
  let testFactoryParts: Map<string, FilePart<FoundTestFactory[]>> | undefined;
  let tables: Table[] | undefined;
  let joined:
    Map<Table, { model?: string; testFactory?: FoundTestFactory['factory']; table: Table }> | undefined;
  let actions: ServerAction[] | undefined;
  let actionParts: Map<string, FilePart<ServerAction[]>> | undefined;
  let usages: Map<string, Usage[]> | undefined;
  let usageParts: Map<string, FilePart<[string, Usage][]>> | undefined;
  let structure: Finding[] | undefined;
  let lookups: Lookups | undefined;

  /** The previous graph when the file list and every file's interface are unchanged, else a new one. */
  function buildGraph(): ModuleGraph {
    const before = previous?.graph;
    if (
      before !== undefined &&
      sameList(before.files, input.files) &&
      input.files.every((file) => {
        const old = before.facts.get(file);
        const now = factsOf(file);
        return old === now || interfaceOf(old) === interfaceOf(now);
      })
    ) {
      return before.graph;
    }
    return new ModuleGraph(factsOf);
  }

  /**
   * A file's part of a per-file derivation: the previous one when its facts, its graph and every answer
   * it looked up are unchanged, else derived again with its lookups recorded.
   */
  function part<R>(
    before: ReadonlyMap<string, FilePart<R>> | undefined,
    file: string,
    derive: (lookups: Lookups) => R,
  ): FilePart<R> {
    const current = analysis.graph();
    const fileFacts = factsOf(file);
    const old = before?.get(file);
    const answers = currentLookups();
    if (
      old !== undefined &&
      old.facts === fileFacts &&
      old.graph === current &&
      old.reads.every(([lookup, key, answer]) => answers[lookup](key) === answer)
    ) {
      return old;
    }
    const reads: FilePart<R>['reads'] = [];
    const recording = (lookup: Lookup) => (key: string) => {
      const answer = answers[lookup](key);
      reads.push([lookup, key, answer]);
      return answer;
    };
    const result = derive({
      table: recording('table'),
      op: recording('op'),
      function: recording('function'),
    });
    return { facts: fileFacts, graph: current, reads, result };
  }

  /** The answers per-file derivations look up in others; each built on first use. */
  function currentLookups(): Lookups {
    if (lookups === undefined) {
      let tableMap: Map<string, string> | undefined;
      lookups = {
        table: (symbol) => (tableMap ??= tableBySymbol()).get(symbol),
        op: (symbol) => analysis.models().opsBySymbol.get(symbol)?.op.exportName,
        function: (symbol) => analysis.models().functionsBySymbol.get(symbol)?.exportName,
      };
    }
    return lookups;
  }

  const context = () => ({ factsOf, graph: analysis.graph(), matchers: input.matchers });

  const analysis: Analysis = {
    input,
    graph: () => (graph ??= buildGraph()),
    schema: () => (schema ??= readSchemaOf(derivationInput, analysis.graph(), previous?.schema)),
    models() {
      if (models === undefined) {
        const current = analysis.graph();
        if (importedBy === undefined) {
          const before = previous?.importedBy;
          importedBy =
            before !== undefined && before.graph === current ? before.map : importersOf(derivationInput);
        }
        const modelContext = { ...context(), importedBy };
        modelParts = new Map();
        const results: ModelFileResult[] = [];
        for (const file of input.files) {
          const found = part(previous?.models, file, (answers) =>
            analyseModelFile(modelContext, file, answers.table),
          );
          modelParts.set(file, found);
          if (found.result !== undefined) results.push(found.result);
        }
        models = mergeModels(results);
      }
      return models;
    },
    testFactories() {
      if (testFactories === undefined) {
        const factoryContext = context();
        testFactoryParts = new Map();
        const found: FoundTestFactory[] = [];
        for (const file of input.files) {
          const filePart = part(previous?.testFactories, file, (answers) =>
            analyseTestFactoryFile(factoryContext, file, answers.table),
          );
          testFactoryParts.set(file, filePart);
          for (const entry of filePart.result) found.push(entry);
        }
        testFactories = found;
      }
      return testFactories;
    },
    tables() {
      if (tables === undefined) {
        joined = new Map();
        tables = joinTables(
          analysis.schema().extraction.tables,
          analysis.models(),
          analysis.testFactories(),
          joined,
          previous?.joined,
        );
      }
      return tables;
    },
    actions() {
      if (actions === undefined) {
        const actionContext = context();
        actionParts = new Map();
        const found: ServerAction[] = [];
        for (const file of input.files) {
          const filePart = part(previous?.actions, file, (answers) =>
            analyseActionFile(actionContext, file, { opName: answers.op, functionName: answers.function }),
          );
          actionParts.set(file, filePart);
          for (const action of filePart.result) found.push(action);
        }
        actions = found;
      }
      return actions;
    },
    usages() {
      if (usages === undefined) {
        const usageContext = context();
        usageParts = new Map();
        const perFile: [string, Usage][][] = [];
        for (const file of input.files) {
          const filePart = part(previous?.usages, file, () => usagesInFile(usageContext, file));
          usageParts.set(file, filePart);
          perFile.push(filePart.result);
        }
        usages = mergeUsages(perFile);
      }
      return usages;
    },
    structure(conventions) {
      if (structure === undefined) {
        const modelAnalysis = analysis.models();
        structure = structureFindings({
          tables: analysis.tables(),
          models: modelAnalysis.models,
          unknownTables: modelAnalysis.unknownTables,
          testFactoryCount: analysis.testFactories().length,
          files: input.files,
          factsOf,
          matchers: input.matchers,
          conventions,
        });
      }
      return structure;
    },
    memo() {
      const memo: AnalysisMemo = { matchers: input.matchers, configuredCasing: input.configuredCasing };
      if (graph !== undefined) {
        // Every file's facts, so the graph kept for the next analysis never reads newer ones than these.
        for (const file of input.files) factsOf(file);
        memo.graph = { graph, files: input.files, facts };
      } else if (previous?.graph !== undefined) memo.graph = previous.graph;
      const carry = <K extends keyof AnalysisMemo>(key: K, mine: AnalysisMemo[K] | undefined) => {
        const value = mine ?? previous?.[key];
        if (value !== undefined) memo[key] = value;
      };
      carry(
        'importedBy',
        importedBy === undefined || graph === undefined ? undefined : { graph, map: importedBy },
      );
      carry('schema', schema);
      carry('models', modelParts);
      carry('testFactories', testFactoryParts);
      carry('actions', actionParts);
      carry('usages', usageParts);
      carry('joined', joined);
      return memo;
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
