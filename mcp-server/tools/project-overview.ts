import { z } from 'zod';
import type { ProjectLayout } from '../../conventions/layout.js';
import type { Finding } from '../project/model.js';
import type { ProjectIndex } from '../project/project-index.js';
import { diagnosticSchema, dialectSchema, migrationStateSchema } from './schemas.js';
import { projectMigrationStatus } from './migration-status.js';
import { conventionFindingsWithin } from './convention-findings.js';
import { count } from './render.js';
import { defineTool, READ_ONLY_ANNOTATIONS, ToolInputError } from './tool.js';

/** Long file lists are cut here; the counts still say how many there are. */
const MAX_FILES = 50;
const MAX_DIAGNOSTICS = 20;
/** How long the overview waits for the first lint run of a project; it is meant to be the quick first call. */
const LINT_BUDGET_MS = 5_000;

const fileList = z.object({
  files: z.array(z.string()).describe(`Root-relative files, at most ${MAX_FILES}.`),
  total: z.number().int(),
});

const outputSchema = z.object({
  root: z.string().describe('The absolute path of the project root every other path is relative to.'),
  dialect: dialectSchema,
  schemaGlobs: z
    .array(z.string())
    .describe('Where schema files are looked for (conventions, drizzle.config.ts or defaults).'),
  schema: fileList.describe('Files that declare Drizzle tables.'),
  models: fileList.describe('Model modules.'),
  actions: fileList.describe('Files with server actions.'),
  counts: z.object({
    tables: z.number().int(),
    columns: z.number().int(),
    models: z.number().int(),
    actions: z.number().int(),
    findings: z.number().int(),
    diagnostics: z.number().int(),
  }),
  diagnostics: z
    .array(diagnosticSchema)
    .describe(
      `Files that failed to parse (at most ${MAX_DIAGNOSTICS}); the rest of the project is answered.`,
    ),
  health: z
    .array(
      z.object({
        rule: z.string(),
        errors: z.number().int(),
        warnings: z.number().int(),
        suggestions: z.number().int().optional().describe('Findings of severity suggestion, when any.'),
      }),
    )
    .describe('Convention findings per rule; rules without findings are not listed.'),
  layout: z
    .object({
      configFile: z
        .string()
        .optional()
        .describe('many-first.config.json or package.json, when the project overrides what was found.'),
      sourceFiles: z.number().int().describe('Application source files the rules cover.'),
      dataAccess: fileList.describe(
        'Modules that export functions over the database client (hand-written data access).',
      ),
      dbModules: z.array(z.string()).describe('Modules that create or re-export the database client.'),
      actionFolders: z
        .array(z.string())
        .describe("Folders whose every module must start with 'use server' (found or configured)."),
      testFactories: fileList.describe('Test factory files.'),
    })
    .describe(
      'Where this project keeps things, found from its code (directives, imports, drizzle.config) and its config. Follow this layout when adding files.',
    ),
  migrations: z
    .object({
      out: z.string().describe('The migrations folder, root-relative.'),
      state: migrationStateSchema,
      total: z.number().int().describe('Migrations in the folder.'),
      latest: z.string().optional().describe('The tag of the last migration.'),
      problems: z.number().int().describe('Problems of the folder itself (migration_status lists them).'),
      schemaChanges: z
        .number()
        .int()
        .describe('Schema changes no migration covers yet (migration_status lists them).'),
    })
    .optional()
    .describe("drizzle-kit's migrations folder against the schema; absent when the folder cannot be read."),
  linted: z
    .boolean()
    .describe(
      "Whether health includes the ESLint plugin's rules; false while their first run on a large project goes on (check_conventions waits for it).",
    ),
});

function uniqueFiles(files: Iterable<string>): string[] {
  return [...new Set(files)].sort();
}

function fileListOf(files: string[]): z.input<typeof fileList> {
  return { files: files.slice(0, MAX_FILES), total: files.length };
}

function healthOf(findings: readonly Finding[]): z.input<typeof outputSchema>['health'] {
  type RuleHealth = { rule: string; errors: number; warnings: number; suggestions?: number };
  const byRule = new Map<string, RuleHealth>();
  for (const finding of findings) {
    const entry = byRule.get(finding.rule) ?? { rule: finding.rule, errors: 0, warnings: 0 };
    if (finding.severity === 'error') entry.errors += 1;
    else if (finding.severity === 'suggestion') entry.suggestions = (entry.suggestions ?? 0) + 1;
    else entry.warnings += 1;
    byRule.set(finding.rule, entry);
  }
  const weight = (entry: RuleHealth) => entry.errors + entry.warnings + (entry.suggestions ?? 0);
  return [...byRule.values()].sort((a, b) => weight(b) - weight(a));
}

function layoutOf(layout: ProjectLayout): z.input<typeof outputSchema>['layout'] {
  const entry: z.input<typeof outputSchema>['layout'] = {
    sourceFiles: layout.sourceFiles.length,
    dataAccess: fileListOf(layout.found.dataAccessModules),
    dbModules: layout.found.dbModules,
    actionFolders: layout.conventions.actions,
    testFactories: fileListOf(layout.found.testFactories),
  };
  if (layout.configFile !== undefined) entry.configFile = layout.configFile;
  return entry;
}

