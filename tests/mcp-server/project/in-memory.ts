/**
 * An in-memory project for the analysis unit tests: inline sources (root-relative path → text) parsed and
 * walked with the same functions the project index uses (parseSource, collectFileFacts, the module
 * resolver and graph, extractSchema, analyseModels, analyseActions, indexUsages), with no disk and no
 * ProjectIndex in between, so a failure points at one function.
 */
import { DEFAULT_CONVENTIONS, type Conventions } from '../../../conventions/index.js';
import { analyseActions } from '../../../mcp-server/project/actions.js';
import {
  createConventionMatchers,
  type ConventionMatchers,
} from '../../../mcp-server/project/convention-matchers.js';
import type { Casing } from '../../../mcp-server/project/drizzle-columns.js';
import { collectFileFacts, type FileFacts } from '../../../mcp-server/project/file-facts.js';
import type { Model, ServerAction, Table, Usage } from '../../../mcp-server/project/model.js';
import { analyseModels, type ModelAnalysis } from '../../../mcp-server/project/models.js';
import { ModuleGraph, symbolKey } from '../../../mcp-server/project/module-graph.js';
import { createModuleResolver, type PathAliases } from '../../../mcp-server/project/module-resolver.js';
import { parseErrorsOf, parseSource, type ParseError } from '../../../mcp-server/project/parse.js';
import { extractSchema, type SchemaExtraction } from '../../../mcp-server/project/schema-extractor.js';
import type { ts } from 'ts-morph';
import { indexUsages } from '../../../mcp-server/project/usages.js';

/** `@/*` → `src/*`, as the fixture app's tsconfig.json says. */
export const AT_ALIAS: PathAliases = {
  baseUrl: undefined,
  paths: [{ prefix: '@/', suffix: '', wildcard: true, targets: ['src/*'] }],
};

export interface InMemoryOptions {
  conventions?: Partial<Conventions>;
  /** The schema files; default: the files the conventions' schema globs match. */
  schemaFiles?: string[];
  casing?: Casing;
  aliases?: PathAliases;
}

export interface InMemoryProject {
  files: string[];
  matchers: ConventionMatchers;
  graph: ModuleGraph;
  sourceFile(file: string): ts.SourceFile;
  parseErrors(file: string): ParseError[];
  facts(file: string): FileFacts;
  schema(): SchemaExtraction;
  table(name: string): Table;
  models(): ModelAnalysis;
  model(file: string): Model;
  actions(): ServerAction[];
  action(name: string): ServerAction;
  /** Usages of a top-level declaration, as find_usages resolves them. */
  usagesOf(file: string, name: string): Usage[];
}

export function inMemoryProject(
  sources: Record<string, string>,
  options: InMemoryOptions = {},
): InMemoryProject {
  const files = Object.keys(sources).sort();
  const known = new Set(files);
  const conventions: Conventions = { ...DEFAULT_CONVENTIONS, ...options.conventions };
  const matchers = createConventionMatchers(conventions, conventions.schema);
  const resolver = createModuleResolver((file) => known.has(file), options.aliases ?? AT_ALIAS);
  const parsed = new Map<string, { sourceFile: ts.SourceFile; facts: FileFacts }>();
  for (const file of files) {
    const sourceFile = parseSource(file, sources[file]!);
    const facts = collectFileFacts(sourceFile, { resolve: (specifier) => resolver.resolve(specifier, file) });
    parsed.set(file, { sourceFile, facts });
  }
  const factsOf = (file: string) => parsed.get(file)?.facts;
  const graph = new ModuleGraph(factsOf);
  const schemaFiles = options.schemaFiles ?? files.filter((file) => matchers.isSchema(file));

  let extraction: SchemaExtraction | undefined;
  const schema = () =>
    (extraction ??= extractSchema(
      {
        module(file) {
          const module = parsed.get(file);
          return module === undefined ? undefined : { file, ...module };
        },
      },
      schemaFiles,
      options.casing === undefined ? {} : { casing: options.casing },
    ));

  let models: ModelAnalysis | undefined;
  const analyse = () => {
    if (models !== undefined) return models;
    const tableBySymbol = new Map<string, string>();
    for (const table of schema().tables) {
      const declared = graph.resolveExport(table.file, table.name) ?? { file: table.file, name: table.name };
      tableBySymbol.set(symbolKey(declared), table.name);
    }
    const importers = new Map<string, string[]>();
    for (const file of files) {
      for (const binding of parsed.get(file)!.facts.imports) {
        if (binding.resolved === undefined) continue;
        const list = importers.get(binding.resolved) ?? [];
        if (!list.includes(file)) list.push(file);
        importers.set(binding.resolved, list);
      }
    }
    models = analyseModels({ files, factsOf, graph, matchers, tableBySymbol, importedBy: importers });
    return models;
  };

  let actions: ServerAction[] | undefined;
  let usages: Map<string, Usage[]> | undefined;
  const allActions = () =>
    (actions ??= analyseActions({
      files,
      factsOf,
      graph,
      matchers,
      opsBySymbol: analyse().opsBySymbol,
      functionsBySymbol: analyse().functionsBySymbol,
    }));

  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} not found`);
    return value;
  };

  return {
    files,
    matchers,
    graph,
    sourceFile: (file) => required(parsed.get(file), `file ${file}`).sourceFile,
    parseErrors: (file) => parseErrorsOf(required(parsed.get(file), `file ${file}`).sourceFile),
    facts: (file) => required(factsOf(file), `file ${file}`),
    schema,
    table: (name) =>
      required(
        schema().tables.find((table) => table.name === name),
        `table ${name} (have ${schema()
          .tables.map((table) => table.name)
          .join(', ')})`,
      ),
    models: analyse,
    model: (file) =>
      required(
        analyse().models.find((model) => model.file === file),
        `model ${file}`,
      ),
    actions: allActions,
    action(name) {
      return required(
        allActions().find((action) => action.name === name),
        `action ${name}`,
      );
    },
    usagesOf: (file, name) =>
      (usages ??= indexUsages({ files, factsOf, graph, matchers })).get(symbolKey({ file, name })) ?? [],
  };
}

/** Joins lines into a source text, so tests can count the line numbers they assert. */
export function source(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
