import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type CommandLine<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

/** `--format, --root, --help`: the options a command takes, as a user types them. */
function optionList(options: Options): string {
  return [...Object.keys(options), 'help'].map((name) => `--${name}`).join(', ');
}

/** The option an error from parseArgs is about, as typed (`--fix`), from its message. */
function optionIn(message: string): string {
  return /'(-[^' <]+)/.exec(message)?.[1] ?? 'an option';
}

/**
 * A command's `[dir]` positionals and options, parsed strictly. A mistake is one line and exit code 2 that
 * names the offending option and the command's options, instead of Node's own multi-sentence message.
 */
export function parseCommandLine<T extends Options>(argv: string[], options: T): CommandLine<T> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) throw error;
    const message = (error as Error).message;
    const option = optionIn(message);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new CliError(`unknown option '${option}'; the options are ${optionList(options)}`, 2);
    }
    if (/argument missing/.test(message)) throw new CliError(`option '${option}' needs a value`, 2);
    if (/does not take an argument/.test(message)) throw new CliError(`option '${option}' takes no value`, 2);
    throw new CliError(`${message.split('. ')[0]}; the options are ${optionList(options)}`, 2);
  }
}