function migrationsOf(project: ProjectIndex): z.input<typeof outputSchema>['migrations'] {
  try {
    const status = projectMigrationStatus(project);
    const summary: z.input<typeof outputSchema>['migrations'] = {
      out: status.out,
      state: status.state,
      total: status.migrations.length,
      problems: status.problems.length,
      schemaChanges: status.schemaChanges.length,
    };
    const latest = status.migrations.at(-1);
    if (latest !== undefined) summary.latest = latest.tag;
    return summary;
  } catch (error) {
    // The overview answers without it; migration_status says what is wrong with the folder.
    if (error instanceof ToolInputError) return undefined;
    throw error;
  }
}

function migrationsLine(migrations: z.input<typeof outputSchema>['migrations']): string {
  if (migrations === undefined) return 'Migrations: cannot be read (migration_status says why)';
  const where = `Migrations (${migrations.out}/, ${count(migrations.total, 'migration')})`;
  switch (migrations.state) {
    case 'in-sync':
      return `${where}: in sync with the schema`;
    case 'no-migrations':
      return `${where}: none yet`;
    case 'schema-changes':
      return `${where}: ${count(migrations.schemaChanges, 'schema change')} no migration covers; migration_status lists them`;
    case 'conflicts':
      return `${where}: ${count(migrations.problems, 'folder problem')}; migration_status lists them, many-first migrations reconcile fixes a merge`;
  }
}

function listLine(label: string, list: z.input<typeof fileList>): string {
  if (list.total === 0) return `${label}: none found`;
  const more = list.total > list.files.length ? `, … ${list.total - list.files.length} more` : '';
  return `${label} (${list.total}): ${list.files.join(', ')}${more}`;
}

export const projectOverview = defineTool({
  name: 'project_overview',
  config: {
    title: 'Project overview',
    description:
      'Start here. Summarises the Next.js + Drizzle project this server reads: its root, SQL dialect, the ' +
      'schema, model and server-action files, its layout (data-access modules, database client, actions folders, ' +
      'test factories — follow it when adding files), how many tables/models/actions it has, files that failed to ' +
      'parse, and how many convention findings each rule has. Takes no arguments. Next: list_tables or ' +
      'describe_table for the schema, list_models for the data layer, check_conventions for the findings.',
    inputSchema: z.object({}),
    outputSchema,
    annotations: READ_ONLY_ANNOTATIONS,
  },
  async handler(_args, { project }) {
    // The first lint of a large project takes a while: answer with the structure checks rather than wait.
    const linted = (await conventionFindingsWithin(project, LINT_BUDGET_MS)) !== undefined;
    const { inspection } = project;
    const schemaFiles = uniqueFiles(inspection.tables.map((table) => table.file));
    const modelFiles = uniqueFiles(inspection.models.map((model) => model.file));
    const actionFiles = uniqueFiles(inspection.actions.map((action) => action.file));
    const structured: z.input<typeof outputSchema> = {
      root: project.root,
      dialect: inspection.dialect,
      schemaGlobs: [...project.schemaGlobs],
      schema: fileListOf(schemaFiles),
      models: fileListOf(modelFiles),
      actions: fileListOf(actionFiles),
      counts: {
        tables: inspection.tables.length,
        columns: inspection.tables.reduce((sum, table) => sum + table.columns.length, 0),
        models: inspection.models.length,
        actions: inspection.actions.length,
        findings: inspection.findings.length,
        diagnostics: inspection.diagnostics.length,
      },
      diagnostics: inspection.diagnostics.slice(0, MAX_DIAGNOSTICS),
      health: healthOf(inspection.findings),
      layout: layoutOf(project.layout),
      linted,
    };
    const migrations = migrationsOf(project);
    if (migrations !== undefined) structured.migrations = migrations;
    const { counts } = structured;
    const lines = [
      `Project ${structured.root} (${structured.dialect})`,
      `${count(counts.tables, 'table')} (${count(counts.columns, 'column')}), ${count(counts.models, 'model')}, ${count(counts.actions, 'server action')}`,
      listLine(`Schema (${structured.schemaGlobs.join(', ')})`, structured.schema),
      listLine('Models', structured.models),
      listLine('Actions', structured.actions),
      listLine('Data access', structured.layout.dataAccess),
      `Database client: ${structured.layout.dbModules.join(', ') || 'none found'}` +
        (structured.layout.actionFolders.length > 0
          ? `; actions folders: ${structured.layout.actionFolders.join(', ')}`
          : '') +
        (structured.layout.configFile !== undefined
          ? `; overrides from ${structured.layout.configFile}`
          : ''),
    ];
    lines.push(migrationsLine(structured.migrations));
    if (counts.diagnostics > 0) {
      lines.push(`Parse errors (${counts.diagnostics}; these files were skipped):`);
      for (const diagnostic of structured.diagnostics) {
        lines.push(`  ${diagnostic.file}:${diagnostic.line} ${diagnostic.message}`);
      }
    }
    if (!linted)
      lines.push('Lint rules still running; check_conventions waits for them and lists every finding.');
    if (structured.health.length === 0) {
      lines.push('Conventions: no findings');
    } else {
      lines.push(`Conventions (${count(counts.findings, 'finding')}; check_conventions lists them):`);
      for (const rule of structured.health) {
        const suggestions =
          rule.suggestions === undefined ? '' : `, ${count(rule.suggestions, 'suggestion')}`;
        lines.push(
          `  ${rule.rule}: ${count(rule.errors, 'error')}, ${count(rule.warnings, 'warning')}${suggestions}`,
        );
      }
    }
    return { structuredContent: structured, text: lines.join('\n') };
  },
});
