import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, type CliIO } from './io.js';

/**
 * The absolute project root a command's [dir] argument names, relative to the working directory. A missing
 * folder or a file is a mistake on the command line, so exit code 2, and the message repeats what was typed.
 */
export function projectDirectory(directory: string, io: CliIO): string {
  const root = resolve(io.cwd, directory);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    throw new CliError(`project directory '${directory}' does not exist`, 2);
  }
  if (!isDirectory)
    throw new CliError(`'${directory}' is not a directory; pass the project's root folder`, 2);
  return root;
}

/** The one `[dir]` a command takes from its positional arguments, if any; more than one is a usage error. */
export function directoryArgument(positionals: readonly string[]): string | undefined {
  if (positionals.length > 1) {
    throw new CliError(`expected at most one project directory, got ${positionals.length}`, 2);
  }
  return positionals[0];
}
