import type { Command } from '../io.js';
import { initCommand } from './init.js';
import { inspectCommand } from './inspect.js';
import { lintCommand } from './lint.js';
import { mcpCommand } from './mcp.js';
import { migrationsCommand } from './migrations.js';

/** Every subcommand, in the order `many-first --help` lists them. Each lives in its own file. */
export const commands: Command[] = [initCommand, inspectCommand, lintCommand, migrationsCommand, mcpCommand];
