import type { Command } from '../io.js';

/**
 * Every subcommand, in the order `many-first --help` lists them. Each lives in its own file, imported only
 * when it runs (see `Command`).
 */
export const commands: Command[] = [
  {
    name: 'init',
    summary: 'install the Agent Skill, register the MCP server and add the ESLint plugin to a project',
    load: async () => (await import('./init.js')).initCommand,
  },
  {
    name: 'inspect',
    summary: 'print the tables, models, server actions and convention findings of a project',
    load: async () => (await import('./inspect.js')).inspectCommand,
  },
  {
    name: 'lint',
    summary: "run the plugin's recommended rules on a project with ESLint",
    load: async () => (await import('./lint.js')).lintCommand,
  },
  {
    name: 'migrations',
    summary: "check drizzle-kit's migrations folder against the schema, and reconcile it after a merge",
    load: async () => (await import('./migrations.js')).migrationsCommand,
  },
  {
    name: 'mcp',
    summary: 'start the MCP server (stdio, or --http on 127.0.0.1)',
    load: async () => (await import('./mcp.js')).mcpCommand,
  },
];
