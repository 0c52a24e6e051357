/** Every tool the server offers, in the order tools/list shows them. Each lives in its own file. */
import { checkConventions } from './check-conventions.js';
import { describeModel } from './describe-model.js';
import { describeTableTool } from './describe-table.js';
import { findUsages } from './find-usages.js';
import { lintCodeTool } from './lint-code.js';
import { listModels } from './list-models.js';
import { listServerActions } from './list-server-actions.js';
import { listTables } from './list-tables.js';
import { migrationStatusTool } from './migration-status.js';
import { projectOverview } from './project-overview.js';
import { schemaDiagram } from './schema-diagram.js';
import type { ToolDefinition } from './tool.js';

export const tools: readonly ToolDefinition[] = [
  projectOverview,
  listTables,
  describeTableTool,
  listModels,
  describeModel,
  listServerActions,
  findUsages,
  checkConventions,
  lintCodeTool,
  schemaDiagram,
  migrationStatusTool,
];

export type { ToolAnswer, ToolContext, ToolDefinition } from './tool.js';
export { READ_ONLY_ANNOTATIONS, ToolInputError } from './tool.js';
