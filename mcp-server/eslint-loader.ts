/**
 * The one place many-first loads ESLint, an optional peer dependency: `many-first lint`, the MCP server's
 * lint_code and the inspection's findings all come here, so they run the same copy and a project without
 * ESLint gets the same one-line error naming the peer everywhere. Loaded on use, so the rest works without it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type EslintModule = typeof import('eslint');

/** ESLint is not installed where the project or many-first can resolve it. */
export class EslintMissingError extends Error {
  constructor() {
    super(
      'needs ESLint 9 or 10, which is not installed; add it to the project: npm install --save-dev eslint',
    );
    this.name = 'EslintMissingError';
  }
}

/** The ESLint found is older than flat config's ESLint 9. */
export class EslintVersionError extends Error {
  constructor(version: string, entry: string) {
    super(`needs ESLint 9 or 10 (flat config); found ${version} at ${entry}`);
    this.name = 'EslintVersionError';
  }
}

/** many-first's own folder (sources or dist/): the fallback when the project has no ESLint of its own. */
const ownDirectory = dirname(fileURLToPath(import.meta.url));

const loads = new Map<string, Promise<EslintModule>>();

function resolveFrom(directory: string): string | undefined {
  try {
    return createRequire(join(directory, 'package.json')).resolve('eslint');
  } catch {
    return undefined;
  }
}

/**
 * ESLint as the project at `root` would run it: the project's own copy first (so `many-first lint`, `npx
 * eslint` and the inspection agree), else the one beside many-first. Throws EslintMissingError or
 * EslintVersionError; each copy is imported once per process.
 */
export function loadEslint(root: string): Promise<EslintModule> {
  return loadEslintFrom([root, ownDirectory]);
}

/** The first ESLint that resolves from one of `directories`, in order. */
export function loadEslintFrom(directories: readonly string[]): Promise<EslintModule> {
  let entry: string | undefined;
  for (const directory of directories) {
    entry = resolveFrom(directory);
    if (entry !== undefined) break;
  }
  if (entry === undefined) return Promise.reject(new EslintMissingError());
  let load = loads.get(entry);
  if (load === undefined) {
    const found = entry;
    load = (import(pathToFileURL(found).href) as Promise<EslintModule>).then((eslint) => {
      const major = Number(eslint.ESLint.version.split('.')[0]);
      if (major < 9) throw new EslintVersionError(eslint.ESLint.version, found);
      return eslint;
    });
    load.catch(() => loads.delete(found));
    loads.set(found, load);
  }
  return load;
}
