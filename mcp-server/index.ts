// The static analysis (mcp-server/project/): the index of a project root and the inspection model it answers.
export {
  closeAllProjects,
  closeProject,
  openProject,
  ProjectError,
  ProjectIndex,
  type ForeignKeyEdge,
  type ModelLookup,
  type OpenProjectOptions,
  type ProgressCallback,
  type RefreshStats,
  type SymbolDefinition,
  type TableLookup,
  type UsageLookup,
} from './project/project-index.js';
export { readDrizzleConfig, type DrizzleConfig } from './project/drizzle-config.js';
export { closeMatches } from './project/suggestions.js';
export type * from './project/model.js';
