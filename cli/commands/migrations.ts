import { realpathSync } from 'node:fs';
import { ConventionsError, loadConventions } from '../../conventions/index.js';
import { ProjectError, readDrizzleConfig, readSchema } from '../../mcp-server/index.js';
import {
  journalPath,
  MigrationReadError,
  migrationsFolderOf,
  migrationStatus,
  OutsideRootError,
  parseJournal,
  projectFolderSource,
  readMigrationFolder,
  renderMigrationStatus,
  type FolderSource,
} from '../../mcp-server/migrations/index.js';
import { parseCommandLine } from '../arguments.js';
import { CliError, type CliIO, type CommandModule } from '../io.js';
import { applyPlan } from '../migrations/apply-plan.js';
import { openRepository, type GitRepository } from '../migrations/git.js';
import { planReconcile, type FolderView } from '../migrations/reconcile-plan.js';
import { projectDrizzleKit, regenerate } from '../migrations/regenerate.js';
import { directoryArgument, projectDirectory } from '../project-directory.js';

const usage = `Usage: many-first migrations status [dir] [--json]
       many-first migrations reconcile [dir] [--base BRANCH] [--write] [--allow-dirty] [--generate]

Reads drizzle-kit's migrations folder (drizzle.config's \`out\`, default \`drizzle\`) without a database and
without running drizzle-kit or the project's code.

status      checks the folder (journal entries against files, repeated indexes or tags, forked or broken
            prevId chains, \`when\` stamps out of order) and compares the schema the code declares with
            the latest snapshot: tables, columns, indexes, foreign keys, enums.
            --json  print the status as JSON
            Exit codes: 0 in sync (or no migrations and no tables), 1 conflicts or schema changes that no
            migration covers, 2 a wrong directory or option.

reconcile   after a merge in which two branches both generated migrations: keeps the migrations of the
            base branch (read with git) in their order, moves the others after them with new indexes and
            tags, rebases their snapshots onto the base branch's latest and rewrites the journal and the
            prevId chain. SQL files are renamed, never edited. Dry run unless --write.
            --base BRANCH   the branch whose migrations keep their places (default: main)
            --write         apply the changes; the files they replace are first copied to
                            <git dir>/many-first/reconcile-<time>/
            --allow-dirty   write although the folder has uncommitted changes outside a merge
            --generate      then run the project's own drizzle-kit (node_modules/drizzle-kit) to
                            regenerate the moved migrations' SQL and snapshots against the merged
                            schema (\`drizzle-kit generate\`, one migration for them all); their files go
                            to the backup folder first and come back if generate fails or writes nothing.
                            Exits 2, writing nothing, when the project has no drizzle-kit installed.
            Exit codes: 0 reconciled or nothing to do, 1 the branches changed the same part of the
            schema (regenerate that migration), the folder cannot be read or --generate put the moved
            migrations back, 2 a wrong directory or option (or no drizzle-kit for --generate).`;

interface Project {
  root: string;
  out: string;
  /** drizzle.config's path, relative to the root. */
  config: string;
}

function folderError(error: unknown): never {
  if (
    error instanceof MigrationReadError ||
    error instanceof OutsideRootError ||
    error instanceof ProjectError
  )
    throw new CliError(error.message, 1);
  throw error;
}

function openProjectFolder(root: string): Project {
  try {
    const loaded = loadConventions(root);
    const config = readDrizzleConfig(root, loaded.conventions.drizzleConfig, []);
    return { root, out: migrationsFolderOf(config), config: loaded.conventions.drizzleConfig };
  } catch (error) {
    if (error instanceof ConventionsError) throw new CliError(error.message, 1);
    return folderError(error);
  }
}

