/**
 * The project index: one per root (its real path), built lazily and refreshed per call. Each file is read
 * and parsed once with TypeScript's parser and walked once for its facts; only schema modules (and what
 * they import) keep their syntax trees, for the schema evaluator. After the first build, folder watchers
 * mark what changed, so a refresh re-parses the edited files alone (without watchers, sizes and mtimes are
 * compared). Everything derived — tables, models, actions, usages, findings — is derived again lazily, reusing
 * the previous analysis's parts whose inputs did not change (analysis.ts).
 */
import { realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ts } from 'ts-morph';
import { applicationFileMatcher } from '../../conventions/index.js';
import type { ProjectLayout } from '../../conventions/layout.js';
import {
  createAnalysis,
  type Analysis,
  type AnalysisInput,
  type AnalysisMemo,
  type SchemaAnalysis,
} from './analysis.js';
import { ANALYSIS_BUDGETS, budgetCut, firstCutPerFile } from './analysis-budgets.js';
import type { DrizzleConfig } from './drizzle-config.js';
import { analyseFile, type FileEntry } from './file-cache.js';
import type { FileFacts } from './file-facts.js';
import { loadConventionLinter, type ConventionLinter } from './findings.js';
import type { Diagnostic, Dialect, Finding, Inspection, Model, ServerAction, Table, Usage } from './model.js';
import type { ModelAnalysis } from './models.js';
import { createModuleResolver, type ModuleResolver } from './module-resolver.js';
import { loadSettings, ProjectError, realRoot, type ProjectSettings } from './settings.js';
import { loadSchemaSettings } from './schema-settings.js';
import { isBlanked } from './parse.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  discoverSourceFiles,
  isSourceFile,
  readProjectFile,
  stampOf,
  type FileStamp,
} from '../../conventions/project-files.js';
import {
  byLocation,
  ProjectQueries,
  type ForeignKeyEdge,
  type ModelLookup,
  type TableLookup,
  type UsageLookup,
} from './queries.js';

export { ProjectError } from './settings.js';

export type { ForeignKeyEdge, ModelLookup, SymbolDefinition, TableLookup, UsageLookup } from './queries.js';

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

export interface RefreshStats {
  /** Files read and parsed by this refresh. */
  parsed: string[];
  removed: string[];
  /** True when the settings (conventions, tsconfig, drizzle config) changed and everything was rebuilt. */
  rebuilt: boolean;
}

interface Derived {
  analysis?: Analysis;
  inspection?: Inspection;
  queries?: ProjectQueries;
}

/** Files whose change alters how everything else is read. */
const SETTINGS_FILES = new Set(['package.json', 'many-first.config.json', 'tsconfig.json']);

const YIELD_EVERY_MS = 40;

const indexes = new Map<string, ProjectIndex>();

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

export interface SchemaReading {
  root: string;
  dialect: Dialect;
  tables: Table[];
  diagnostics: Diagnostic[];
  /** The schema files read, root-relative. */
  schemaFiles: string[];
}

/**
 * The schema alone, without indexing the rest of the project: the schema files and the project files they
 * import are read and parsed (top-level facts only), and, when a column takes its name from its key, the
 * database-client modules for a casing given to `drizzle()`; nothing else is. Tables carry no `model`. For one-off questions about tables; `openProject` answers everything.
 * The same wiring as the index (analysis.ts), over files read on demand.
 */
