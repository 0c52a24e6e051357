/**
 * Output schemas shared by several tools. The inspection model's schemas live with the model
 * (project/model.ts), which infers its types from them; they are re-exported here for the tools.
 */
import { z } from 'zod';

export {
  columnSchema,
  diagnosticSchema,
  dialectSchema,
  findingSchema,
  findingSeveritySchema,
  modelOpSchema,
  modelSchema,
  serverActionSchema,
  tableSchema,
  usageSchema,
} from '../project/model.js';

/** A migrations folder's state, as `migration_status` and `project_overview` report it. */
export const migrationStateSchema = z
  .enum(['in-sync', 'schema-changes', 'conflicts', 'no-migrations'])
  .describe(
    'in-sync: the latest snapshot matches the schema; schema-changes: run drizzle-kit generate; conflicts: the folder is broken (run many-first migrations reconcile); no-migrations: none yet.',
  );
