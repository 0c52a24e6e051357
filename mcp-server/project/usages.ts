/**
 * Where a declaration is referenced: every recorded reference of every file, resolved once to the
 * declaration it names (through imports, re-exports and namespaces), grouped by that declaration.
 */
import type { ConventionMatchers } from './convention-matchers.js';
import type { FileFacts } from './file-facts.js';
import type { Usage } from './model.js';
import { symbolKey, type ModuleGraph } from './module-graph.js';

export interface UsageContext {
  files: readonly string[];
  factsOf(file: string): FileFacts | undefined;
  graph: ModuleGraph;
  matchers: ConventionMatchers;
}

/** Usages keyed by the declaration they name (`symbolKey`), in file then line order. */
export function indexUsages(context: UsageContext): Map<string, Usage[]> {
  return mergeUsages(context.files.map((file) => usagesInFile(context, file)));
}

/** One file's references, each with the declaration it names (`symbolKey`), in line order. */
export function usagesInFile(context: Omit<UsageContext, 'files'>, file: string): [string, Usage][] {
  const found: [string, Usage][] = [];
  const facts = context.factsOf(file);
  if (facts === undefined || facts.references.length === 0) return found;
  const layer = context.matchers.layerOf(file, facts.directives);
  const resolved = new Map<string, string | null>();
  const lastLine = new Map<string, number>();
  for (const reference of facts.references) {
    const cacheKey =
      reference.member === undefined ? reference.name : `${reference.name}.${reference.member}`;
    let key = resolved.get(cacheKey);
    if (key === undefined) {
      const path = reference.member === undefined ? [reference.name] : [reference.name, reference.member];
      const ref = context.graph.resolvePath(file, path);
      key = ref === undefined ? null : symbolKey(ref);
      resolved.set(cacheKey, key);
    }
    if (key === null) continue;
    if (lastLine.get(key) === reference.line) continue; // one usage per line
    lastLine.set(key, reference.line);
    const usage: Usage = { file, line: reference.line, layer };
    if (reference.enclosingFunction !== undefined) usage.enclosingFunction = reference.enclosingFunction;
    found.push([key, usage]);
  }
  return found;
}

/** The files' usages grouped by declaration, in file order. */
export function mergeUsages(perFile: readonly (readonly [string, Usage][])[]): Map<string, Usage[]> {
  const byDeclaration = new Map<string, Usage[]>();
  for (const usages of perFile) {
    for (const [key, usage] of usages) {
      let list = byDeclaration.get(key);
      if (list === undefined) byDeclaration.set(key, (list = []));
      list.push(usage);
    }
  }
  return byDeclaration;
}