export function readSchema(root: string, options: { maxFileBytes?: number } = {}): SchemaReading {
  const real = realRoot(root);
  const discovered = discoverSourceFiles(real);
  const settings = loadSchemaSettings(real, discovered.files);
  const known = new Set(discovered.files);
  const resolver = createModuleResolver((file) => known.has(file), settings.aliases);
  const diagnostics = [...settings.diagnostics, ...discovered.diagnostics];
  const entries = new Map<string, FileEntry | undefined>();
  const load = (file: string): FileEntry | undefined => {
    if (!known.has(file)) return undefined;
    if (entries.has(file)) return entries.get(file);
    const entry = analyseFile(real, file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, resolver, {
      declarationsOnly: true,
    });
    for (const diagnostic of entry?.diagnostics ?? []) diagnostics.push(diagnostic);
    entries.set(file, entry);
    return entry;
  };
  const input: AnalysisInput = {
    files: [...discovered.files].sort(),
    factsOf: (file) => load(file)?.facts,
    module(file) {
      const entry = load(file);
      return entry?.facts === undefined || entry.sourceFile === undefined
        ? undefined
        : { file, sourceFile: entry.sourceFile, facts: entry.facts };
    },
    matchers: settings.matchers,
  };
  if (settings.drizzleConfig?.casing !== undefined) input.configuredCasing = settings.drizzleConfig.casing;
  const { schemaFiles, extraction } = createAnalysis(input).schema();
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
  private settings: ProjectSettings | undefined;
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
  private memo: AnalysisMemo | undefined;

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
    this.derived = {};
    this.memo = undefined; // the settings may have changed: nothing derived before is kept
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
    this.invalidate();
    return { parsed, removed, rebuilt: false };
  }

  private invalidate() {
    // What the last analysis derived: the next one reuses each part whose inputs did not change.
    this.memo = this.derived.analysis?.memo() ?? this.memo;
    this.derived = {};
    this.version++;
  }

  private factsOf = (file: string): FileFacts | undefined => this.files.get(file)?.facts;

  private sorted: { version: number; files: string[] } | undefined;

  /** The files, sorted once per generation (the file set only changes with one). */
  private sortedFiles(): string[] {
    if (this.sorted?.version !== this.version)
      this.sorted = { version: this.version, files: [...this.files.keys()].sort() };
    return this.sorted.files;
  }

  private requireBuilt(): ProjectSettings {
    if (!this.built || this.settings === undefined) {
      throw new ProjectError('the index has not been built yet: await openProject() or refresh() first');
    }
    return this.settings;
  }

  /** The derivations over the files as they are now: one Analysis per generation. */
  private analysis(): Analysis {
    if (this.derived.analysis === undefined) {
      const settings = this.requireBuilt();
      const input: AnalysisInput = {
        files: this.sortedFiles(),
        factsOf: this.factsOf,
        module: this.moduleOf,
        matchers: settings.matchers,
      };
      if (settings.drizzleConfig?.casing !== undefined)
        input.configuredCasing = settings.drizzleConfig.casing;
      if (this.memo !== undefined) input.previous = this.memo;
      this.derived.analysis = createAnalysis(input);
    }
    return this.derived.analysis;
  }

  /** A module with its tree for the schema evaluator; one it reaches only now is parsed and kept. */
  private moduleOf = (file: string) => {
    const entry = this.files.get(file);
    if (entry?.facts === undefined) return undefined;
    if (entry.sourceFile !== undefined) return { file, sourceFile: entry.sourceFile, facts: entry.facts };
    const fresh = this.parseFile(file, true);
    if (fresh === undefined) return undefined;
    this.files.set(file, fresh);
    return fresh.sourceFile === undefined || fresh.facts === undefined
      ? undefined
      : { file, sourceFile: fresh.sourceFile, facts: fresh.facts };
  };

  private schema(): SchemaAnalysis {
    return this.analysis().schema();
  }

  private tables(): Table[] {
    return this.analysis().tables();
  }

  private models(): ModelAnalysis {
    return this.analysis().models();
  }

  private actions(): ServerAction[] {
    return this.analysis().actions();
  }

  private structure(): Finding[] {
    return this.analysis().structure(this.requireBuilt().layout.conventions);
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
    return [...this.sortedFiles()];
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

  /** The queries over the current analysis; rebuilt with it. */
  private queries(): ProjectQueries {
    return (this.derived.queries ??= new ProjectQueries(this.analysis()));
  }

  /** A table by TS export name, SQL name or `schema.sqlName` (exact, then case-insensitive), or suggestions. */
  findTable(name: string): TableLookup {
    return this.queries().findTable(name);
  }

  /** The table exported under this TS name, exactly. */
  tableByTsName(name: string): Table | undefined {
    return this.queries().tableByTsName(name);
  }

  /** The table with this SQL name (or `schema.sqlName`), exactly. */
  tableBySqlName(sqlName: string): Table | undefined {
    return this.queries().tableBySqlName(sqlName);
  }

  /** The model module built on this table, when there is one. */
  modelOf(table: Table): Model | undefined {
    return this.queries().modelOf(table);
  }

  /** A model by its file, its table (TS or SQL name), its factory table name, or one of its ops. */
  findModel(name: string): ModelLookup {
    return this.queries().findModel(name);
  }

  /** Tables, model ops and server actions with this name, and everywhere each is referenced. */
  findUsages(name: string): UsageLookup {
    return this.queries().findUsages(name);
  }

  /** Every place a table (TS or SQL name), model op or server action is referenced; [] when unknown. */
  usagesOf(name: string): Usage[] {
    return this.queries().usagesOf(name);
  }

  /** Foreign keys leaving a table and those pointing at it (matched by SQL name and schema). */
  foreignKeysOf(table: Table): { outgoing: ForeignKeyEdge[]; incoming: ForeignKeyEdge[] } {
    return this.queries().foreignKeysOf(table);
  }

  /** The table and the tables within `depth` foreign-key or relation hops of it, for a diagram. */
  neighbours(table: Table, depth = 1): Table[] {
    return this.queries().neighbours(table, depth);
  }
}
