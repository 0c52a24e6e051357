/**
 * Layout discovery: where a project keeps its schema, server actions, data-access modules, database client
 * and test factories, found from its code rather than from folder names. Every tool that needs the layout
 * (the ESLint configs, `many-first lint`, `inspect`, the MCP server) calls `discoverLayout`, so they agree;
 * `many-first.config.json` (or package.json#manyFirst) overrides any key.
 *
 * Each file is read once and looked at lexically (its directive prologue, its import specifiers, a few call
 * names); nothing is executed and nothing outside the root is read. That is enough to tell where things
 * are; what they mean is the analysis's and the rules' job.
 */
import { dirname, posix } from 'node:path';
import picomatch from 'picomatch';
import {
  DEFAULT_CONVENTIONS,
  SOURCE_EXTENSION_GLOB,
  applicationFileMatcher,
  loadConventions,
  type Conventions,
  type LoadedConventions,
} from './index.js';
import { discoverSourceFiles, readProjectFile, type Diagnostic } from './project-files.js';

/** Files larger than this are not looked at for the layout (a generated file says nothing about it). */
const MAX_SCAN_BYTES = 2 * 1024 * 1024;

/** What the lexical look at one file found. */
export interface FileSignals {
  /** The string directives of the module prologue (`use server`, `use client`). */
  directives: string[];
  /** A function whose body starts with 'use server'. */
  inlineServerActions: boolean;
  /** A line that is only a 'use server' string, wherever it is (a misplaced directive shows intent too). */
  mentionsUseServer: boolean;
  /** Import and re-export specifiers. */
  imports: string[];
  /** Re-export specifiers (`export … from '…'`). */
  reexports: string[];
  /** Declares a table with a drizzle dialect's builder. */
  declaresTables: boolean;
  /** Creates a database client: `drizzle(…)` imported from a driver entry of drizzle-orm. */
  createsDbClient: boolean;
  /** Calls createModelFactory. */
  callsModelFactory: boolean;
  /** Defines createModelFactory or re-exports it. */
  definesModelFactory: boolean;
  /** Exports at least one function. */
  exportsFunctions: boolean;
  /** Uses many-first's test factories. */
  definesTestFactory: boolean;
}

/** Where the layout came from, key by key: the project's config, its code, or the defaults. */
export type LayoutOrigin = 'configured' | 'found' | 'default';

export interface ProjectLayout {
  root: string;
  /** The conventions every tool uses: the project's overrides, else what was found, else the defaults. */
  conventions: Conventions;
  origin: Record<keyof Conventions, LayoutOrigin>;
  /** The config file the overrides came from, when there is one. */
  configFile?: string;
  /** Root-relative application source files: what the rules lint (tests, build output, tool config excluded). */
  sourceFiles: string[];
  /** What was found in the code, root-relative and sorted. */
  found: {
    schemaFiles: string[];
    /** Modules whose prologue says 'use server'. */
    actionModules: string[];
    /** Modules with at least one function whose body says 'use server'. */
    inlineActionFiles: string[];
    /** Folders named `actions` that hold a module saying 'use server' (as its directive, or misplaced). */
    actionFolders: string[];
    /** Modules that call createModelFactory. */
    modelModules: string[];
    /** Modules that export functions over the database client (and are not actions, schema or the client). */
    dataAccessModules: string[];
    /** Modules that create the client with drizzle(…), and modules that re-export them. */
    dbModules: string[];
    modelFactoryModules: string[];
    testFactories: string[];
  };
  /** Configured globs that match no file: a typo, or a layout that moved. */
  unmatched: { key: keyof Conventions; glob: string }[];
  diagnostics: Diagnostic[];
}

/** Every module that reads or writes the database for the app: model modules and other data-access modules. */
export function dataAccessFiles(layout: ProjectLayout): string[] {
  return [...new Set([...layout.found.modelModules, ...layout.found.dataAccessModules])].sort();
}

export interface DiscoverOptions {
  /** The schema globs drizzle.config names (read by the caller, who parses it). */
  drizzleSchema?: readonly string[];
  /** Conventions already loaded by the caller (avoids reading the config twice). */
  loaded?: LoadedConventions;
}

