// The MCP server: createServer (one per connection, used by every transport) and the transports.
export { createServer, type CreateServerOptions } from './server.js';
export { serveStdio } from './transports/stdio.js';
export { serveHttp, type HttpServeOptions, type RunningHttpServer } from './transports/http.js';
export { createPathGuard, PathGuardError, type PathGuard, type ResolvedPath } from './path-guard.js';
export { tools, type ToolDefinition } from './tools/index.js';
// The static analysis (mcp-server/project/): the index of a project root and the inspection model it answers.
export {
  closeAllProjects,
  closeProject,
  openProject,
  readSchema,
  ProjectError,
  ProjectIndex,
  type ForeignKeyEdge,
  type ModelLookup,
  type OpenProjectOptions,
  type ProgressCallback,
  type RefreshStats,
  type SchemaReading,
  type SymbolDefinition,
  type TableLookup,
  type UsageLookup,
} from './project/project-index.js';
export { readDrizzleConfig, type DrizzleConfig } from './project/drizzle-config.js';
export { closeMatches } from './project/suggestions.js';
export type * from './project/model.js';
