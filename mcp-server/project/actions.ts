/**
 * Server actions: the exported functions of modules whose prologue says 'use server', and any function whose
 * own body starts with it. For each: the model ops it calls (resolved through imports), direct calls on the
 * database client, redirect-like calls from next/navigation (aliases and namespaces too) and what it
 * revalidates.
 */
import {
  CACHE_SPECIFIER,
  DATABASE_METHODS,
  NAVIGATION_SPECIFIER,
  REVALIDATE_FUNCTIONS,
  THROWING_NAVIGATION,
} from '../../conventions/vocabulary.js';
import type { ConventionMatchers } from './convention-matchers.js';
import type { FileFacts } from './file-facts.js';
import type { Model, ModelOp, ServerAction } from './model.js';
import { symbolKey, type ModuleGraph } from './module-graph.js';

const REDIRECTS: ReadonlySet<string> = new Set(THROWING_NAVIGATION);

export interface ActionContext {
  files: readonly string[];
  factsOf(file: string): FileFacts | undefined;
  graph: ModuleGraph;
  matchers: ConventionMatchers;
  opsBySymbol: ReadonlyMap<string, { model: Model; op: ModelOp }>;
  /** A model module's other exports (business logic), by declaration. */
  functionsBySymbol: ReadonlyMap<string, { model: Model; exportName: string }>;
}

/** What an action's calls are looked up in: the export name of a model op or other model export. */
export interface ModelSymbolNames {
  /** The name a model exports the op declared at `symbol` (`symbolKey`) under. */
  opName(symbol: string): string | undefined;
  /** The name a model exports the other function declared at `symbol` under. */
  functionName(symbol: string): string | undefined;
}

export function analyseActions(context: ActionContext): ServerAction[] {
  const names: ModelSymbolNames = {
    opName: (symbol) => context.opsBySymbol.get(symbol)?.op.exportName,
    functionName: (symbol) => context.functionsBySymbol.get(symbol)?.exportName,
  };
  return context.files.flatMap((file) => analyseActionFile(context, file, names));
}

/** One module's server actions; its facts, the graph and `names`' answers are all it reads. */
export function analyseActionFile(
  context: Omit<ActionContext, 'files' | 'opsBySymbol' | 'functionsBySymbol'>,
  file: string,
  names: ModelSymbolNames,
): ServerAction[] {
  const actions: ServerAction[] = [];
  const facts = context.factsOf(file);
  if (facts === undefined || facts.functions.length === 0) return actions;
  const exportNames = new Map<string, string>();
  for (const entry of facts.exports)
    if (entry.local !== undefined) exportNames.set(entry.local, entry.exported);

  for (const fn of facts.functions) {
    const exportName = exportNames.get(fn.name);
    // In a 'use server' module only exports become actions; the rest are its helpers.
    if (fn.directive === 'module' && exportName === undefined) continue;
    const action: ServerAction = {
      name: exportName ?? fn.name,
      file,
      line: fn.line,
      directive: fn.directive,
      exported: exportName !== undefined,
      modelOpsCalled: [],
      modelFunctionsCalled: [],
      directDbUse: [],
      redirects: [],
      revalidates: [],
    };
    for (const call of fn.calls) {
      const [head] = call.path;
      if (head === undefined) continue;
      const binding = facts.imports.find((candidate) => candidate.local === head);
      if (binding !== undefined) {
        const namespace = binding.imported === '*';
        const imported = namespace ? call.path[1] : call.path.length === 1 ? binding.imported : undefined;
        if (
          NAVIGATION_SPECIFIER.test(binding.specifier) &&
          imported !== undefined &&
          REDIRECTS.has(imported)
        ) {
          action.redirects.push({ callee: imported, line: call.line });
          continue;
        }
        if (
          CACHE_SPECIFIER.test(binding.specifier) &&
          imported !== undefined &&
          REVALIDATE_FUNCTIONS.has(imported)
        ) {
          action.revalidates.push(call.args?.[0] ?? '');
          continue;
        }
        if (context.matchers.isDbModule(binding.specifier, binding.resolved) && call.path.length >= 2) {
          const method = namespace ? call.path[2] : call.path[1];
          if (method !== undefined && DATABASE_METHODS.has(method)) {
            action.directDbUse.push({ method, line: call.line });
            continue;
          }
        }
      }
      const ref = context.graph.resolvePath(file, call.path);
      if (ref === undefined) continue;
      const key = symbolKey(ref);
      const op = names.opName(key);
      if (op !== undefined) {
        if (!action.modelOpsCalled.includes(op)) action.modelOpsCalled.push(op);
        continue;
      }
      const fn = names.functionName(key);
      if (fn !== undefined && !action.modelFunctionsCalled.includes(fn)) {
        action.modelFunctionsCalled.push(fn);
      }
    }
    actions.push(action);
  }
  return actions;
}
