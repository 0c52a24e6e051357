import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import plugin from '../../eslint-plugin/index.js';
import { typescriptApiProblem } from '../../eslint-plugin/typescript-parser.js';
import { OXLINT_CONFIG_FILE, oxlintConfigFor } from '../init/oxlint-config.js';
import {
  ESLINT_CONFIG_FILES,
  newEslintConfig,
  planEslintConfigEdit,
  type PluginLines,
} from '../init/eslint-config.js';
import { findActionGuards } from '../init/action-guards.js';
import { discoverLayout } from '../../conventions/layout.js';
import { ownPackage } from '../../conventions/own-package.js';
import { scaffoldFiles } from '../init/scaffold.js';
import { directoryArgument, projectDirectory } from '../project-directory.js';
import { parseCommandLine } from '../arguments.js';
import { CliError, type CliIO, type CommandModule } from '../io.js';

const SKILL_NAME = 'backend-developer';
const SERVER_NAME = 'many-first';
const SERVER_ENTRY = { command: 'npx', args: ['many-first', 'mcp'] };

/** Where each assistant family reads project skills (see skills/README.md). */
const SKILL_TARGETS = [
  { dir: `.agents/skills/${SKILL_NAME}`, readBy: 'Codex, Copilot, Cursor, Gemini CLI' },
  { dir: `.claude/skills/${SKILL_NAME}`, readBy: 'Claude Code' },
] as const;

const usage = `Usage: many-first init [dir] [--dry-run] [--force] [--scaffold]

Sets up a project (default: the current directory) for many-first:
  .agents/skills/${SKILL_NAME}/   the Agent Skill, for Codex, Copilot, Cursor and Gemini CLI
  .claude/skills/${SKILL_NAME}/   the same skill, for Claude Code
  .mcp.json                        registers the MCP server (\`npx many-first mcp\`), keeping other servers
  eslint.config.*                  adds the plugin's recommended config when the file's shape allows it,
                                   else prints the two lines to add; writes eslint.config.js when none exists
  many-first.config.json           when the server actions call auth guards: require-action-auth's entry
                                   under "rules", left "off" with those guards (set "error" to enforce it;
                                   many-first lint, npx eslint ., inspect and the MCP server all read it)
  .oxlintrc.json                   when the project uses oxlint: the same rules as a JS plugin (jsPlugins),
                                   written, or merged into the existing file

A second run changes nothing. Files that differ from what init would write are kept unless --force.

Options:
  --dry-run   print what would change and write nothing
  --force     overwrite skill files and the .mcp.json entry that differ
  --scaffold  also write the files the skill's examples import that a new app lacks: the database
              client (src/lib/db/index.ts, unless the project has one) and shared columns
              (src/lib/db/columns.ts); lib/db/ when there is no src/. A file that differs is kept`;

type FileStatus = 'create' | 'update' | 'unchanged' | 'differs' | 'overwrite';

interface FileChange {
  /** Absolute path. */
  path: string;
  content: string;
  status: FileStatus;
}

