/** The server's prompts: task recipes from the skill, filled in with the project's facts. */
import type { McpServer } from '@modelcontextprotocol/server';
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { PathGuardError } from '../path-guard.js';
import { completeTableName } from '../resources/tables.js';
import type { ServerContext } from '../server.js';
import { ToolInputError } from '../tools/tool.js';
import { addDatabaseFieldPrompt } from './add-database-field.js';
import { newModelPrompt } from './new-model.js';
import { newServerActionPrompt } from './new-server-action.js';
import type { PromptDefinition } from './prompt.js';

export type TableNameCompleter = (value: string | undefined) => Promise<string[]>;

export function promptDefinitions(completeTable: TableNameCompleter): PromptDefinition[] {
  return [
    newModelPrompt(completeTable),
    newServerActionPrompt(completeTable),
    addDatabaseFieldPrompt(completeTable),
  ];
}

export function registerPrompts(server: McpServer, { session }: ServerContext): void {
  const completeTable: TableNameCompleter = (value) => completeTableName(session, value ?? '');
  for (const prompt of promptDefinitions(completeTable)) {
    server.registerPrompt(prompt.name, prompt.config, async (args) => {
      const { project } = await session.open();
      try {
        return prompt.build(args, project);
      } catch (error) {
        if (error instanceof ToolInputError || error instanceof PathGuardError) {
          throw new ProtocolError(ProtocolErrorCode.InvalidParams, error.message);
        }
        throw error;
      }
    });
  }
}
