import { readFileSync } from 'node:fs';
import { CliError, type CliIO } from './io.js';
import { commands } from './commands/index.js';

// package.json is one folder up from the sources (cli/main.ts) and two from the build (dist/cli/main.js).
const packageJson = JSON.parse(
  readFileSync(
    new URL(
      import.meta.url.includes('/dist/cli/') ? '../../package.json' : '../package.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { version: string };

function overview(): string {
  const width = Math.max(...commands.map((command) => command.name.length), 4);
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'Usage: many-first <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `many-first <command> --help` for the options of one command.',
  ].join('\n');
}

/** Runs the CLI and resolves to the exit code; never throws for a user error. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${overview()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${packageJson.version}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr.write(`many-first: unknown command '${name}'. Run 'many-first --help' for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`many-first ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    // parseArgs reports unknown or malformed options with a code; they are usage errors.
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`many-first ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
