/**
 * Resolves import specifiers to project files without touching the disk: relative paths and the
 * tsconfig's `paths` / `baseUrl`, probed against the set of files the index knows. A specifier that leaves
 * the root (or names a package) resolves to nothing and stays a package import.
 */
import { posix } from 'node:path';
import { ts } from 'ts-morph';
import type { Diagnostic } from './model.js';
import { readProjectFile } from '../../conventions/project-files.js';

export interface PathAliases {
  /** Root-relative folder `paths` are relative to ('' for the root). */
  baseUrl: string | undefined;
  paths: { prefix: string; suffix: string; wildcard: boolean; targets: string[] }[];
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_TO_TS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

function normalize(path: string): string | undefined {
  const normalized = posix.normalize(path);
  if (normalized === '..' || normalized.startsWith('../') || posix.isAbsolute(normalized)) return undefined;
  return normalized === '.' ? '' : normalized.replace(/\/$/, '');
}

interface RawConfig {
  extends?: unknown;
  compilerOptions?: { baseUrl?: unknown; paths?: unknown };
}

/**
 * Reads `tsconfig.json` (and the local files it extends) for `baseUrl` and `paths`. Problems become
 * diagnostics; a project without a tsconfig simply has no aliases.
 */
export function readPathAliases(root: string, diagnostics: Diagnostic[]): PathAliases {
  let baseUrl: string | undefined;
  let paths: Record<string, string[]> | undefined;
  let pathsDir = '';
  const seen = new Set<string>();
  const chain: { file: string; config: RawConfig }[] = [];
  let next: string | undefined = 'tsconfig.json';
  while (next !== undefined && !seen.has(next) && chain.length < 8) {
    seen.add(next);
    const read = readProjectFile(root, next, 1024 * 1024);
    if (!read.ok) {
      if (next !== 'tsconfig.json' || !read.message.includes('ENOENT')) {
        diagnostics.push({ file: next, line: 1, message: read.message });
      }
      break;
    }
    const parsed = ts.parseConfigFileTextToJson(next, read.text);
    if (parsed.error !== undefined) {
      diagnostics.push({
        file: next,
        line: 1,
        message: `cannot parse: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, ' ')}`,
      });
      break;
    }
    const config = (parsed.config ?? {}) as RawConfig;
    chain.push({ file: next, config });
    const parent = typeof config.extends === 'string' ? config.extends : undefined;
    next =
      parent !== undefined && parent.startsWith('.')
        ? normalize(posix.join(posix.dirname(next), parent.endsWith('.json') ? parent : `${parent}.json`))
        : undefined;
  }
  // The nearest file wins: walk from the furthest ancestor to tsconfig.json.
  for (const { file, config } of chain.reverse()) {
    const options = config.compilerOptions ?? {};
    const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
    if (typeof options.baseUrl === 'string') baseUrl = normalize(posix.join(dir, options.baseUrl));
    if (options.paths !== null && typeof options.paths === 'object') {
      paths = options.paths as Record<string, string[]>;
      pathsDir = dir;
    }
  }
  const base = baseUrl ?? pathsDir;
  const aliases: PathAliases['paths'] = [];
  for (const [pattern, targets] of Object.entries(paths ?? {})) {
    if (!Array.isArray(targets)) continue;
    const star = pattern.indexOf('*');
    aliases.push({
      prefix: star === -1 ? pattern : pattern.slice(0, star),
      suffix: star === -1 ? '' : pattern.slice(star + 1),
      wildcard: star !== -1,
      targets: targets.filter((target): target is string => typeof target === 'string'),
    });
  }
  // Longest prefix first, as TypeScript matches.
  aliases.sort((a, b) => b.prefix.length - a.prefix.length);
  return {
    baseUrl: baseUrl === undefined ? undefined : base,
    paths: aliases.map((alias) => ({
      ...alias,
      targets: alias.targets.map((target) => posix.join(base, target)),
    })),
  };
}

export interface ModuleResolver {
  /** The root-relative file a specifier names, or undefined for packages and unknown files. */
  resolve(specifier: string, fromFile: string): string | undefined;
  /** Forgets cached answers; call it when files are added or removed. */
  clear(): void;
}

/** A resolver over the known files; results are cached per folder and specifier. */
export function createModuleResolver(
  hasFile: (file: string) => boolean,
  aliases: PathAliases,
): ModuleResolver {
  const cache = new Map<string, string | undefined>();

  const probe = (candidate: string | undefined): string | undefined => {
    if (candidate === undefined) return undefined;
    const extension = posix.extname(candidate);
    if (EXTENSIONS.includes(extension)) {
      if (hasFile(candidate)) return candidate;
      for (const replacement of JS_TO_TS[extension] ?? []) {
        const swapped = candidate.slice(0, -extension.length) + replacement;
        if (hasFile(swapped)) return swapped;
      }
    }
    for (const ext of EXTENSIONS) if (hasFile(candidate + ext)) return candidate + ext;
    for (const ext of EXTENSIONS) {
      const index = candidate === '' ? `index${ext}` : `${candidate}/index${ext}`;
      if (hasFile(index)) return index;
    }
    return undefined;
  };

  const resolveUncached = (specifier: string, fromDir: string): string | undefined => {
    if (
      specifier.startsWith('./') ||
      specifier.startsWith('../') ||
      specifier === '.' ||
      specifier === '..'
    ) {
      return probe(normalize(posix.join(fromDir, specifier)));
    }
    for (const alias of aliases.paths) {
      let middle: string;
      if (alias.wildcard) {
        if (!specifier.startsWith(alias.prefix) || !specifier.endsWith(alias.suffix)) continue;
        if (specifier.length < alias.prefix.length + alias.suffix.length) continue;
        middle = specifier.slice(alias.prefix.length, specifier.length - alias.suffix.length);
      } else {
        if (specifier !== alias.prefix) continue;
        middle = '';
      }
      for (const target of alias.targets) {
        const found = probe(normalize(target.replace('*', middle)));
        if (found !== undefined) return found;
      }
    }
    if (aliases.baseUrl !== undefined && !specifier.startsWith('/')) {
      return probe(normalize(posix.join(aliases.baseUrl, specifier)));
    }
    return undefined;
  };

  const resolve = (specifier: string, fromFile: string): string | undefined => {
    const fromDir = posix.dirname(fromFile) === '.' ? '' : posix.dirname(fromFile);
    const relativeSpecifier = specifier.startsWith('.');
    const key = relativeSpecifier ? `${fromDir}\0${specifier}` : specifier;
    if (cache.has(key)) return cache.get(key);
    const resolved = resolveUncached(specifier, fromDir);
    cache.set(key, resolved);
    return resolved;
  };
  return { resolve, clear: () => cache.clear() };
}
