/**
 * Test factories: where `defineFactory(table, { …, traits: { … } })` from `many-first/test-factory` is
 * called, which schema table it is built on (resolved through imports the way models are) and the names
 * of its traits (the keys of the `traits` object literal). Read from the syntax only; nothing is run.
 */
import type { FileFacts } from './file-facts.js';
import type { TestFactory } from './model.js';
import { symbolKey, type ModuleGraph } from './module-graph.js';
import { isKnownCallee, type KnownFunction } from './models.js';

const DEFINE_FACTORY: KnownFunction = { name: 'defineFactory', specifier: 'many-first/test-factory' };

export interface TestFactoryContext {
  files: readonly string[];
  factsOf(file: string): FileFacts | undefined;
  graph: ModuleGraph;
  /** The table declared by a top-level binding (`symbolKey`), by its TS export name. */
  tableBySymbol: ReadonlyMap<string, string>;
}

/** A test factory and the TS export name of its table, when the table resolves to the schema. */
export interface FoundTestFactory {
  factory: TestFactory;
  table?: string;
}

export function analyseTestFactories(context: TestFactoryContext): FoundTestFactory[] {
  const tableOf = (symbol: string) => context.tableBySymbol.get(symbol);
  return context.files.flatMap((file) => analyseTestFactoryFile(context, file, tableOf));
}

/** One module's test factories; its facts, the graph and `tableOf`'s answers are all it reads. */
export function analyseTestFactoryFile(
  context: Omit<TestFactoryContext, 'files' | 'tableBySymbol'>,
  file: string,
  tableOf: (symbol: string) => string | undefined,
): FoundTestFactory[] {
  const found: FoundTestFactory[] = [];
  const facts = context.factsOf(file);
  // Cheap filter first: a file that imports nothing cannot call the package's defineFactory.
  if (facts === undefined || facts.imports.length === 0) return found;
  const exportedAs = new Map<string, string>();
  for (const entry of facts.exports) {
    if (entry.local !== undefined && !exportedAs.has(entry.local))
      exportedAs.set(entry.local, entry.exported);
  }
  for (const declaration of facts.declarations.values()) {
    const init = declaration.init;
    if (init?.kind !== 'call' || !isKnownCallee(context, facts, init.callee, DEFINE_FACTORY)) continue;
    const [table, options] = init.args;
    const traits =
      options?.kind === 'object'
        ? options.properties.find((property) => property.key === 'traits')?.value
        : undefined;
    const factory: TestFactory = {
      name: exportedAs.get(declaration.name) ?? declaration.name,
      file,
      line: declaration.line,
      traits: traits?.kind === 'object' ? traits.properties.map((property) => property.key) : [],
    };
    const entry: FoundTestFactory = { factory };
    if (table?.kind === 'ref') {
      const ref = context.graph.resolvePath(file, table.path);
      const tableName = ref === undefined ? undefined : tableOf(symbolKey(ref));
      if (tableName !== undefined) entry.table = tableName;
    }
    found.push(entry);
  }
  return found;
}
