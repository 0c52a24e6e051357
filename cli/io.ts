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

export interface Command {
  name: string;
  /** One line for `many-first --help`. */
  summary: string;
  /** The full usage text for `many-first <name> --help`. */
  usage: string;
  /** Resolves to the process exit code. */
  run(argv: string[], io: CliIO): Promise<number>;
}
