/**
 * createServer: the many-first MCP server, used by every transport and by the tests. It answers questions
 * about one Next.js + Drizzle project from its source alone; it never imports or runs the project's files.
 */
import {
  McpServer,
  type CallToolResult,
  type ServerContext as RequestContext,
} from '@modelcontextprotocol/server';
import { ConventionsError } from '../conventions/index.js';
import { ownPackage } from '../conventions/own-package.js';
import { PathGuardError } from './path-guard.js';
import { ProjectSession } from './project-session.js';
import { ProjectError, type ProgressCallback } from './project/project-index.js';
import { registerPrompts } from './prompts/index.js';
import { registerResources } from './resources/index.js';
import { createServerLog, type LogSink, type ServerLog } from './server-log.js';
import { tools, ToolInputError, type ToolContext, type ToolDefinition } from './tools/index.js';

export interface CreateServerOptions {
  /** The project root. Without it the client's roots are used, else `cwd`. */
  root?: string;
  /** The fallback root; defaults to the process's working directory. */
  cwd?: string;
  /** Where log lines go besides the client; defaults to stderr (never stdout, which the protocol owns). */
  logSink?: LogSink;
}

const INSTRUCTIONS = [
  'This server reads a Next.js + Drizzle ORM project built on the many-first conventions (model ops take and',
  'return arrays, server actions return { success, ... } instead of redirecting, static imports only) and',
  'answers from its source code without running it. Call project_overview first: it names the root, the',
  'schema, model and action files and the convention findings. Then use describe_table / describe_model',
  'before writing queries or model ops, find_usages before renaming, and lint_code on new code before you',
  'write it. All paths are relative to the project root. The many-first://skill/SKILL.md resource explains',
  'the conventions.',
].join(' ');

/**
 * The newest protocol revision served. It needs no server option: the SDK's serving entries (`serveStdio`,
 * `createMcpHandler`) answer its `server/discover` opening, and serve a client that opens with `initialize`
 * (2025-11-25 and earlier) as before.
 */
export const MODERN_PROTOCOL_VERSION = '2026-07-28';

/** Sends `notifications/progress` for the request when the client asked for it (a progressToken). */
function progressReporter(context: RequestContext): ProgressCallback | undefined {
  const token = context.mcpReq._meta?.progressToken;
  if (token === undefined) return undefined;
  let last = -1;
  return (done, total, message) => {
    // Progress must increase; a burst of equal counts from the index would be noise.
    if (done <= last) return;
    last = done;
    const params: { progressToken: string | number; progress: number; total: number; message?: string } = {
      progressToken: token,
      progress: done,
      total,
    };
    if (message !== undefined) params.message = message;
    context.mcpReq.notify({ method: 'notifications/progress', params }).catch(() => undefined);
  };
}

/** Errors whose message is meant for the client: a bad name, a refused path, a malformed config. */
function isClientFacing(error: unknown): error is Error {
  return (
    error instanceof ToolInputError ||
    error instanceof PathGuardError ||
    error instanceof ProjectError ||
    error instanceof ConventionsError
  );
}

function errorResult(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

export interface ServerContext {
  session: ProjectSession;
  log: ServerLog;
}

function registerTool(server: McpServer, tool: ToolDefinition, { session, log }: ServerContext): void {
  server.registerTool(tool.name, tool.config, async (args, requestContext) => {
    try {
      const { project, guard } = await session.open(progressReporter(requestContext));
      const context: ToolContext = { project, guard };
      const answer = await tool.handler(args, context);
      // Parsing drops keys the schema does not declare, so the answer always matches tools/list.
      const structuredContent = tool.config.outputSchema.parse(answer.structuredContent);
      return { content: [{ type: 'text', text: answer.text }], structuredContent };
    } catch (error) {
      if (isClientFacing(error)) return errorResult(error.message);
      const message = error instanceof Error ? error.message : String(error);
      log('error', `${tool.name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      return errorResult(
        `${tool.name} failed unexpectedly: ${message}. The server is still running; retry or report it.`,
      );
    }
  });
}

/** Creates a server for one project. Connect it to a transport (stdio, Streamable HTTP, in-memory). */
export function createServer(options: CreateServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: 'many-first', title: 'many-first', version: ownPackage().version },
    {
      capabilities: { logging: {}, completions: {} },
      instructions: INSTRUCTIONS,
    },
  );
  const log = createServerLog(server, options.logSink);
  const sessionOptions = {
    cwd: options.cwd ?? process.cwd(),
    log,
    ...(options.root !== undefined && { root: options.root }),
  };
  const session = new ProjectSession(sessionOptions);
  const context: ServerContext = { session, log };

  // Client roots are asked for after a 2025-era `initialize`. The 2026-07-28 revision has no initialize and
  // no server-to-client requests, so a client of that era gets the explicit root or the working directory.
  const askForRoots = () => {
    if (session.hasExplicitRoot || !server.server.getClientCapabilities()?.roots) return;
    session.useClientRoots(() => server.server.listRoots());
  };
  server.server.oninitialized = askForRoots;
  server.server.setNotificationHandler('notifications/roots/list_changed', async () => askForRoots());

  for (const tool of tools) registerTool(server, tool, context);
  registerResources(server, context);
  registerPrompts(server, context);
  return server;
}
