/** The server's resources: the skill bundle and one resource per table. */
import type { McpServer } from '@modelcontextprotocol/server';
import type { ServerContext } from '../server.js';
import { registerSkillResources } from './skill.js';
import { registerTableResources } from './tables.js';

export function registerResources(server: McpServer, { session, log }: ServerContext): void {
  registerSkillResources(server, log);
  registerTableResources(server, session);
}
