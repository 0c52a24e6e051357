/**
 * The project index: one per root (its real path), built lazily and refreshed per call. Each file is read
 * and parsed once with TypeScript's parser and walked once for its facts; only schema modules (and what
 * they import) keep their syntax trees, for the schema evaluator. After the first build, folder watchers
 * mark what changed, so a refresh re-parses the edited files alone (without watchers, sizes and mtimes are
 * compared). Everything derived — tables, models, actions, usages, findings — is recomputed lazily.
 */
import { existsSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ts } from 'ts-morph';
import {
  applicationFileMatcher,
  DEFAULT_SCHEMA_GLOBS,
  loadConventions,
  type LoadedConventions,
} from '../../conventions/index.js';
import { discoverLayout, type DiscoverOptions, type ProjectLayout } from '../../conventions/layout.js';
import { analyseActions } from './actions.js';
import { createConventionMatchers, type ConventionMatchers } from './convention-matchers.js';
import type { Casing } from './drizzle-columns.js';
import { readDrizzleConfig, type DrizzleConfig } from './drizzle-config.js';
import { collectFileFacts, type FileFacts } from './file-facts.js';
import { loadConventionLinter, structureFindings, type ConventionLinter } from './findings.js';
import type {
  Diagnostic,
  Dialect,
  ForeignKey,
  Finding,
  Inspection,
  Model,
  ServerAction,
  Table,
  Usage,
} from './model.js';
import { analyseModels, type ModelAnalysis } from './models.js';
import { analyseTestFactories } from './test-factories.js';
import { ModuleGraph, symbolKey, type SymbolRef } from './module-graph.js';
import {
  createModuleResolver,
  readPathAliases,
  type ModuleResolver,
  type PathAliases,
} from './module-resolver.js';
import { ANALYSIS_BUDGETS, budgetCut, firstCutPerFile } from './analysis-budgets.js';
import { isBlanked, parseErrorsOf, parseSourceBounded } from './parse.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  discoverSourceFiles,
  isSourceFile,
  readProjectFile,
  stampOf,
  type FileStamp,
} from '../../conventions/project-files.js';
import { extractSchema, type SchemaExtraction } from './schema-extractor.js';
import { closeMatches } from './suggestions.js';
import { indexUsages } from './usages.js';

export type ProgressCallback = (done: number, total: number, message: string) => void;

export interface OpenProjectOptions {
  /** Called while the index builds (and while a large refresh runs), e.g. to send progress notifications. */
  onProgress?: ProgressCallback;
  /** Files larger than this are reported in diagnostics and not parsed. Default 10 MB. */
  maxFileBytes?: number;
  /**
   * Watch the project's folders so a refresh only looks at what changed (default true). Without watching,
   * every refresh compares the size and mtime of every file.
   */
  watch?: boolean;
  /**
   * Run the convention rules on each application file while it is parsed, from the same tree (one parse
   * per file), so `checkConventions` finds them done. Without it, the first `checkConventions` reads and
   * parses the files again; after it, re-parsed files are linted from their new trees either way.
   */
  findings?: boolean;
}

/** Thrown for a root that cannot be indexed at all (missing, not a folder, malformed conventions). */
export class ProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectError';
  }
}

export type TableLookup =
  { table: Table; suggestions?: undefined } | { table?: undefined; suggestions: string[] };
export type ModelLookup =
  { model: Model; suggestions?: undefined } | { model?: undefined; suggestions: string[] };

export interface SymbolDefinition {
  kind: 'table' | 'model-op' | 'action';
  /** The TS name (table export, op export, action name). */
  name: string;
  file: string;
  line: number;
}

export type UsageLookup =
  | { definitions: SymbolDefinition[]; usages: Usage[]; suggestions?: undefined }
  | { definitions?: undefined; usages?: undefined; suggestions: string[] };

export interface ForeignKeyEdge {
  /** TS name of the table that holds the key. */
  table: string;
  foreignKey: ForeignKey;
}

export interface RefreshStats {
  /** Files read and parsed by this refresh. */
  parsed: string[];
  removed: string[];
  /** True when the settings (conventions, tsconfig, drizzle config) changed and everything was rebuilt. */
  rebuilt: boolean;
}

interface FileEntry {
  stamp: FileStamp;
  facts?: FileFacts;
  /** Kept for schema modules and the modules they import. */
  sourceFile?: ts.SourceFile;
  diagnostics: Diagnostic[];
}

interface Settings {
  loaded: LoadedConventions;
  /** Where the project keeps things, found from its code (the same discovery the ESLint configs use). */
  layout: ProjectLayout;
  drizzleConfig: DrizzleConfig | undefined;
  aliases: PathAliases;
  matchers: ConventionMatchers;
  diagnostics: Diagnostic[];
}

interface Derived {
  extraction?: SchemaExtraction;
  bindings?: Map<Table, SymbolRef>;
  graph?: ModuleGraph;
  models?: ModelAnalysis;
  /** How many defineFactory test factories the project has (set with models). */
  testFactoryCount?: number;
  actions?: ServerAction[];
  usages?: Map<string, Usage[]>;
  structure?: Finding[];
  inspection?: Inspection;
  lookups?: Lookups;
}

/** Name → entity maps for the per-call lookups, so one answer never scans every table or model. */
interface Lookups {
  /** A table by TS name, SQL name or `schema.sqlName`; the first table in order wins a shared name. */
  tables: Map<string, Table>;
  /** Foreign keys by the SQL name of the table they point at. */
  incoming: Map<string, ForeignKeyEdge[]>;
  modelsByFile: Map<string, Model>;
  /** A model by its table's TS name, SQL name or its factory table name. */
  modelsByTable: Map<string, Model>;
  modelsByOp: Map<string, Model>;
}

