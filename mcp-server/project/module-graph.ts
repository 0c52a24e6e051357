/**
 * Light symbol resolution across files, from the facts alone: which top-level declaration an import, an
 * export or a namespace member finally names, through aliases, `export { a as b } from`, `export *` and
 * imports that are re-exported.
 */
import type { FileFacts } from './file-facts.js';

/** A top-level binding: the file that declares it and its local name there. */
export interface SymbolRef {
  file: string;
  name: string;
}

export function symbolKey(ref: SymbolRef): string {
  return `${ref.file}#${ref.name}`;
}

export class ModuleGraph {
  private readonly exportCache = new Map<string, SymbolRef | null>();

  constructor(private readonly factsOf: (file: string) => FileFacts | undefined) {}

  /** The declaration a local name of a file stands for (itself, or what its import names). */
  resolveLocal(file: string, name: string, depth = 0): SymbolRef | undefined {
    const facts = this.factsOf(file);
    if (facts === undefined || depth > 32) return undefined;
    if (facts.declarations.has(name)) return { file, name };
    const binding = facts.imports.find((candidate) => candidate.local === name);
    if (binding === undefined || binding.resolved === undefined || binding.imported === '*') return undefined;
    return this.resolveExport(binding.resolved, binding.imported, depth + 1);
  }

  /** The declaration behind an export name of a file. */
  resolveExport(file: string, name: string, depth = 0): SymbolRef | undefined {
    const key = `${file}#${name}`;
    const cached = this.exportCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    if (depth > 32) return undefined;
    this.exportCache.set(key, null); // cycle guard
    const result = this.resolveExportUncached(file, name, depth);
    this.exportCache.set(key, result ?? null);
    return result;
  }

  private resolveExportUncached(file: string, name: string, depth: number): SymbolRef | undefined {
    const facts = this.factsOf(file);
    if (facts === undefined) return undefined;
    for (const entry of facts.exports) {
      if (entry.exported !== name) continue;
      if (entry.local !== undefined) return this.resolveLocal(file, entry.local, depth + 1);
      if (entry.from?.resolved !== undefined && entry.from.imported !== '*') {
        return this.resolveExport(entry.from.resolved, entry.from.imported, depth + 1);
      }
      return undefined;
    }
    for (const entry of facts.exports) {
      if (entry.exported !== '*' || entry.from?.resolved === undefined) continue;
      const found = this.resolveExport(entry.from.resolved, name, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** The file a namespace import (`import * as m`) or `export * as m` names, when it is a project file. */
  namespaceFile(file: string, local: string): string | undefined {
    const binding = this.factsOf(file)?.imports.find((candidate) => candidate.local === local);
    return binding?.imported === '*' ? binding.resolved : undefined;
  }

  /** Resolves a chain like `['schema', 'users']` or `['insertTags']` used in a file. */
  resolvePath(file: string, path: readonly string[]): SymbolRef | undefined {
    const [head, member] = path;
    if (head === undefined) return undefined;
    if (path.length === 1) return this.resolveLocal(file, head);
    const namespace = this.namespaceFile(file, head);
    if (namespace !== undefined && member !== undefined) return this.resolveExport(namespace, member);
    return undefined;
  }
}
