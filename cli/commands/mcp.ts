import { serveHttp } from '../../mcp-server/transports/http.js';
import { serveStdio } from '../../mcp-server/transports/stdio.js';
import { parseCommandLine } from '../arguments.js';
import { CliError, type CommandModule } from '../io.js';
import { directoryArgument, projectDirectory } from '../project-directory.js';

const usage = `Usage: many-first mcp [dir] [--root DIR] [--http] [--port N]

Starts the many-first MCP server for the project in dir (or --root). Without either, the server uses the
workspace folder the client reports (MCP roots), else the current directory.

By default it speaks MCP over stdin/stdout, as editors and assistants expect; logs go to stderr.

Options:
  --root DIR  the project root (the same as dir)
  --http      serve stateless Streamable HTTP on http://127.0.0.1:<port>/mcp instead
  --port N    the HTTP port (default 3939; 0 picks a free one)`;

const DEFAULT_PORT = 3939;

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(port) || port > 65_535) {
    throw new CliError(`--port must be a whole number from 0 to 65535, not '${text}'`, 2);
  }
  return port;
}

/** Resolves on SIGINT or SIGTERM, so the HTTP server can close before the process exits. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export const mcpCommand: CommandModule = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, {
      root: { type: 'string' },
      http: { type: 'boolean', default: false },
      port: { type: 'string' },
    });
    const directory = directoryArgument(positionals);
    if (directory !== undefined && values.root !== undefined) {
      throw new CliError('pass the project either as [dir] or as --root DIR, not both', 2);
    }
    if (values.port !== undefined && !values.http) throw new CliError('--port needs --http', 2);
    const port = values.port === undefined ? DEFAULT_PORT : parsePort(values.port);
    const given = directory ?? values.root;
    const root = given === undefined ? undefined : projectDirectory(given, io);
    const logSink = (line: string) => io.stderr.write(`${line}\n`);
    const options = { cwd: io.cwd, logSink, ...(root !== undefined && { root }) };

    // One line a person starting the server by hand can read (it otherwise waits silently for a client).
    const serving = root ?? `the client's MCP roots, else ${io.cwd}`;
    if (!values.http) {
      io.stderr.write(`many-first mcp: serving ${serving} over stdio; stop with Ctrl+C (or end stdin)\n`);
      await serveStdio(options);
      return 0;
    }
    let running;
    try {
      running = await serveHttp({ ...options, port });
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    io.stderr.write(
      `many-first mcp: serving ${serving} over HTTP (stop with Ctrl+C), listening on ${running.url}\n`,
    );
    await untilStopped();
    await running.close();
    return 0;
  },
};