/** A file's first syntax error as a diagnostic, with how many more there are; undefined when it parses. */
function syntaxDiagnostic(file: string, sourceFile: ts.SourceFile): Diagnostic | undefined {
  const errors = parseErrorsOf(sourceFile);
  if (errors.length === 0) return undefined;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return { file, line: errors[0]!.line, message: `syntax error: ${errors[0]!.message}${more}` };
}

/** The names a table answers to: TS name, SQL name and, in a Postgres schema, `schema.sqlName`. */
function tableNames(table: Table): string[] {
  return table.schema === undefined
    ? [table.name, table.sqlName]
    : [table.name, table.sqlName, `${table.schema}.${table.sqlName}`];
}

const addFirst = <T>(map: Map<string, T>, key: string | undefined, value: T) => {
  if (key !== undefined && !map.has(key)) map.set(key, value);
};

/** Files whose change alters how everything else is read. */
const SETTINGS_FILES = new Set(['package.json', 'many-first.config.json', 'tsconfig.json']);

const YIELD_EVERY_MS = 40;

const indexes = new Map<string, ProjectIndex>();

function realRoot(root: string): string {
  const absolute = resolve(root);
  if (!existsSync(absolute)) throw new ProjectError(`project root '${root}' does not exist`);
  const real = realpathSync(absolute);
  if (!statSync(real).isDirectory()) throw new ProjectError(`project root '${root}' is not a folder`);
  return real;
}

/**
 * The index of a project root, built on first use and refreshed on every later call. Concurrent calls for
 * the same root share one build. Throws ProjectError for a missing root or malformed conventions.
 */
export async function openProject(root: string, options: OpenProjectOptions = {}): Promise<ProjectIndex> {
  const real = realRoot(root);
  let index = indexes.get(real);
  if (index === undefined) {
    index = new ProjectIndex(real, options);
    indexes.set(real, index);
  }
  await index.refresh(options.onProgress);
  return index;
}

/** Stops the watchers of one root's index and forgets it. */
export function closeProject(root: string): void {
  let real: string;
  try {
    real = realpathSync(resolve(root));
  } catch {
    return;
  }
  indexes.get(real)?.close();
  indexes.delete(real);
}

export function closeAllProjects(): void {
  for (const index of indexes.values()) index.close();
  indexes.clear();
}

/** Conventions, the drizzle config, tsconfig aliases: how the rest of the project is read. */
function loadSettings(root: string): Settings {
  let loaded: LoadedConventions;
  try {
    loaded = loadConventions(root);
  } catch (error) {
    throw new ProjectError((error as Error).message);
  }
  const diagnostics: Diagnostic[] = [];
  const drizzleConfig = readDrizzleConfig(root, loaded.conventions.drizzleConfig, diagnostics);
  const aliases = readPathAliases(root, diagnostics);
  const options: DiscoverOptions = { loaded };
  if (drizzleConfig?.schema !== undefined) options.drizzleSchema = drizzleConfig.schema;
  const layout = discoverLayout(root, options);
  const schemaGlobs = layout.conventions.schema ?? [...DEFAULT_SCHEMA_GLOBS];
  const matchers = createConventionMatchers(layout.conventions, schemaGlobs);
  return { loaded, layout, drizzleConfig, aliases, matchers, diagnostics };
}

export interface SchemaReading {
  root: string;
  dialect: Dialect;
  tables: Table[];
  diagnostics: Diagnostic[];
  /** The schema files read, root-relative. */
  schemaFiles: string[];
}

/**
 * Reads, parses and walks one file into an entry with its syntax tree; a file that cannot be read or
 * analysed becomes a diagnostic. Undefined when the file is gone.
 */
function analyseFile(
  root: string,
  file: string,
  maxFileBytes: number,
  resolver: ModuleResolver,
): FileEntry | undefined {
  const read = readProjectFile(root, file, maxFileBytes);
  if (!read.ok) {
    if (read.stamp === undefined && read.message.includes('ENOENT')) return undefined;
    const tooLarge = read.stamp !== undefined && read.stamp.size > maxFileBytes;
    return {
      stamp: read.stamp ?? { mtimeMs: 0, size: 0 },
      diagnostics: [{ file, line: 1, message: read.message, ...(tooLarge ? { budget: 'fileBytes' } : {}) }],
    };
  }
  const diagnostics: Diagnostic[] = [];
  try {
    const { sourceFile, blanked } = parseSourceBounded(file, read.text);
    // Blanking deep code leaves syntax errors of its own: the cut is the one thing to say then.
    const syntax = blanked === undefined ? syntaxDiagnostic(file, sourceFile) : undefined;
    if (blanked !== undefined)
      diagnostics.push(budgetCut(file, blanked.line, blanked.budget, 'the deeper code was not analysed'));
    if (syntax !== undefined) diagnostics.push(syntax);
    const facts = collectFileFacts(sourceFile, { resolve: (specifier) => resolver.resolve(specifier, file) });
    if (facts.walkCutLine !== undefined && blanked === undefined)
      diagnostics.push(budgetCut(file, facts.walkCutLine, 'walkDepth', 'the deeper code was not analysed'));
    return { stamp: read.stamp, facts, sourceFile, diagnostics };
  } catch (error) {
    diagnostics.push({ file, line: 1, message: `could not analyse: ${(error as Error).message}` });
    return { stamp: read.stamp, diagnostics };
  }
}