interface Step {
  /** Root-relative path of what the step sets up, as printed. */
  label: string;
  files: FileChange[];
  /** Printed after the label, e.g. `the many-first server, beside 2 other servers`. */
  detail?: string;
  /** Lines the user must add by hand. */
  manual?: { reason: string; lines: PluginLines };
  /** What to do by hand when a file cannot be edited safely, printed under the label. */
  todo?: string[];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function readIfExists(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  if (statSync(path).isDirectory()) throw new CliError(`${path} is a directory where a file belongs`);
  return readFileSync(path, 'utf8');
}

function fileChange(
  path: string,
  content: string,
  force: boolean,
  existing = readIfExists(path),
): FileChange {
  if (existing === undefined) return { path, content, status: 'create' };
  if (existing === content) return { path, content, status: 'unchanged' };
  return { path, content, status: force ? 'overwrite' : 'differs' };
}

function skillSteps(root: string, force: boolean): Step[] {
  const source = join(ownPackage().root, 'skills', SKILL_NAME);
  if (!existsSync(join(source, 'SKILL.md'))) {
    throw new CliError(`the packaged skill is missing: ${join(source, 'SKILL.md')}`);
  }
  const files = listFiles(source);
  return SKILL_TARGETS.map((target) => ({
    label: `${target.dir}/`,
    detail: `read by ${target.readBy}`,
    files: files.map((file) =>
      fileChange(join(root, target.dir, file), readFileSync(join(source, file), 'utf8'), force),
    ),
  }));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The indentation the file already uses, so a merge does not reformat the user's file. */
function detectIndent(text: string): string {
  return /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
}

function mcpStep(root: string, force: boolean): Step {
  const path = join(root, '.mcp.json');
  const existing = readIfExists(path);
  if (existing === undefined) {
    const content = `${JSON.stringify({ mcpServers: { [SERVER_NAME]: SERVER_ENTRY } }, null, 2)}\n`;
    return { label: '.mcp.json', files: [{ path, content, status: 'create' }] };
  }
  let config: unknown;
  try {
    config = JSON.parse(existing);
  } catch (error) {
    throw new CliError(
      `.mcp.json is not valid JSON (${(error as Error).message}); fix or remove it and run init again. Nothing was written.`,
    );
  }
  if (!isPlainObject(config) || (config.mcpServers !== undefined && !isPlainObject(config.mcpServers))) {
    throw new CliError(
      '.mcp.json must be an object whose "mcpServers" is an object; fix it and run init again. Nothing was written.',
    );
  }
  const servers = (config.mcpServers as Record<string, unknown> | undefined) ?? {};
  const others = Object.keys(servers).filter((name) => name !== SERVER_NAME).length;
  const beside = others > 0 ? `, beside ${others} other server${others === 1 ? '' : 's'}` : '';
  const current = servers[SERVER_NAME];
  if (isDeepStrictEqual(current, SERVER_ENTRY)) {
    return { label: '.mcp.json', files: [{ path, content: existing, status: 'unchanged' }] };
  }
  const merged = { ...config, mcpServers: { ...servers, [SERVER_NAME]: SERVER_ENTRY } };
  const trailing = existing.endsWith('\n') ? '\n' : '';
  const content = `${JSON.stringify(merged, null, detectIndent(existing))}${trailing}`;
  if (current === undefined) {
    return {
      label: '.mcp.json',
      detail: `the ${SERVER_NAME} server${beside}`,
      files: [{ path, content, status: 'update' }],
    };
  }
  return {
    label: '.mcp.json',
    detail: `its "${SERVER_NAME}" entry differs from ${JSON.stringify(SERVER_ENTRY)}`,
    files: [{ path, content, status: force ? 'overwrite' : 'differs' }],
  };
}

/** The scaffold's files, less a database client when the project has one elsewhere (one `db` is enough). */
function scaffoldSteps(root: string, force: boolean): Step[] {
  const skillDir = join(ownPackage().root, 'skills', SKILL_NAME);
  const clients = discoverLayout(root).found.dbModules;
  const files = scaffoldFiles(root, skillDir).filter(
    (file) => !file.isDatabaseClient || clients.length === 0 || clients.includes(file.path),
  );
  return files.map((file) => ({
    label: file.path,
    detail: file.what,
    files: [fileChange(join(root, file.path), file.content, force)],
  }));
}

/** The recommended config is a list today; spreading follows its shape rather than assuming it. */
function recommendedIsArray(): boolean {
  return Array.isArray(plugin.configs.recommended);
}

/** The guards the project's actions call, for require-action-auth; none when the layout cannot be read. */
function actionGuards(root: string): string[] {
  try {
    return findActionGuards(root);
  } catch {
    return []; // a broken many-first.config.json is reported by lint and inspect, not by init
  }
}

const CONFIG_FILE = 'many-first.config.json';
const AUTH_RULE = 'require-action-auth';

/** require-action-auth's entry: off (the rule is not in `recommended`), with the guards the actions call. */
export function actionAuthEntry(guards: readonly string[]): ['off', { guards: string[] }] {
  return ['off', { guards: [...guards] }];
}

/**
 * require-action-auth's entry with the guards the project's actions call, under `rules` in
 * many-first.config.json, which every way of asking reads (an entry in eslint.config.* would be seen by
 * `npx eslint .` alone). An existing file gains the key; a file that already names the rule, or a project
 * configured in package.json#manyFirst, is left to the user with the entry to add.
 */
function actionAuthStep(root: string): Step | undefined {
  const guards = actionGuards(root);
  if (guards.length === 0) return undefined;
  const entry = { [AUTH_RULE]: actionAuthEntry(guards) };
  const detail = `require-action-auth left "off" with the guards your actions call (${guards.join(', ')}); set "error" to enforce it`;
  const path = join(root, CONFIG_FILE);
  const existing = readIfExists(path);
  if (existing === undefined) {
    let inPackageJson = false;
    try {
      const manifest: unknown = JSON.parse(readIfExists(join(root, 'package.json')) ?? 'null');
      inPackageJson = isPlainObject(manifest) && 'manyFirst' in manifest;
    } catch {
      // A broken package.json is not ours to report.
    }
    if (inPackageJson) {
      return {
        label: 'package.json#manyFirst',
        files: [],
        todo: [`optional: add under "rules" ${JSON.stringify(entry)}, and set "error" to enforce it`],
      };
    }
    const content = `${JSON.stringify({ rules: entry }, null, 2)}\n`;
    return { label: CONFIG_FILE, detail, files: [{ path, content, status: 'create' }] };
  }
  // The guards were found through this file's conventions, so it parses as a plain object with valid rules.
  const config = JSON.parse(existing) as Record<string, unknown>;
  const rules = (config.rules ?? {}) as Record<string, unknown>;
  if (AUTH_RULE in rules)
    return { label: CONFIG_FILE, files: [{ path, content: existing, status: 'unchanged' }] };
  const trailing = existing.endsWith('\n') ? '\n' : '';
  const content = `${JSON.stringify({ ...config, rules: { ...rules, ...entry } }, null, detectIndent(existing))}${trailing}`;
  return { label: CONFIG_FILE, detail, files: [{ path, content, status: 'update' }] };
}

function eslintStep(root: string): Step {
  const existingName = ESLINT_CONFIG_FILES.find((name) => existsSync(join(root, name)));
  if (existingName === undefined) {
    // Plain .js is an ES module only when package.json says so; otherwise .mjs keeps `import` working.
    const packageJson = readIfExists(join(root, 'package.json'));
    let isModule = false;
    try {
      isModule =
        packageJson !== undefined && (JSON.parse(packageJson) as { type?: unknown }).type === 'module';
    } catch {
      // A broken package.json is not ours to report; .mjs works either way.
    }
    const name = isModule ? 'eslint.config.js' : 'eslint.config.mjs';
    const path = join(root, name);
    return {
      label: name,
      files: [{ path, content: newEslintConfig(recommendedIsArray()), status: 'create' }],
    };
  }
  const path = join(root, existingName);
  const text = readFileSync(path, 'utf8');
  const edit = planEslintConfigEdit(existingName, text, recommendedIsArray());
  switch (edit.kind) {
    case 'already-configured':
      return { label: existingName, files: [{ path, content: text, status: 'unchanged' }] };
    case 'edited':
      return {
        label: existingName,
        detail: `the recommended config, in ${edit.shape}`,
        files: [{ path, content: edit.text, status: 'update' }],
      };
    case 'manual':
      return { label: existingName, files: [], manual: { reason: edit.reason, lines: edit.lines } };
  }
}

const OXLINT_PLUGIN = 'many-first/eslint-plugin';

/** Whether the project lints with oxlint: it depends on it or has its config. */
function usesOxlint(root: string): boolean {
  if (['.oxlintrc.json', 'oxlint.config.ts'].some((name) => existsSync(join(root, name)))) return true;
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    return ['dependencies', 'devDependencies'].some(
      (key) => isPlainObject(manifest[key]) && 'oxlint' in (manifest[key] as Record<string, unknown>),
    );
  } catch {
    return false;
  }
}

/**
 * The plugin as an oxlint JS plugin: a new .oxlintrc.json, or ours merged into an existing one (its
 * jsPlugins, ignorePatterns and overrides, appended); an oxlint.config.ts or a file with comments is left to
 * the user with what to add.
 */
function oxlintStep(root: string): Step | undefined {
  if (!usesOxlint(root)) return undefined;
  const ours = oxlintConfigFor(plugin.configsFor(root).recommended, OXLINT_PLUGIN);
  const path = join(root, OXLINT_CONFIG_FILE);
  const existing = readIfExists(path);
  if (existing === undefined) {
    if (existsSync(join(root, 'oxlint.config.ts'))) {
      return {
        label: 'oxlint.config.ts',
        files: [],
        todo: [
          `add jsPlugins: ['${OXLINT_PLUGIN}'] and these overrides yourself:`,
          JSON.stringify(ours.overrides),
        ],
      };
    }
    return {
      label: OXLINT_CONFIG_FILE,
      detail: `runs the recommended rules through jsPlugins`,
      files: [{ path, content: `${JSON.stringify(ours, null, 2)}\n`, status: 'create' }],
    };
  }
  if (existing.includes(OXLINT_PLUGIN)) {
    return { label: OXLINT_CONFIG_FILE, files: [{ path, content: existing, status: 'unchanged' }] };
  }
  let config: unknown;
  try {
    config = JSON.parse(existing);
  } catch {
    config = undefined;
  }
  if (!isPlainObject(config)) {
    return {
      label: OXLINT_CONFIG_FILE,
      files: [],
      todo: [
        `not plain JSON, so not edited; add "jsPlugins": ["${OXLINT_PLUGIN}"] and these overrides yourself:`,
        JSON.stringify(ours.overrides),
      ],
    };
  }
  const list = (key: string): unknown[] => (Array.isArray(config[key]) ? (config[key] as unknown[]) : []);
  const merged = {
    ...config,
    jsPlugins: [...list('jsPlugins'), OXLINT_PLUGIN],
    ignorePatterns: [...new Set([...list('ignorePatterns'), ...(ours.ignorePatterns ?? [])])],
    overrides: [...list('overrides'), ...ours.overrides],
  };
  const trailing = existing.endsWith('\n') ? '\n' : '';
  return {
    label: OXLINT_CONFIG_FILE,
    detail: 'the plugin as a JS plugin, its overrides appended',
    files: [
      {
        path,
        content: `${JSON.stringify(merged, null, detectIndent(existing))}${trailing}`,
        status: 'update',
      },
    ],
  };
}

/** Refuses before anything is written when a file cannot be created, so a run never stops half-way. */
function checkWritable(root: string, changes: FileChange[]): void {
  for (const change of changes) {
    let dir = dirname(change.path);
    while (!existsSync(dir)) dir = dirname(dir);
    const shown = relative(root, dir) || '.';
    if (!statSync(dir).isDirectory()) {
      throw new CliError(`cannot write ${relative(root, change.path)}: ${shown} is a file, not a directory`);
    }
    try {
      accessSync(existsSync(change.path) ? change.path : dir, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'EROFS' ? 'read-only file system' : 'permission denied';
      throw new CliError(`cannot write to ${dir}: ${reason}. Nothing was written.`);
    }
  }
}

function write(root: string, changes: FileChange[]): void {
  for (const change of changes) {
    try {
      mkdirSync(dirname(change.path), { recursive: true });
      writeFileSync(change.path, change.content);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new CliError(`cannot write ${relative(root, change.path)} (${code})`);
    }
  }
}

const VERBS: Record<FileStatus, [real: string, dry: string]> = {
  create: ['created', 'would create'],
  update: ['updated', 'would update'],
  overwrite: ['overwrote', 'would overwrite'],
  unchanged: ['unchanged', 'unchanged'],
  differs: ['kept', 'would keep'],
};

function describe(step: Step, root: string, dryRun: boolean): string[] {
  const verbOf = (status: FileStatus) => VERBS[status][dryRun ? 1 : 0];
  if (step.manual !== undefined) {
    return [
      `  ${'manual'.padEnd(15)} ${step.label} (${step.manual.reason}); add these lines yourself:`,
      `${' '.repeat(18)}${step.manual.lines.importLine}`,
      `${' '.repeat(18)}${step.manual.lines.element},   // in the exported config list`,
    ];
  }
  if (step.todo !== undefined) {
    return [
      `  ${'manual'.padEnd(15)} ${step.label}: ${step.todo[0]}`,
      ...step.todo.slice(1).map((line) => `${' '.repeat(18)}${line}`),
    ];
  }
  const counts = new Map<FileStatus, number>();
  for (const file of step.files) counts.set(file.status, (counts.get(file.status) ?? 0) + 1);
  const statuses = [...counts.keys()];
  const verb =
    statuses.length === 1
      ? verbOf(statuses[0]!)
      : verbOf(statuses.includes('differs') ? 'differs' : 'update');
  const notes: string[] = [];
  if (step.files.length > 1) {
    notes.push(
      statuses.length === 1
        ? `${step.files.length} files`
        : statuses.map((status) => `${counts.get(status)} ${verbOf(status)}`).join(', '),
    );
  }
  if (step.detail !== undefined) notes.push(step.detail);
  const lines = [`  ${verb.padEnd(15)} ${step.label}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`];
  for (const file of step.files) {
    if (file.status === 'differs') lines.push(`${' '.repeat(18)}differs: ${relative(root, file.path)}`);
  }
  return lines;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    'dry-run': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    scaffold: { type: 'boolean', default: false },
  });
  const root = projectDirectory(directoryArgument(positionals) ?? '.', io);
  if (!statSync(root).isDirectory()) throw new CliError(`${root} is not a directory`);
  const dryRun = values['dry-run'];
  const force = values.force;

