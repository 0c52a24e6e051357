import { dirname, resolve } from 'node:path';
import picomatch from 'picomatch';

/**
 * Matches import specifiers against the patterns the conventions use for modules (`dbModules`,
 * `models`): each pattern is either a module specifier (`'@/lib/db'`, `'~/server/db'`, `'drizzle-orm'`,
 * globs allowed) or a root-relative file glob (`'src/lib/db/index.ts'`, `'src/models/**\/*.{ts,tsx}'`) —
 * a pattern with a file extension or a `**` is a file glob.
 *
 * A rule sees only the file it lints, not the project root, so file globs are matched loosely:
 * - a relative import is resolved against the linted file and matched anywhere under the file system
 *   (`**\/src/lib/db/index.ts`), trying the usual extensions and `index` files;
 * - an alias import `@/x` or `~/x` is read as `src/x` and as `x` (the two layouts create-next-app makes).
 */
export type ModuleMatcher = (specifier: string) => boolean;

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;

function isFileGlob(pattern: string): boolean {
  return SCRIPT_EXTENSION.test(pattern) || pattern.includes('**') || /\.\{/.test(pattern);
}

/** Without its script extension and a trailing `/index`, so `@/lib/db/index.js` and `@/lib/db` compare equal. */
function bareSpecifier(specifier: string): string {
  return specifier.replace(SCRIPT_EXTENSION, '').replace(/\/index$/, '');
}

/** The files a specifier may name: `x`, `x.ts`, …, `x/index.ts`, …; a `.js` specifier may name a `.ts` file. */
function candidateFiles(path: string): string[] {
  const bare = path.replace(SCRIPT_EXTENSION, '');
  return [
    path,
    ...EXTENSIONS.map((extension) => bare + extension),
    ...EXTENSIONS.map((extension) => `${bare}/index${extension}`),
  ];
}

type PathTest = (path: string) => boolean;

interface CompiledPatterns {
  hasFileGlobs: boolean;
  matchesSpecifier: PathTest;
  matchesRootRelative: PathTest;
  /** A file glob matched anywhere under the file system, as `**\/glob` would. */
  matchesAbsolute: PathTest;
}

/**
 * File globs as one test: the literal paths (a discovered layout lists every model file, a thousand in a
 * large project) by set lookup, the rest by picomatch. `anywhere` also accepts the glob after any `/`.
 */
function fileTest(globs: readonly string[], anywhere: boolean): PathTest {
  if (globs.length === 0) return () => false;
  const literals = new Set(globs.filter((glob) => !picomatch.scan(glob).isGlob));
  const patterns = globs.filter((glob) => !literals.has(glob));
  const options = { dot: true };
  const matchesGlob =
    patterns.length === 0
      ? () => false
      : picomatch(anywhere ? patterns.map((glob) => `**/${glob}`) : patterns, options);
  return (path) => {
    if (literals.has(path)) return true;
    if (anywhere) {
      for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1))
        if (literals.has(path.slice(slash + 1))) return true;
    }
    return matchesGlob(path);
  };
}

/**
 * Compiled once per pattern list, not per linted file: a rule's `create` runs for every file, and compiling
 * a thousand globs each time cost more than parsing the file.
 */
const compiledByPatterns = new Map<string, CompiledPatterns>();
const MAX_COMPILED = 32;

function compile(patterns: readonly string[]): CompiledPatterns {
  const key = patterns.join('\n');
  let compiled = compiledByPatterns.get(key);
  if (compiled === undefined) {
    const fileGlobs = patterns.filter(isFileGlob).map((pattern) => pattern.replace(/^\.?\//, ''));
    const specifierGlobs = patterns.filter((pattern) => !isFileGlob(pattern)).map(bareSpecifier);
    compiled = {
      hasFileGlobs: fileGlobs.length > 0,
      matchesSpecifier: specifierGlobs.length > 0 ? picomatch(specifierGlobs, { dot: true }) : () => false,
      matchesRootRelative: fileTest(fileGlobs, false),
      matchesAbsolute: fileTest(fileGlobs, true),
    };
    if (compiledByPatterns.size >= MAX_COMPILED) compiledByPatterns.clear();
    compiledByPatterns.set(key, compiled);
  }
  return compiled;
}

export function createModuleMatcher(patterns: readonly string[], filename: string): ModuleMatcher {
  const { hasFileGlobs, matchesSpecifier, matchesRootRelative, matchesAbsolute } = compile(patterns);
  // Linting text without a real path (`<input>`, `<text>`) leaves relative imports unresolved.
  const directory = filename.startsWith('<') ? undefined : dirname(filename);

  return (specifier) => {
    if (matchesSpecifier(bareSpecifier(specifier))) return true;
    if (!hasFileGlobs) return false;
    if (specifier.startsWith('.')) {
      if (directory === undefined) return false;
      const absolute = resolve(directory, specifier)
        .replaceAll('\\', '/')
        .replace(/^[A-Za-z]:/, '');
      return candidateFiles(absolute.replace(/^\//, '')).some((path) => matchesAbsolute(path));
    }
    const alias = /^[@~#]\/(.*)$/.exec(specifier)?.[1];
    if (alias === undefined) return false;
    return [`src/${alias}`, alias].some((path) =>
      candidateFiles(path).some((file) => matchesRootRelative(file)),
    );
  };
}
