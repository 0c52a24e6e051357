import { ownPackage } from '../conventions/own-package.js';
import { CliError, type CliIO } from './io.js';
import { commands } from './commands/index.js';

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

/** The optional peer dependencies (package.json#peerDependenciesMeta), as a user knows them. */
const OPTIONAL_PEERS = new Map([
  ['eslint', 'ESLint 9 or 10'],
  ['drizzle-orm', 'drizzle-orm'],
]);

/**
 * A module the command could not load because an optional peer is not installed: the package's name, from
 * Node's "Cannot find package 'eslint'" / "Cannot find module 'eslint'".
 */
function missingPeer(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  const name = /Cannot find (?:package|module) '((?:@[^/']+\/)?[^/'.][^/']*)/.exec(
    (error as Error).message,
  )?.[1];
  return name !== undefined && OPTIONAL_PEERS.has(name) ? name : undefined;
}

/** Runs the CLI and resolves to the exit code; never throws for a user error. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${overview()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${ownPackage().version}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr.write(`many-first: unknown command '${name}'. Run 'many-first --help' for the list.\n`);
    return 2;
  }
  try {
    const loaded = await command.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`${loaded.usage}\n`);
      return 0;
    }
    return await loaded.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`many-first ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    const peer = missingPeer(error);
    if (peer !== undefined) {
      io.stderr.write(
        `many-first ${name}: needs ${OPTIONAL_PEERS.get(peer)}, which is not installed; add it to the project: npm install --save-dev ${peer}\n`,
      );
      return 2;
    }
    // A command that parses with parseArgs itself: its usage errors are one line too.
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(
        `many-first ${name}: ${error.message.split('. ')[0]}; see 'many-first ${name} --help'\n`,
      );
      return 2;
    }
    throw error;
  }
}
