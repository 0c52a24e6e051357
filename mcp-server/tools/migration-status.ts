import { z } from 'zod';
import {
  MigrationReadError,
  migrationsFolderOf,
  migrationStatus,
  OutsideRootError,
  projectFolderSource,
  renderMigrationStatus,
  type MigrationStatus,
} from '../migrations/index.js';
import type { ProjectIndex } from '../project/project-index.js';
import { migrationStateSchema } from './schemas.js';
import { defineTool, READ_ONLY_ANNOTATIONS, ToolInputError } from './tool.js';

const inputSchema = z.object({
  verbose: z
    .boolean()
    .default(false)
    .describe('List every migration; by default only the last 10 are listed (the total is always given).'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(500)
    .default(50)
    .describe('At most this many folder problems and schema changes each (default 50).'),
});

const outputSchema = z.object({
  out: z.string().describe("The migrations folder (drizzle.config's `out`, default drizzle), root-relative."),
  layout: z
    .enum(['journal', 'folders', 'missing'])
    .describe(
      "journal: drizzle-kit 0.31's meta/_journal.json; folders: 1.0's folder per migration; missing: no folder.",
    ),
  state: migrationStateSchema,
  migrations: z.object({
    total: z.number().int(),
    listed: z
      .array(
        z.object({
          tag: z.string(),
          idx: z.number().int(),
          when: z.number().optional().describe('Milliseconds since the epoch, from the journal.'),
          sqlFile: z.string(),
          snapshotFile: z.string(),
          snapshotId: z.string().optional(),
        }),
      )
      .describe('In journal order; the last 10 unless verbose.'),
  }),
  problems: z
    .array(
      z.object({
        kind: z
          .string()
          .describe('duplicate-index, fork, broken-chain, missing-sql, unreadable, when-order, …'),
        message: z.string(),
        files: z.array(z.string()),
        tags: z.array(z.string()),
      }),
    )
    .describe('What is wrong with the folder itself, e.g. two branches that both generated the same index.'),
  problemCount: z.number().int().describe('All problems, listed or not.'),
  schemaChanges: z
    .array(
      z.object({
        kind: z.string().describe('table-added, column-changed, index-dropped, enum-changed, …'),
        table: z.string().optional(),
        column: z.string().optional(),
        detail: z.string(),
      }),
    )
    .describe(
      'What the schema declares that the latest snapshot lacks, or the reverse: what `drizzle-kit generate` would migrate.',
    ),
  schemaChangeCount: z.number().int().describe('All schema changes, listed or not.'),
  comparedWith: z.string().optional().describe('The migration whose snapshot the schema was compared with.'),
  notes: z.array(z.string()).describe('What this answer could not tell.'),
});

/** The project's migration status, or a ToolInputError that says why the folder cannot be read. */
export function projectMigrationStatus(project: ProjectIndex): MigrationStatus {
  try {
    return migrationStatus({
      source: projectFolderSource(project.root),
      out: migrationsFolderOf(project.drizzleConfig),
      dialect: project.inspection.dialect,
      tables: project.inspection.tables,
    });
  } catch (error) {
    if (error instanceof OutsideRootError || error instanceof MigrationReadError)
      throw new ToolInputError(`${error.message}; fix drizzle.config's \`out\` or the folder`);
    throw error;
  }
}

export const migrationStatusTool = defineTool({
  name: 'migration_status',
  config: {
    title: 'Migration status',
    description:
      "Reads drizzle-kit's migrations folder without a database and tells whether it is in sync with the schema " +
      'the code declares. Answers one state: in-sync, schema-changes (lists the tables, columns, indexes, foreign ' +
      'keys and enums no migration covers yet: run drizzle-kit generate, e.g. `make migration-generate name=…`), ' +
      'conflicts (the folder itself is broken, typically two branches that generated the same migration number: ' +
      'run `npx many-first migrations reconcile`), or no-migrations. Call it after editing a schema file and before ' +
      'finishing a task that changed the schema. Default values are compared by presence only. Next: describe_table for a ' +
      'table it names, or the make targets of references/schema-and-migrations.md.',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY_ANNOTATIONS,
  },
  handler({ verbose, limit }, { project }) {
    const status = projectMigrationStatus(project);
    const structured: z.input<typeof outputSchema> = {
      out: status.out,
      layout: status.layout,
      state: status.state,
      migrations: {
        total: status.migrations.length,
        listed: verbose ? status.migrations : status.migrations.slice(-10),
      },
      problems: status.problems.slice(0, limit),
      problemCount: status.problems.length,
      schemaChanges: status.schemaChanges.slice(0, limit),
      schemaChangeCount: status.schemaChanges.length,
      notes: status.notes,
    };
    if (status.comparedWith !== undefined) structured.comparedWith = status.comparedWith;
    return { structuredContent: structured, text: renderMigrationStatus(status) };
  },
});
