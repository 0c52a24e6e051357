/**
 * An in-memory project for the analysis unit tests: inline sources (root-relative path → text) parsed and
 * walked with the same functions the project index uses (parseSource, collectFileFacts, the module
 * resolver), then derived by the same wiring (createAnalysis), with no disk and no ProjectIndex in between.
 */
import { DEFAULT_CONVENTIONS, type Conventions } from '../../../conventions/index.js';
import { createAnalysis } from '../../../mcp-server/project/analysis.js';
import {
  createConventionMatchers,
  type ConventionMatchers,
} from '../../../mcp-server/project/convention-matchers.js';
import type { Casing } from '../../../mcp-server/project/drizzle-columns.js';
import { collectFileFacts, type FileFacts } from '../../../mcp-server/project/file-facts.js';
import type { Model, ServerAction, Table, Usage } from '../../../mcp-server/project/model.js';
import type { ModelAnalysis } from '../../../mcp-server/project/models.js';
import { symbolKey, type ModuleGraph } from '../../../mcp-server/project/module-graph.js';
import { createModuleResolver, type PathAliases } from '../../../mcp-server/project/module-resolver.js';
import { parseErrorsOf, parseSource, type ParseError } from '../../../mcp-server/project/parse.js';
import type { SchemaExtraction } from '../../../mcp-server/project/schema-extractor.js';
import type { ts } from 'ts-morph';

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
  const schemaFiles = options.schemaFiles;
  const analysis = createAnalysis({
    files,
    factsOf,
    module(file) {
      const module = parsed.get(file);
      return module === undefined ? undefined : { file, ...module };
    },
    // Explicit schema files stand in for the globs, as a drizzle.config's `schema` would.
    matchers:
      schemaFiles === undefined ? matchers : { ...matchers, isSchema: (file) => schemaFiles.includes(file) },
    ...(options.casing === undefined ? {} : { configuredCasing: options.casing }),
  });
  const graph = analysis.graph();
  const schema = () => analysis.schema().extraction;
  const analyse = () => analysis.models();
  const allActions = () => analysis.actions();
  const tables = () => analysis.tables();

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
        tables().find((table) => table.name === name),
        `table ${name} (have ${tables()
          .map((table) => table.name)
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
    usagesOf: (file, name) => analysis.usages().get(symbolKey({ file, name })) ?? [],
  };
}

/** Joins lines into a source text, so tests can count the line numbers they assert. */
export function source(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