function status(root: string, json: boolean, io: CliIO): number {
  try {
    const schema = readSchema(root);
    const { out } = openProjectFolder(schema.root);
    const result = migrationStatus({
      source: projectFolderSource(schema.root),
      out,
      dialect: schema.dialect,
      tables: schema.tables,
    });
    io.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${renderMigrationStatus(result)}\n`);
    return result.state === 'in-sync' || result.state === 'no-migrations' ? 0 : 1;
  } catch (error) {
    return folderError(error);
  }
}

function viewOf(label: string, out: string, read: (file: string) => string | undefined): FolderView {
  const text = read(journalPath(out));
  const view: FolderView = { label, read };
  const journal = text === undefined ? undefined : parseJournal(journalPath(out), text).journal;
  if (journal !== undefined) view.journal = journal;
  return view;
}

/** The revisions that may hold the other side's files: the current commit, the merged one, a merge commit's parents. */
function otherRevisions(repository: GitRepository, baseCommit: string): string[] {
  const seen = new Set([baseCommit]);
  const revisions: string[] = [];
  for (const revision of ['HEAD', 'MERGE_HEAD', 'HEAD^1', 'HEAD^2']) {
    const commit = repository.commitOf(revision);
    if (commit === undefined || seen.has(commit)) continue;
    seen.add(commit);
    revisions.push(revision);
  }
  return revisions;
}

function reconcile(
  root: string,
  options: { base: string; write: boolean; allowDirty: boolean; generate: boolean },
  io: CliIO,
): number {
  const { out, config } = openProjectFolder(root);
  // Before anything is read or written: without the project's drizzle-kit, --generate cannot keep its promise.
  const drizzleKit = options.generate ? projectDrizzleKit(root) : undefined;
  const source: FolderSource = projectFolderSource(root);
  let folder;
  try {
    folder = readMigrationFolder(source, out);
  } catch (error) {
    return folderError(error);
  }
  if (folder.layout === 'folders')
    throw new CliError(
      `${out}/ has drizzle-kit 1.0's folder-per-migration layout; run \`drizzle-kit check\`, which checks whether migrations from different branches commute`,
    );
  const repository = openRepository(root);
  const baseCommit = repository.commitOf(options.base);
  if (baseCommit === undefined)
    throw new CliError(`no branch or commit named '${options.base}'; name the base branch with --base`, 2);
  const base = viewOf(options.base, out, (file) => repository.show(baseCommit, file));
  const current = viewOf('the working tree', out, (file) => {
    try {
      return source.read(file);
    } catch (error) {
      return folderError(error);
    }
  });
  base.journal ??= {
    version: current.journal?.version ?? '7',
    dialect: current.journal?.dialect ?? '',
    entries: [],
  };
  const others = otherRevisions(repository, baseCommit).map((revision) =>
    viewOf(revision, out, (file) => repository.show(revision, file)),
  );
  const currentSql = new Set([
    ...folder.migrations.map((migration) => migration.sqlFile),
    ...folder.unlistedSql,
  ]);
  const plan = planReconcile(
    out,
    base,
    others,
    current,
    [...currentSql].filter((file) => file.endsWith('.sql') && source.read(file) !== undefined),
  );

  const lines = [
    `Base ${options.base}: ${base.journal.entries.length === 1 ? '1 migration keeps its place' : `${base.journal.entries.length} migrations keep their places`} in ${out}/.`,
    ...plan.moved.map((move) => `Move ${move.from} → ${move.to}`),
  ];
  if (plan.conflicts.length > 0) {
    lines.push(
      `Cannot reconcile (${plan.conflicts.length}):`,
      ...plan.conflicts.map((conflict) => `  ${conflict}`),
    );
    lines.push('Nothing was written.');
    io.stdout.write(`${lines.join('\n')}\n`);
    return 1;
  }
  const keep = base.journal.entries.length;
  const toRegenerate = plan.journal.entries.slice(keep).map((entry) => entry.tag);
  const nothingToWrite = plan.writes.length === 0 && plan.removes.length === 0;
  if (nothingToWrite && (drizzleKit === undefined || toRegenerate.length === 0)) {
    lines.push('Nothing to do: the journal, snapshots and SQL files already follow one chain.');
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  const verb = (done: string, planned: string) => (options.write ? done : planned);
  lines.push(
    ...plan.writes.map((write) => `${verb('Wrote', 'Would write')} ${write.file} (${write.why})`),
    ...plan.removes.map((remove) => `${verb('Removed', 'Would remove')} ${remove.file} (${remove.why})`),
  );
  if (drizzleKit !== undefined && !options.write && toRegenerate.length > 0)
    lines.push(
      `Would regenerate ${toRegenerate.join(', ')} with drizzle-kit generate against the merged schema`,
    );
  if (!options.write) {
    lines.push('Dry run: nothing was written. Run again with --write to apply.');
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  const changes = repository.changesIn(out);
  if (changes.length > 0 && !repository.merging() && !options.allowDirty)
    throw new CliError(
      `${out}/ has uncommitted changes (${changes.length} files) and no merge is in progress; commit or stash them, or pass --allow-dirty`,
    );
  const applied = applyPlan(root, plan, repository.gitDir);
  if (applied.backup !== undefined) lines.push(`The files as they were are in ${applied.backup}`);
  if (drizzleKit !== undefined && toRegenerate.length > 0) {
    const result = regenerate(root, out, { bin: drizzleKit, config, keep, backup: applied.folder });
    if (result.restoredBecause !== undefined) {
      lines.push(
        `Not regenerated: ${result.restoredBecause}.`,
        `Restored ${result.replaced.join(', ')} as reconcile left them (a copy is in ${result.backup}).`,
      );
      io.stdout.write(`${lines.join('\n')}\n`);
      return 1;
    }
    lines.push(
      `Regenerated ${result.replaced.join(', ')} as ${result.tag ?? ''} with drizzle-kit generate against the merged schema:`,
      ...result.removed.map((file) => `  Removed ${file} (a copy is in ${result.backup})`),
      ...result.written.map((file) => `  Wrote ${file}`),
      `The migrations as reconcile had moved them are in ${result.backup}`,
    );
  }
  lines.push('Next: many-first migrations status, then commit the migrations folder.');
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

export const migrationsCommand: CommandModule = {
  usage,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, {
      json: { type: 'boolean', default: false },
      base: { type: 'string', default: 'main' },
      write: { type: 'boolean', default: false },
      'allow-dirty': { type: 'boolean', default: false },
      generate: { type: 'boolean', default: false },
    });
    const [action, ...rest] = positionals;
    if (action !== 'status' && action !== 'reconcile')
      throw new CliError(
        action === undefined
          ? "expected 'status' or 'reconcile'; run 'many-first migrations --help'"
          : `unknown action '${action}'; expected 'status' or 'reconcile'`,
        2,
      );
    const root = realpathSync(projectDirectory(directoryArgument(rest) ?? '.', io));
    if (action === 'status') return Promise.resolve(status(root, values.json, io));
    return Promise.resolve(
      reconcile(
        root,
        {
          base: values.base,
          write: values.write,
          allowDirty: values['allow-dirty'],
          generate: values.generate,
        },
        io,
      ),
    );
  },
};