/** The casing the first of `files` passes to `drizzle(...)`, where the client is created. */
function drizzleCasingIn(
  files: Iterable<string>,
  factsOf: (file: string) => FileFacts | undefined,
): Casing | undefined {
  for (const file of files) {
    const casing = factsOf(file)?.drizzleCasing[0]?.casing;
    if (casing === 'snake_case' || casing === 'camelCase') return casing;
  }
  return undefined;
}

/**
 * The schema alone, without indexing the rest of the project: the schema files, the project files they
 * import and the database-client modules (for a casing given to `drizzle()`) are read and parsed; nothing
 * else is. Tables carry no `model`. For one-off questions about tables; `openProject` answers everything.
 */
export function readSchema(root: string, options: { maxFileBytes?: number } = {}): SchemaReading {
  const real = realRoot(root);
  const settings = loadSettings(real);
  const discovered = discoverSourceFiles(real);
  const known = new Set(discovered.files);
  const resolver = createModuleResolver((file) => known.has(file), settings.aliases);
  const diagnostics = [...settings.diagnostics, ...discovered.diagnostics];
  const modules = new Map<string, { sourceFile: ts.SourceFile; facts: FileFacts } | undefined>();
  const load = (file: string) => {
    if (modules.has(file)) return modules.get(file);
    const entry = analyseFile(real, file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, resolver);
    diagnostics.push(...(entry?.diagnostics ?? []));
    const module =
      entry?.facts === undefined || entry.sourceFile === undefined
        ? undefined
        : { sourceFile: entry.sourceFile, facts: entry.facts };
    modules.set(file, module);
    return module;
  };
  const schemaFiles = discovered.files.filter((file) => settings.matchers.isSchema(file));
  // Only the database-client modules are read for it: the rest of the project stays unparsed.
  const casing =
    settings.drizzleConfig?.casing ??
    drizzleCasingIn(
      discovered.files.filter((file) => settings.matchers.isDbModule(file, file)),
      (file) => load(file)?.facts,
    );
  const extraction = extractSchema(
    {
      module(file) {
        const module = known.has(file) ? load(file) : undefined;
        return module === undefined ? undefined : { file, ...module };
      },
    },
    schemaFiles,
    { casing },
  );
  for (const entry of extraction.diagnostics) diagnostics.push(entry);
  const dialect = settings.drizzleConfig?.dialect ?? extraction.tables[0]?.dialect ?? 'pg';
  return {
    root: real,
    dialect,
    tables: extraction.tables,
    diagnostics: firstCutPerFile(diagnostics),
    schemaFiles,
  };
}

const nextTurn = () => new Promise<void>((done) => setImmediate(done));

export class ProjectIndex {
  readonly root: string;
  private readonly maxFileBytes: number;
  private readonly watchEnabled: boolean;
  private settings: Settings | undefined;
  private resolver: ModuleResolver | undefined;
  private readonly files = new Map<string, FileEntry>();
  private directories = new Set<string>();
  private discoveryDiagnostics: Diagnostic[] = [];
  private derived: Derived = {};
  private built = false;
  private pending: Promise<RefreshStats> | undefined;
  private readonly progressListeners = new Set<ProgressCallback>();
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly dirty = new Set<string>();
  private watchBroken = false;
  private lintCache = new Map<string, { stamp: FileStamp; findings: Finding[] }>();
  private lintUnavailable: string | undefined;
  /** Loaded by `findings` or the first `checkConventions`; from then on, parses keep trees for it. */
  private linter: { lint: ConventionLinter; isApplication: (file: string) => boolean } | undefined;
  /** Trees of application files parsed since they were last linted, waiting for the linter. */
  private readonly treesToLint = new Map<string, ts.SourceFile>();
  private readonly lintWhileParsing: boolean;
  private version = 0;

  constructor(root: string, options: OpenProjectOptions = {}) {
    this.root = root;
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.watchEnabled = options.watch ?? true;
    this.lintWhileParsing = options.findings ?? false;
  }

  /** Increases whenever what the index answers may have changed. */
  get generation(): number {
    return this.version;
  }