  const oxlint = oxlintStep(root);
  const actionAuth = actionAuthStep(root);
  const steps = [
    ...skillSteps(root, force),
    mcpStep(root, force),
    eslintStep(root),
    ...(actionAuth === undefined ? [] : [actionAuth]),
    ...(oxlint === undefined ? [] : [oxlint]),
    ...(values.scaffold ? scaffoldSteps(root, force) : []),
  ];
  const changes = steps
    .flatMap((step) => step.files)
    .filter((file) => ['create', 'update', 'overwrite'].includes(file.status));
  const kept = steps.flatMap((step) => step.files).filter((file) => file.status === 'differs');

  if (!dryRun) checkWritable(root, changes);
  io.stdout.write(`many-first init ${root}${dryRun ? ' (dry run)' : ''}\n`);
  for (const step of steps) io.stdout.write(`${describe(step, root, dryRun).join('\n')}\n`);
  if (!dryRun) write(root, changes);
  // The config is right, but ESLint will not parse with it yet (a project on TypeScript 7): say so now.
  const typescriptProblem = typescriptApiProblem();
  if (typescriptProblem !== undefined) io.stderr.write(`many-first init: note: ${typescriptProblem}\n`);

  if (kept.length > 0) {
    io.stderr.write(
      `many-first init: kept ${kept.length === 1 ? '1 file that differs' : `${kept.length} files that differ`} from what init writes; run with --force to overwrite.\n`,
    );
    return 1;
  }
  if (changes.length === 0) io.stdout.write('Nothing to change: the project is already set up.\n');
  else if (dryRun)
    io.stdout.write(
      `Dry run: ${changes.length} file${changes.length === 1 ? '' : 's'} would be written; nothing was.\n`,
    );
  else io.stdout.write(`Wrote ${changes.length} file${changes.length === 1 ? '' : 's'}.\n`);
  return 0;
}

export const initCommand: CommandModule = {
  usage,
  run,
};
