/** Where a command writes and what it runs relative to; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

/** A failure the user can act on: printed as one line, never with a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 1: the command ran and failed; 2: the command line itself was wrong. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** What a command file exports: its usage text and what it does. Loaded only when the command runs. */
export interface CommandModule {
  /** The full usage text for `many-first <name> --help`. */
  usage: string;
  /** Resolves to the process exit code. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/**
 * One entry of the command list: what `many-first --help` prints, and how to load the rest. Commands load
 * on use so `--version` and `--help` start about as fast as Node, and a command whose optional peer (ESLint)
 * is missing cannot break the others.
 */
export interface Command {
  name: string;
  /** One line for `many-first --help`. */
  summary: string;
  load(): Promise<CommandModule>;
}
