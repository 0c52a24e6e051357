/**
 * One resource per table, `many-first://tables/{name}`, for clients that attach context rather than call
 * tools. Its JSON is exactly describe_table's structuredContent, built by the same function.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { ProjectSession } from '../project-session.js';
import { describeTable } from '../tools/describe-table.js';
import { ToolInputError } from '../tools/tool.js';

export const TABLE_URI_TEMPLATE = 'many-first://tables/{name}';

/** Completion answers are capped by the protocol at 100 values. */
const MAX_COMPLETIONS = 100;

/** TS and SQL table names starting with `prefix` (case-insensitive), TS names first. */
export async function completeTableName(session: ProjectSession, prefix: string): Promise<string[]> {
  const { project } = await session.open();
  const wanted = prefix.toLowerCase();
  const names = new Set<string>();
  for (const table of project.inspection.tables) {
    if (table.name.toLowerCase().startsWith(wanted)) names.add(table.name);
  }
  for (const table of project.inspection.tables) {
    if (table.sqlName.toLowerCase().startsWith(wanted)) names.add(table.sqlName);
  }
  return [...names].slice(0, MAX_COMPLETIONS);
}

function decode(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export function registerTableResources(server: McpServer, session: ProjectSession): void {
  const template = new ResourceTemplate(TABLE_URI_TEMPLATE, {
    list: async () => {
      const { project } = await session.open();
      return {
        resources: project.inspection.tables.map((table) => ({
          uri: `many-first://tables/${encodeURIComponent(table.name)}`,
          name: table.name,
          title: table.name === table.sqlName ? table.name : `${table.name} (${table.sqlName})`,
          description: `Drizzle table declared in ${table.file}:${table.line}`,
          mimeType: 'application/json',
        })),
      };
    },
    complete: { name: (value) => completeTableName(session, value) },
  });
  server.registerResource(
    'table',
    template,
    {
      title: 'Drizzle table',
      description:
        "One table in full (columns, keys, foreign keys both ways, its model): describe_table's JSON.",
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const raw = variables.name;
      const name = decode(Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''));
      const { project } = await session.open();
      try {
        const description = describeTable(project, name);
        return {
          contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(description) }],
        };
      } catch (error) {
        if (error instanceof ToolInputError)
          throw new ProtocolError(ProtocolErrorCode.InvalidParams, error.message);
        throw error;
      }
    },
  );
}