const DIALECT_CORE = /^drizzle-orm\/(?:pg|sqlite|mysql|singlestore|gel)-core$/;
const DRIVER_ENTRY = /^drizzle-orm\/(?![\w-]+-core$)[\w-]+(?:\/[\w-]+)?$/;
const TABLE_CALL =
  /\b(?:pgTable|sqliteTable|mysqlTable|singlestoreTable|gelTable|pgTableCreator|sqliteTableCreator|mysqlTableCreator|pgSchema|mysqlSchema)\s*\(/;
const IMPORT_SPECIFIER =
  /(?:^|[\s;}])(import|export)\s*(?:type\s+)?(?:[\w*{}\s,$]*?\s*from\s*)?(['"])([^'"\n]+)\2/g;
const INLINE_USE_SERVER = /[{]\s*(?:(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*(['"])use server\1/;
const EXPORTED_FUNCTION =
  /\bexport\s+(?:default\s+)?(?:async\s+)?function\b|\bexport\s+const\s+[\w$]+\s*(?::[^=]+)?=\s*(?:async\s*)?(?:\([^)]*\)|[\w$]+)\s*(?::[^=]+)?=>|\bexport\s+const\s+[\w$]+\s*=\s*(?:cache|[\w$.]+)\(\s*(?:async\s*)?(?:function\b|\()/;

/** The prologue's directives: string statements before anything else, comments and a hashbang skipped. */
export function prologueDirectives(text: string): string[] {
  const directives: string[] = [];
  let index = text.startsWith('#!') ? text.indexOf('\n') + 1 || text.length : 0;
  for (;;) {
    const rest = text.slice(index);
    const skipped = /^(?:\s+|\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/.exec(rest)![0].length;
    index += skipped;
    const match = /^(['"])((?:(?!\1)[^\\\n])*)\1\s*(?:;|\n|$)/.exec(text.slice(index));
    if (match === null) return directives;
    directives.push(match[2]!);
    index += match[0].length;
  }
}

const DRIVER_IMPORT = /import\s*(?:type\s+)?\{([^}]*)\}\s*from\s*(['"])(drizzle-orm\/[\w/-]+)\2/g;

/** Whether `drizzle(…)` from a driver entry is called, under its own name or an alias. */
function callsDrizzle(text: string): boolean {
  const names = new Set<string>();
  for (const match of text.matchAll(DRIVER_IMPORT)) {
    if (!DRIVER_ENTRY.test(match[3]!)) continue;
    for (const binding of match[1]!.split(',')) {
      const named = /^\s*drizzle(?:\s+as\s+([\w$]+))?\s*$/.exec(binding);
      if (named !== null) names.add(named[1] ?? 'drizzle');
    }
  }
  return [...names].some((name) =>
    new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*[(<]`).test(text),
  );
}

/** Looks at one file's text. */
export function scanFile(file: string, text: string): FileSignals {
  const imports: string[] = [];
  const reexports: string[] = [];
  for (const match of text.matchAll(IMPORT_SPECIFIER)) {
    imports.push(match[3]!);
    if (match[1] === 'export') reexports.push(match[3]!);
  }
  const fromDialect = imports.some((specifier) => DIALECT_CORE.test(specifier));
  const fromDriver = imports.some((specifier) => DRIVER_ENTRY.test(specifier));
  return {
    directives: prologueDirectives(text),
    inlineServerActions: INLINE_USE_SERVER.test(text),
    mentionsUseServer: /^[ \t]*(['"])use server\1;?[ \t]*$/m.test(text),
    imports,
    reexports,
    declaresTables: fromDialect && TABLE_CALL.test(text),
    createsDbClient: fromDriver && callsDrizzle(text),
    callsModelFactory:
      /\bcreateModelFactory\s*[(<]/.test(text) && !/function\s+createModelFactory\b/.test(text),
    definesModelFactory:
      /function\s+createModelFactory\b/.test(text) ||
      (/\bcreateModelFactory\b/.test(text) && reexports.includes('many-first/model-factory')),
    exportsFunctions: EXPORTED_FUNCTION.test(text),
    definesTestFactory: /\.factory\.[cm]?[jt]sx?$/.test(file) || imports.includes('many-first/test-factory'),
  };
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** tsconfig.json's `paths`, read as JSON with comments; aliases that cannot be read are simply absent. */
function readPaths(root: string): { prefix: string; targets: string[] }[] {
  const read = readProjectFile(root, 'tsconfig.json', 1024 * 1024);
  if (!read.ok) return [];
  let config: { compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
  try {
    const json = read.text
      .replace(
        /("(?:[^"\\\n]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g,
        (_, string: string | undefined) => string ?? '',
      )
      .replace(/,(\s*[}\]])/g, '$1');
    config = JSON.parse(json) as typeof config;
  } catch {
    return [];
  }
  const options = config.compilerOptions ?? {};
  const base = typeof options.baseUrl === 'string' ? posix.normalize(options.baseUrl) : '.';
  const paths = options.paths;
  if (paths === null || typeof paths !== 'object') return [];
  return Object.entries(paths as Record<string, unknown>)
    .filter(([alias, targets]) => alias.endsWith('/*') && Array.isArray(targets))
    .map(([alias, targets]) => ({
      prefix: alias.slice(0, -1),
      targets: (targets as unknown[])
        .filter((target): target is string => typeof target === 'string' && target.endsWith('/*'))
        .map((target) => posix.join(base, target.slice(0, -1))),
    }));
}

/** Resolves an import to a project file: relative paths, tsconfig `paths`, and `@/` / `~/` (root or src/). */
function createResolver(root: string, known: ReadonlySet<string>) {
  const aliases = readPaths(root);
  if (!aliases.some((alias) => alias.prefix === '@/')) aliases.push({ prefix: '@/', targets: ['', 'src/'] });
  if (!aliases.some((alias) => alias.prefix === '~/')) aliases.push({ prefix: '~/', targets: ['', 'src/'] });
  const fileOf = (path: string): string | undefined => {
    const normal = posix.normalize(path).replace(/^\.\//, '');
    const bare = normal.replace(/\.[cm]?[jt]sx?$/, '');
    for (const candidate of [
      normal,
      ...EXTENSIONS.map((extension) => bare + extension),
      ...EXTENSIONS.map((extension) => `${normal}/index${extension}`),
    ]) {
      if (known.has(candidate)) return candidate;
    }
    return undefined;
  };
  return (specifier: string, from: string): string | undefined => {
    if (specifier.startsWith('.')) return fileOf(posix.join(posix.dirname(from), specifier));
    for (const alias of aliases) {
      if (!specifier.startsWith(alias.prefix)) continue;
      for (const target of alias.targets) {
        const file = fileOf(target + specifier.slice(alias.prefix.length));
        if (file !== undefined) return file;
      }
    }
    return undefined;
  };
}

/** App Router files that export handlers or components, never data access. */
const ROUTE_FILE =
  /(?:^|\/)app\/(?:.*\/)?(?:page|layout|route|loading|error|template|default|not-found|global-error)\.[cm]?[jt]sx?$/;

function choose<Key extends keyof Conventions>(
  key: Key,
  loaded: LoadedConventions,
  found: Conventions[Key] | undefined,
  origin: Record<keyof Conventions, LayoutOrigin>,
): Conventions[Key] {
  if (loaded.configured.includes(key)) {
    origin[key] = 'configured';
    return loaded.conventions[key];
  }
  if (found !== undefined && (!Array.isArray(found) || found.length > 0)) {
    origin[key] = 'found';
    return found;
  }
  origin[key] = 'default';
  return DEFAULT_CONVENTIONS[key] as Conventions[Key];
}

/**
 * The names of the workspace packages (monorepo `packages/db`) whose entry is one of these files, so an
 * import of `@acme/db` is known as the client: the nearest package.json under the root whose main, module
 * or exports entry (or src/index, index) is the file.
 */
function packageNamesOf(root: string, files: Iterable<string>): string[] {
  const names: string[] = [];
  for (const file of files) {
    for (let folder = posix.dirname(file); folder !== '.' && folder !== ''; folder = posix.dirname(folder)) {
      const read = readProjectFile(root, `${folder}/package.json`, 256 * 1024);
      if (!read.ok) continue;
      try {
        const manifest = JSON.parse(read.text) as {
          name?: unknown;
          main?: unknown;
          module?: unknown;
          exports?: unknown;
        };
        const entry = file.slice(folder.length + 1).replace(/\.[cm]?[jt]sx?$/, '');
        const declared = [
          manifest.main,
          manifest.module,
          typeof manifest.exports === 'string'
            ? manifest.exports
            : (manifest.exports as Record<string, unknown> | undefined)?.['.'],
        ]
          .filter((value): value is string => typeof value === 'string')
          .map((value) => value.replace(/^\.\//, '').replace(/\.[cm]?[jt]sx?$/, ''));
        const isEntry = declared.includes(entry) || entry === 'src/index' || entry === 'index';
        if (typeof manifest.name === 'string' && isEntry) names.push(manifest.name);
      } catch {
        // A package.json that is not JSON names nothing.
      }
      break;
    }
  }
  return names;
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/**
 * The modules that create the database client (`drizzle(…)` from a driver entry), found as
 * `discoverLayout` finds them but without the rest of the layout: for readers that need the client alone.
 * Files that do not mention a drizzle-orm entry are not scanned further.
 */
export function findClientModules(root: string, files: readonly string[]): string[] {
  const clients: string[] = [];
  for (const file of files) {
    const read = readProjectFile(root, file, MAX_SCAN_BYTES);
    if (read.ok && read.text.includes('drizzle-orm/') && scanFile(file, read.text).createsDbClient)
      clients.push(file);
  }
  return clients.sort();
}

/**
 * Finds the project's layout. Throws ConventionsError when many-first.config.json (or package.json's
 * manyFirst key) is malformed; every other problem (an unreadable file) is a diagnostic.
 */
export function discoverLayout(root: string, options: DiscoverOptions = {}): ProjectLayout {
  const loaded = options.loaded ?? loadConventions(root);
  const walked = discoverSourceFiles(root);
  const diagnostics = [...walked.diagnostics];
  const known = new Set(walked.files);
  const signals = new Map<string, FileSignals>();
  for (const file of walked.files) {
    const read = readProjectFile(root, file, MAX_SCAN_BYTES);
    if (read.ok) signals.set(file, scanFile(file, read.text));
  }
  const resolve = createResolver(root, known);

  // Tests and tool files first, with the configured (or default) test factories and ignores.
  const preliminary = { ...loaded.conventions };
  const foundTestFactories = walked.files.filter((file) => signals.get(file)?.definesTestFactory === true);
  const isApplication = applicationFileMatcher({
    ...preliminary,
    testFactories: [...preliminary.testFactories, ...foundTestFactories],
  });
  const sourceFiles = walked.files.filter(isApplication);
  const application = new Set(sourceFiles);

  const where = (test: (signal: FileSignals, file: string) => boolean) =>
    walked.files.filter((file) => {
      const signal = signals.get(file);
      return signal !== undefined && test(signal, file);
    });

  const schemaFiles = where((signal) => signal.declaresTables);
  const actionModules = where(
    (signal, file) => application.has(file) && signal.directives.includes('use server'),
  );
  const inlineActionFiles = where(
    (signal, file) =>
      application.has(file) && !signal.directives.includes('use server') && signal.inlineServerActions,
  );
  // A module that says 'use server' in the wrong place still shows what its folder is for.
  const intendedActions = where((signal, file) => application.has(file) && signal.mentionsUseServer);
  const actionFolders = sortedUnique(
    [...actionModules, ...intendedActions].flatMap((file) => {
      const parts = dirname(file).split('/');
      const at = parts.lastIndexOf('actions');
      return at === -1 ? [] : [parts.slice(0, at + 1).join('/')];
    }),
  );

  const clients = new Set(where((signal) => signal.createsDbClient));
  // Modules that re-export a client are clients to their importers (`lib/db/index.ts` over `./drizzle`).
  for (let grew = true; grew;) {
    grew = false;
    for (const file of walked.files) {
      if (clients.has(file)) continue;
      const signal = signals.get(file);
      if (signal?.reexports.some((specifier) => clients.has(resolve(specifier, file) ?? ''))) {
        clients.add(file);
        grew = true;
      }
    }
  }
  const schemaSet = new Set(schemaFiles);
  const modelModules = where((signal, file) => application.has(file) && signal.callsModelFactory);
  const modelFactoryModules = where((signal) => signal.definesModelFactory);
  const dataAccessModules = where(
    (signal, file) =>
      application.has(file) &&
      signal.exportsFunctions &&
      !signal.callsModelFactory &&
      !signal.directives.includes('use server') &&
      !signal.directives.includes('use client') &&
      !schemaSet.has(file) &&
      // The client's own module counts when it also exports queries over it (one lib/db/queries.ts).
      (!clients.has(file) || signal.createsDbClient) &&
      !ROUTE_FILE.test(file) &&
      !/\.[jt]sx$/.test(file) &&
      (signal.createsDbClient ||
        signal.imports.some((specifier) => clients.has(resolve(specifier, file) ?? ''))),
  );
  const byDefault = picomatch([...DEFAULT_CONVENTIONS.testFactories], { dot: true });
  const extraTestFactories = foundTestFactories.filter((file) => !byDefault(file));
  const origin = {} as Record<keyof Conventions, LayoutOrigin>;
  const conventions: Conventions = {
    schema: loaded.configured.includes('schema')
      ? loaded.conventions.schema
      : options.drizzleSchema !== undefined && options.drizzleSchema.length > 0
        ? [...options.drizzleSchema]
        : schemaFiles.length > 0
          ? schemaFiles
          : undefined,
    // The usual folders stay model folders too: a hand-written module there is a model without the factory.
    models: choose(
      'models',
      loaded,
      modelModules.length > 0 ? [...modelModules, ...DEFAULT_CONVENTIONS.models] : undefined,
      origin,
    ),
    modelFactory: choose('modelFactory', loaded, modelFactoryModules, origin),
    actions: choose(
      'actions',
      loaded,
      actionFolders.map((folder) => `${folder}/**/*.${SOURCE_EXTENSION_GLOB}`),
      origin,
    ),
    testFactories: choose(
      'testFactories',
      loaded,
      extraTestFactories.length > 0
        ? [...DEFAULT_CONVENTIONS.testFactories, ...extraTestFactories]
        : undefined,
      origin,
    ),
    dbModules: choose(
      'dbModules',
      loaded,
      clients.size > 0
        ? sortedUnique([...clients, ...packageNamesOf(root, clients), ...DEFAULT_CONVENTIONS.dbModules])
        : undefined,
      origin,
    ),
    drizzleConfig: choose('drizzleConfig', loaded, undefined, origin),
    ignores: choose('ignores', loaded, undefined, origin),
  };
  origin.rules = loaded.configured.includes('rules') ? 'configured' : 'default';
  if (loaded.conventions.rules !== undefined) conventions.rules = loaded.conventions.rules;
  origin.schema = loaded.configured.includes('schema')
    ? 'configured'
    : conventions.schema !== undefined
      ? 'found'
      : 'default';
  if (conventions.schema === undefined) delete conventions.schema;

  const unmatched: ProjectLayout['unmatched'] = [];
  for (const key of loaded.configured) {
    const value = loaded.conventions[key];
    if (!Array.isArray(value) || key === 'dbModules') continue;
    for (const glob of value) {
      const matches = picomatch(glob, { dot: true });
      if (!walked.files.some((file) => matches(file))) unmatched.push({ key, glob });
    }
  }

  const layout: ProjectLayout = {
    root,
    conventions,
    origin,
    sourceFiles,
    found: {
      schemaFiles,
      actionModules,
      inlineActionFiles,
      actionFolders,
      modelModules,
      dataAccessModules: dataAccessModules.sort(),
      dbModules: [...clients].sort(),
      modelFactoryModules,
      testFactories: foundTestFactories,
    },
    unmatched,
    diagnostics,
  };
  if (loaded.source !== undefined) layout.configFile = loaded.source;
  return layout;
}