  /**
   * Brings the index up to date: the first call builds it, later calls re-parse only files whose content
   * changed (new and deleted files included). Concurrent calls share the same work.
   */
  refresh(onProgress?: ProgressCallback): Promise<RefreshStats> {
    if (onProgress !== undefined) this.progressListeners.add(onProgress);
    if (this.pending === undefined) {
      this.pending = this.run().finally(() => {
        this.pending = undefined;
        this.progressListeners.clear();
      });
    }
    return this.pending;
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private progress(done: number, total: number, message: string) {
    for (const listener of this.progressListeners) {
      try {
        listener(done, total, message);
      } catch {
        // A listener's failure (a closed transport) must not break the build.
      }
    }
  }

  private async run(): Promise<RefreshStats> {
    if (!this.built) return this.build();
    if (this.watchEnabled && !this.watchBroken) {
      // Let pending watcher events in: a file written just before this call is already queued.
      await nextTurn();
      await nextTurn();
      return this.applyDirty();
    }
    return this.sweep();
  }

  private async build(): Promise<RefreshStats> {
    const settings = loadSettings(this.root);
    this.settings = settings;
    this.close();
    this.files.clear();
    this.dirty.clear();
    this.watchBroken = false;
    const discovered = discoverSourceFiles(this.root);
    this.discoveryDiagnostics = discovered.diagnostics;
    this.directories = new Set(discovered.directories);
    const known = new Set(discovered.files);
    this.resolver = createModuleResolver((file) => known.has(file), settings.aliases);
    // The conventions may have changed: a linter loaded before is loaded again for the new ones.
    const lintWanted = this.lintWhileParsing || this.linter !== undefined;
    this.linter = undefined;
    this.treesToLint.clear();
    if (lintWanted) await this.loadLinter();

    // Schema modules first, breadth-first over what they import, so those keep their trees.
    const order: string[] = [];
    const queued = new Set<string>();
    const keep = new Set<string>();
    const total = discovered.files.length;
    let done = 0;
    let lastYield = performance.now();
    const parseOne = async (file: string, retain: boolean) => {
      const entry = this.parseFile(file, retain);
      if (entry !== undefined) this.files.set(file, entry);
      if (this.treesToLint.size > 0) await this.lintFiles([...this.treesToLint.keys()]);
      done++;
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        this.progress(done, total, `indexing ${file}`);
        await nextTurn();
        lastYield = performance.now();
      }
    };
    const schemaQueue = discovered.files.filter((file) => settings.matchers.isSchema(file));
    for (const file of schemaQueue) queued.add(file);
    this.progress(0, total, `indexing ${total} files`);
    while (schemaQueue.length > 0) {
      const file = schemaQueue.shift()!;
      keep.add(file);
      order.push(file);
      await parseOne(file, true);
      for (const binding of this.files.get(file)?.facts?.imports ?? []) {
        if (binding.resolved !== undefined && !queued.has(binding.resolved)) {
          queued.add(binding.resolved);
          schemaQueue.push(binding.resolved);
        }
      }
    }
    for (const file of discovered.files) {
      if (!queued.has(file)) await parseOne(file, false);
    }
    this.built = true;
    this.invalidate();
    this.progress(total, total, `indexed ${total} files`);
    this.settingsChanged(); // records the settings files' stamps for later sweeps
    if (this.watchEnabled) this.startWatching();
    return { parsed: [...discovered.files], removed: [], rebuilt: true };
  }

  /** Reads, parses and walks one file; keeps its tree when asked. Undefined when the file is gone. */
  private parseFile(file: string, retain: boolean): FileEntry | undefined {
    const entry = analyseFile(this.root, file, this.maxFileBytes, this.resolver!);
    const tree = entry?.sourceFile;
    if (tree !== undefined && this.linter?.isApplication(file) === true && !isBlanked(tree))
      this.treesToLint.set(file, tree);
    if (entry !== undefined && !retain) delete entry.sourceFile;
    return entry;
  }

  /** The modules the schema evaluation reads: schema files and, transitively, the project files they import. */
  private schemaModules(): Set<string> {
    const matchers = this.settings!.matchers;
    const result = new Set<string>();
    const queue = [...this.files.keys()].filter((file) => matchers.isSchema(file));
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (result.has(file)) continue;
      result.add(file);
      for (const binding of this.files.get(file)?.facts?.imports ?? []) {
        if (binding.resolved !== undefined && this.files.has(binding.resolved)) queue.push(binding.resolved);
      }
    }
    return result;
  }

  private startWatching() {
    for (const directory of this.directories) this.watchDirectory(directory);
  }

  private watchDirectory(directory: string) {
    if (this.watchers.has(directory) || this.watchBroken) return;
    try {
      const watcher = watch(join(this.root, directory), { persistent: false }, (_event, name) => {
        if (name === null) {
          this.watchBroken = true; // the platform did not say what changed: compare everything next time
          return;
        }
        const entry = name.toString();
        this.dirty.add(directory === '' ? entry : `${directory}/${entry}`);
      });
      watcher.on('error', () => {
        // The folder went away or the watcher failed; its parent's watcher reports a removal.
        watcher.close();
        this.watchers.delete(directory);
        if (directory === '') this.watchBroken = true;
      });
      this.watchers.set(directory, watcher);
    } catch {
      this.watchBroken = true; // e.g. out of inotify watches: fall back to comparing stamps
      this.close();
    }
  }

  /** Applies the changes the watchers reported. */
  private async applyDirty(): Promise<RefreshStats> {
    if (this.dirty.size === 0) return { parsed: [], removed: [], rebuilt: false };
    const paths = [...this.dirty];
    this.dirty.clear();
    if (paths.some((path) => this.isSettingsFile(path))) return this.build();
    const candidates = new Set<string>();
    for (const path of paths) {
      const absolute = join(this.root, path);
      let isDirectory = false;
      try {
        isDirectory = statSync(absolute).isDirectory();
      } catch {
        // Gone: drop what was under it.
      }
      if (isDirectory) {
        if (!this.directories.has(path)) {
          const inner = discoverSourceFiles(absolute);
          for (const dir of inner.directories) {
            const rel = dir === '' ? path : `${path}/${dir}`;
            this.directories.add(rel);
            this.watchDirectory(rel);
          }
          for (const file of inner.files) candidates.add(`${path}/${file}`);
        }
        continue;
      }
      if (this.directories.has(path)) {
        for (const dir of [...this.directories]) {
          if (dir === path || dir.startsWith(`${path}/`)) {
            this.directories.delete(dir);
            this.watchers.get(dir)?.close();
            this.watchers.delete(dir);
          }
        }
        for (const file of this.files.keys()) if (file.startsWith(`${path}/`)) candidates.add(file);
      }
      if (isSourceFile(path)) candidates.add(path);
    }
    return this.update(candidates);
  }

  /** Without watchers: rediscover the tree and compare every file's stamp. */
  private async sweep(): Promise<RefreshStats> {
    const discovered = discoverSourceFiles(this.root);
    this.discoveryDiagnostics = discovered.diagnostics;
    this.directories = new Set(discovered.directories);
    const settingsChanged = this.settingsChanged();
    if (settingsChanged) return this.build();
    const candidates = new Set<string>(discovered.files);
    for (const file of this.files.keys()) candidates.add(file);
    return this.update(candidates);
  }

  private isSettingsFile(path: string): boolean {
    const config = this.settings?.drizzleConfig?.file ?? this.settings?.loaded.conventions.drizzleConfig;
    return SETTINGS_FILES.has(path) || path === config || path.startsWith('drizzle.config.');
  }

  private settingsStamps = new Map<string, string>();

  private settingsChanged(): boolean {
    const names = [...SETTINGS_FILES, this.settings?.drizzleConfig?.file ?? 'drizzle.config.ts'];
    let changed = false;
    for (const name of names) {
      const stamp = stampOf(this.root, name);
      const key = stamp === undefined ? '-' : `${stamp.mtimeMs}:${stamp.size}`;
      if (this.settingsStamps.has(name) && this.settingsStamps.get(name) !== key) changed = true;
      this.settingsStamps.set(name, key);
    }
    return changed;
  }

  /** Re-reads the candidates whose stamp changed, drops the ones that are gone. */
  private async update(candidates: Set<string>): Promise<RefreshStats> {
    const parsed: string[] = [];
    const removed: string[] = [];
    const before = this.schemaModules();
    let fileSetChanged = false;
    for (const file of candidates) {
      const stamp = stampOf(this.root, file);
      const entry = this.files.get(file);
      if (stamp === undefined || !isSourceFile(file)) {
        if (entry !== undefined) {
          this.files.delete(file);
          removed.push(file);
          fileSetChanged = true;
        }
        continue;
      }
      if (entry !== undefined && entry.stamp.mtimeMs === stamp.mtimeMs && entry.stamp.size === stamp.size)
        continue;
      if (entry === undefined) fileSetChanged = true;
      parsed.push(file);
    }
    if (parsed.length === 0 && removed.length === 0) return { parsed, removed, rebuilt: false };
    if (fileSetChanged) {
      for (const file of parsed) this.files.set(file, { stamp: { mtimeMs: 0, size: 0 }, diagnostics: [] });
      const known = new Set(this.files.keys());
      this.resolver = createModuleResolver((file) => known.has(file), this.settings!.aliases);
    }
    parsed.forEach((file, index) => {
      const fresh = this.parseFile(file, before.has(file) || this.settings!.matchers.isSchema(file));
      if (fresh === undefined) this.files.delete(file);
      else this.files.set(file, fresh);
      if (parsed.length > 50) this.progress(index + 1, parsed.length, `re-indexing ${file}`);
    });
    if (fileSetChanged) {
      // Imports that named a missing file may resolve now (or no longer): re-walk the files whose imports moved.
      const resolver = this.resolver!;
      for (const [file, entry] of this.files) {
        if (parsed.includes(file) || entry.facts === undefined) continue;
        const moved = entry.facts.imports.some(
          (binding) => binding.resolved !== resolver.resolve(binding.specifier, file),
        );
        if (!moved) continue;
        const fresh = this.parseFile(file, before.has(file));
        if (fresh !== undefined) this.files.set(file, fresh);
        parsed.push(file);
      }
    }
    // Keep trees exactly for the schema modules: new imports of a schema file need theirs.
    const after = this.schemaModules();
    for (const file of after) {
      const entry = this.files.get(file);
      if (entry !== undefined && entry.sourceFile === undefined && entry.facts !== undefined) {
        const fresh = this.parseFile(file, true);
        if (fresh !== undefined) this.files.set(file, fresh);
        if (!parsed.includes(file)) parsed.push(file);
      }
    }
    for (const file of before) {
      if (!after.has(file)) {
        const entry = this.files.get(file);
        if (entry !== undefined) delete entry.sourceFile;
      }
    }
    const schemaChanged = [...parsed, ...removed].some((file) => before.has(file) || after.has(file));
    this.invalidate(schemaChanged);
    return { parsed, removed, rebuilt: false };
  }

  private invalidate(schema = true) {
    const extraction = schema ? undefined : this.derived.extraction;
    const bindings = schema ? undefined : this.derived.bindings;
    this.derived = {};
    if (extraction !== undefined) this.derived.extraction = extraction;
    if (bindings !== undefined) this.derived.bindings = bindings;
    this.version++;
  }

  private factsOf = (file: string): FileFacts | undefined => this.files.get(file)?.facts;

  private sortedFiles(): string[] {
    return [...this.files.keys()].sort();
  }

  private requireBuilt(): Settings {
    if (!this.built || this.settings === undefined) {
      throw new ProjectError('the index has not been built yet: await openProject() or refresh() first');
    }
    return this.settings;
  }

  private casing(): Casing | undefined {
    const settings = this.requireBuilt();
    return settings.drizzleConfig?.casing ?? drizzleCasingIn(this.sortedFiles(), this.factsOf);
  }

  private schema(): { extraction: SchemaExtraction; bindings: Map<Table, SymbolRef> } {
    const settings = this.requireBuilt();
    if (this.derived.extraction === undefined || this.derived.bindings === undefined) {
      let schemaFiles = this.sortedFiles().filter((file) => settings.matchers.isSchema(file));
      if (schemaFiles.length === 0) {
        // No file matches the schema globs: fall back to files that import a drizzle core module.
        schemaFiles = this.sortedFiles().filter(
          (file) => this.files.get(file)?.facts?.importsDrizzleCore === true,
        );
        for (const file of schemaFiles) {
          const entry = this.files.get(file)!;
          const fresh = entry.sourceFile === undefined ? this.parseFile(file, true) : undefined;
          if (fresh !== undefined) this.files.set(file, fresh);
        }
      }
      const host = {
        module: (file: string) => {
          const entry = this.files.get(file);
          if (entry?.facts === undefined) return undefined;
          if (entry.sourceFile === undefined) {
            // A module the schema reaches only now (a fallback schema's import): parse it and keep the tree.
            const fresh = this.parseFile(file, true);
            if (fresh === undefined) return undefined;
            this.files.set(file, fresh);
            return fresh.sourceFile === undefined || fresh.facts === undefined
              ? undefined
              : { file, sourceFile: fresh.sourceFile, facts: fresh.facts };
          }
          return { file, sourceFile: entry.sourceFile, facts: entry.facts };
        },
      };
      const extraction = extractSchema(host, schemaFiles, { casing: this.casing() });
      const bindings = new Map<Table, SymbolRef>();
      const graph = this.graph();
      for (const table of extraction.tables) {
        const declared = graph.resolveExport(table.file, table.name);
        bindings.set(table, declared ?? { file: table.file, name: table.name });
      }
      this.derived.extraction = extraction;
      this.derived.bindings = bindings;
    }
    return { extraction: this.derived.extraction, bindings: this.derived.bindings };
  }

  private graph(): ModuleGraph {
    return (this.derived.graph ??= new ModuleGraph(this.factsOf));
  }

  private tables(): Table[] {
    return this.schema().extraction.tables;
  }

  private lookups(): Lookups {
    if (this.derived.lookups === undefined) {
      const lookups: Lookups = {
        tables: new Map(),
        incoming: new Map(),
        modelsByFile: new Map(),
        modelsByTable: new Map(),
        modelsByOp: new Map(),
      };
      const byTsName = new Map<string, Table>();
      for (const table of this.tables()) {
        addFirst(byTsName, table.name, table);
        for (const name of tableNames(table)) addFirst(lookups.tables, name, table);
        for (const foreignKey of table.foreignKeys) {
          const edges = lookups.incoming.get(foreignKey.foreignTable);
          const edge = { table: table.name, foreignKey };
          if (edges === undefined) lookups.incoming.set(foreignKey.foreignTable, [edge]);
          else edges.push(edge);
        }
      }
      for (const model of this.models().models) {
        addFirst(lookups.modelsByFile, model.file, model);
        addFirst(lookups.modelsByTable, model.table, model);
        if (model.table !== undefined)
          addFirst(lookups.modelsByTable, byTsName.get(model.table)?.sqlName, model);
        addFirst(lookups.modelsByTable, model.tableName, model);
        for (const op of model.ops) addFirst(lookups.modelsByOp, op.exportName, model);
      }
      this.derived.lookups = lookups;
    }
    return this.derived.lookups;
  }

  private models(): ModelAnalysis {
    if (this.derived.models === undefined) {
      const settings = this.requireBuilt();
      const { extraction, bindings } = this.schema();
      const tableBySymbol = new Map<string, string>();
      for (const table of extraction.tables) tableBySymbol.set(symbolKey(bindings.get(table)!), table.name);
      const importers = new Map<string, Set<string>>();
      for (const [file, entry] of this.files) {
        for (const binding of entry.facts?.imports ?? []) {
          if (binding.resolved === undefined) continue;
          let set = importers.get(binding.resolved);
          if (set === undefined) importers.set(binding.resolved, (set = new Set()));
          set.add(file);
        }
      }
      const importedBy = new Map<string, string[]>();
      for (const [file, set] of importers) importedBy.set(file, [...set].sort());
      const analysis = analyseModels({
        files: this.sortedFiles(),
        factsOf: this.factsOf,
        graph: this.graph(),
        matchers: settings.matchers,
        tableBySymbol,
        importedBy,
      });
      const tablesByName = new Map(extraction.tables.map((table) => [table.name, table]));
      for (const table of extraction.tables) {
        delete table.model;
        delete table.testFactory;
      }
      for (const model of analysis.models) {
        if (model.table === undefined) continue;
        const table = tablesByName.get(model.table);
        if (table !== undefined && table.model === undefined) table.model = model.file;
      }
      const testFactories = analyseTestFactories({
        files: this.sortedFiles(),
        factsOf: this.factsOf,
        graph: this.graph(),
        tableBySymbol,
      });
      for (const { factory, table: tableName } of testFactories) {
        const table = tableName === undefined ? undefined : tablesByName.get(tableName);
        if (table !== undefined && table.testFactory === undefined) table.testFactory = factory;
      }
      this.derived.testFactoryCount = testFactories.length;
      this.derived.models = analysis;
    }
    return this.derived.models;
  }

  private actions(): ServerAction[] {
    if (this.derived.actions === undefined) {
      this.derived.actions = analyseActions({
        files: this.sortedFiles(),
        factsOf: this.factsOf,
        graph: this.graph(),
        matchers: this.requireBuilt().matchers,
        opsBySymbol: this.models().opsBySymbol,
        functionsBySymbol: this.models().functionsBySymbol,
      });
    }
    return this.derived.actions;
  }

  private structure(): Finding[] {
    if (this.derived.structure === undefined) {
      const settings = this.requireBuilt();
      const models = this.models();
      this.derived.structure = structureFindings({
        tables: this.tables(),
        models: models.models,
        unknownTables: models.unknownTables,
        testFactoryCount: this.derived.testFactoryCount ?? 0,
        files: this.sortedFiles(),
        factsOf: this.factsOf,
        matchers: settings.matchers,
        conventions: settings.layout.conventions,
      });
    }
    return this.derived.structure;
  }

  private dialect(): Dialect {
    const configured = this.settings?.drizzleConfig?.dialect;
    if (configured !== undefined) return configured;
    const counts = new Map<Dialect, number>();
    for (const table of this.tables()) counts.set(table.dialect, (counts.get(table.dialect) ?? 0) + 1);
    let best: Dialect = 'pg';
    let bestCount = 0;
    for (const [dialect, count] of counts) {
      if (count > bestCount) {
        best = dialect;
        bestCount = count;
      }
    }
    return best;
  }

  /** Every diagnostic: unreadable and unparsable files, settings, symlinks outside the root, the schema. */
  private diagnostics(): Diagnostic[] {
    const settings = this.requireBuilt();
    let diagnostics = [...settings.diagnostics, ...this.discoveryDiagnostics];
    // Loops, not spreads: a pathological project may have any number of them (spread arguments overflow).
    for (const file of this.sortedFiles())
      for (const entry of this.files.get(file)!.diagnostics) diagnostics.push(entry);
    for (const entry of this.schema().extraction.diagnostics) diagnostics.push(entry);
    diagnostics = firstCutPerFile(diagnostics);
    if (this.lintUnavailable !== undefined)
      diagnostics.push({ file: '.', line: 1, message: this.lintUnavailable });
    return diagnostics;
  }

  /** The whole inspection model. Findings hold the structure checks plus the last lint results. */
  get inspection(): Inspection {
    if (this.derived.inspection === undefined) {
      const tables = this.tables();
      const models = this.models().models;
      const lint = [...this.lintCache.entries()]
        .filter(([file, cached]) => {
          const entry = this.files.get(file);
          return (
            entry !== undefined &&
            entry.stamp.mtimeMs === cached.stamp.mtimeMs &&
            entry.stamp.size === cached.stamp.size
          );
        })
        .flatMap(([, cached]) => cached.findings);
      this.derived.inspection = {
        root: this.root,
        dialect: this.dialect(),
        tables,
        models,
        actions: this.actions(),
        findings: [...this.structure(), ...lint].sort(byLocation),
        diagnostics: this.diagnostics(),
      };
    }
    return this.derived.inspection;
  }

  /** The files the index read, root-relative. */
  get fileList(): string[] {
    return this.sortedFiles();
  }

  /** The drizzle config read statically, when the project has one. */
  get drizzleConfig(): DrizzleConfig | undefined {
    return this.requireBuilt().drizzleConfig;
  }

  /** Globs the schema files were chosen by (conventions, else drizzle.config.ts, else defaults). */
  get schemaGlobs(): readonly string[] {
    return this.requireBuilt().matchers.schemaGlobs;
  }

  /** Where the project keeps its schema, actions, data access, client and factories, as discovered. */
  get layout(): ProjectLayout {
    return this.requireBuilt().layout;
  }

  /**
   * Runs the ESLint plugin's recommended rules over the application source — the files `many-first lint`
   * lints, with the same configs — (cached per file until it changes) and returns every finding: structure
   * checks and lint. Without ESLint, the structure checks and a diagnostic.
   */
  async checkConventions(): Promise<Finding[]> {
    const settings = this.requireBuilt();
    const isApplication = applicationFileMatcher(settings.layout.conventions);
    const files = this.sortedFiles().filter(isApplication);
    const stale = files.filter((file) => {
      const cached = this.lintCache.get(file);
      const entry = this.files.get(file)!;
      return (
        cached === undefined ||
        cached.stamp.mtimeMs !== entry.stamp.mtimeMs ||
        cached.stamp.size !== entry.stamp.size
      );
    });
    for (const file of this.lintCache.keys()) if (!files.includes(file)) this.lintCache.delete(file);
    for (const file of this.treesToLint.keys()) if (!this.files.has(file)) this.treesToLint.delete(file);
    if (stale.length > 0) {
      await this.loadLinter();
      if (this.linter !== undefined) await this.lintFiles(stale);
      delete this.derived.inspection;
    }
    return this.inspection.findings;
  }

  private async loadLinter() {
    if (this.linter !== undefined || this.settings === undefined) return;
    const conventions = this.settings.layout.conventions;
    const linter = await loadConventionLinter(this.root, conventions);
    if ('unavailable' in linter) {
      this.lintUnavailable = linter.unavailable;
    } else {
      this.lintUnavailable = undefined;
      this.linter = { lint: linter, isApplication: applicationFileMatcher(conventions) };
    }
  }

  /** Lints `files` from the trees their last parse left, else from their text read again. */
  private async lintFiles(files: string[]) {
    const linter = this.linter!.lint;
    let lastYield = performance.now();
    for (const file of files) {
      const entry = this.files.get(file);
      const tree = this.treesToLint.get(file);
      this.treesToLint.delete(file);
      if (entry === undefined) continue;
      const read =
        tree === undefined
          ? readProjectFile(this.root, file, this.maxFileBytes)
          : ({ ok: true, text: tree.text } as const);
      if (!read.ok) continue;
      let findings: Finding[];
      // Bytes, as `many-first lint` measures them on disk: the same files are left out both ways.
      if (Buffer.byteLength(read.text) > ANALYSIS_BUDGETS.lintFileBytes) {
        this.lintCache.set(file, { stamp: entry.stamp, findings: [] });
        entry.diagnostics.push(budgetCut(file, 1, 'lintFileBytes', 'the file was not linted'));
        continue;
      }
      try {
        findings = await linter.lint(file, join(this.root, file), read.text, tree);
      } catch (error) {
        findings = [];
        entry.diagnostics.push({ file, line: 1, message: `lint failed: ${(error as Error).message}` });
      }
      this.lintCache.set(file, { stamp: entry.stamp, findings });
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await nextTurn();
        lastYield = performance.now();
      }
    }
  }

  /** A table by TS export name, SQL name or `schema.sqlName` (exact, then case-insensitive), or suggestions. */
  findTable(name: string): TableLookup {
    const wanted = name.trim();
    const exact = this.lookups().tables.get(wanted);
    if (exact !== undefined) return { table: exact };
    const tables = this.tables();
    const lower = wanted.toLowerCase();
    const loose = tables.filter((table) =>
      tableNames(table).some((candidate) => candidate.toLowerCase() === lower),
    );
    if (loose.length === 1) return { table: loose[0]! };
    return { suggestions: closeMatches(wanted, tables.flatMap(tableNames)) };
  }

  /** A model by its file, its table (TS or SQL name), its factory table name, or one of its ops. */
  findModel(name: string): ModelLookup {
    const wanted = name.trim();
    const lookups = this.lookups();
    const found =
      lookups.modelsByFile.get(wanted) ??
      lookups.modelsByFile.get(wanted.replace(/^\.\//, '')) ??
      lookups.modelsByTable.get(wanted) ??
      lookups.modelsByOp.get(wanted);
    if (found !== undefined) return { model: found };
    const models = this.models().models;
    const candidates = models.flatMap((model) => [
      model.file,
      ...(model.table === undefined ? [] : [model.table]),
      ...model.ops.map((op) => op.exportName),
    ]);
    return { suggestions: closeMatches(wanted, candidates) };
  }

  /** Tables, model ops and server actions with this name, and everywhere each is referenced. */
  findUsages(name: string): UsageLookup {
    const wanted = name.trim();
    const graph = this.graph();
    const { bindings } = this.schema();
    const definitions: { definition: SymbolDefinition; ref: SymbolRef }[] = [];
    for (const table of this.tables()) {
      if (table.name !== wanted && table.sqlName !== wanted) continue;
      definitions.push({
        definition: { kind: 'table', name: table.name, file: table.file, line: table.line },
        ref: bindings.get(table)!,
      });
    }
    for (const model of this.models().models) {
      for (const op of model.ops) {
        if (op.exportName !== wanted) continue;
        const ref = graph.resolveExport(model.file, op.exportName);
        if (ref !== undefined)
          definitions.push({
            definition: { kind: 'model-op', name: op.exportName, file: model.file, line: op.line },
            ref,
          });
      }
    }
    for (const action of this.actions()) {
      if (action.name !== wanted) continue;
      const ref = action.exported
        ? graph.resolveExport(action.file, action.name)
        : { file: action.file, name: action.name };
      if (ref !== undefined)
        definitions.push({
          definition: { kind: 'action', name: action.name, file: action.file, line: action.line },
          ref,
        });
    }
    if (definitions.length === 0) {
      const candidates = [
        ...this.tables().flatMap((table) => [table.name, table.sqlName]),
        ...this.models().models.flatMap((model) => model.ops.map((op) => op.exportName)),
        ...this.actions().map((action) => action.name),
      ];
      return { suggestions: closeMatches(wanted, candidates) };
    }
    const usages = this.usageIndex();
    const seen = new Set<string>();
    const found: Usage[] = [];
    for (const { ref } of definitions) {
      const key = symbolKey(ref);
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(...(usages.get(key) ?? []));
    }
    found.sort(byLocation);
    return { definitions: definitions.map((entry) => entry.definition), usages: found };
  }

  /** Every place a table (TS or SQL name), model op or server action is referenced; [] when unknown. */
  usagesOf(name: string): Usage[] {
    return this.findUsages(name).usages ?? [];
  }

  private usageIndex(): Map<string, Usage[]> {
    return (this.derived.usages ??= indexUsages({
      files: this.sortedFiles(),
      factsOf: this.factsOf,
      graph: this.graph(),
      matchers: this.requireBuilt().matchers,
    }));
  }

  /** Foreign keys leaving a table and those pointing at it (matched by SQL name and schema). */
  foreignKeysOf(table: Table): { outgoing: ForeignKeyEdge[]; incoming: ForeignKeyEdge[] } {
    const outgoing = table.foreignKeys.map((foreignKey) => ({ table: table.name, foreignKey }));
    return { outgoing, incoming: [...(this.lookups().incoming.get(table.sqlName) ?? [])] };
  }

  /** The table and the tables within `depth` foreign-key or relation hops of it, for a diagram. */
  neighbours(table: Table, depth = 1): Table[] {
    const tables = this.tables();
    const bySqlName = new Map(tables.map((candidate) => [candidate.sqlName, candidate]));
    const byName = new Map(tables.map((candidate) => [candidate.name, candidate]));
    const adjacent = new Map<Table, Set<Table>>();
    const link = (a: Table, b: Table | undefined) => {
      if (b === undefined || a === b) return;
      (adjacent.get(a) ?? adjacent.set(a, new Set()).get(a)!).add(b);
      (adjacent.get(b) ?? adjacent.set(b, new Set()).get(b)!).add(a);
    };
    for (const candidate of tables) {
      for (const foreignKey of candidate.foreignKeys) link(candidate, bySqlName.get(foreignKey.foreignTable));
      for (const relation of candidate.relations) link(candidate, byName.get(relation.target));
    }
    const result = new Set<Table>([table]);
    let frontier = [table];
    for (let hop = 0; hop < depth; hop++) {
      const next: Table[] = [];
      for (const current of frontier) {
        for (const neighbour of adjacent.get(current) ?? []) {
          if (!result.has(neighbour)) {
            result.add(neighbour);
            next.push(neighbour);
          }
        }
      }
      frontier = next;
    }
    return [...result];
  }
}

function byLocation(a: { file: string; line: number }, b: { file: string; line: number }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}
