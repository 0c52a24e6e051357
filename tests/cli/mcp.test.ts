// The mcp command's command line: every mistake is one line on stderr and exit code 2, before any server
// starts. Serving itself is tested end to end in tests/mcp-server.
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';

const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'many-first-mcp-cli-')));
writeFileSync(join(cwd, 'notes.txt'), 'not a folder\n');
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const mcp = (args: string[]) => runCli(['mcp', ...args], cwd);

describe('many-first mcp, command-line mistakes', () => {
  it.each([
    [['no-such-dir'], "project directory 'no-such-dir' does not exist"],
    [['--root', 'no-such-dir'], "project directory 'no-such-dir' does not exist"],
    [['notes.txt'], "'notes.txt' is not a directory; pass the project's root folder"],
    [['.', '--root', '.'], 'pass the project either as [dir] or as --root DIR, not both'],
    [['a', 'b'], 'expected at most one project directory, got 2'],
    [['--port', '4000'], '--port needs --http'],
    [['--http', '--port', '70000'], "--port must be a whole number from 0 to 65535, not '70000'"],
    [['--http', '--port', 'eighty'], "--port must be a whole number from 0 to 65535, not 'eighty'"],
    [['--htp'], "unknown option '--htp'; the options are --root, --http, --port, --help"],
    [['--root'], "option '--root' needs a value"],
    [['--http=yes'], "option '--http' takes no value"],
  ])('%j: one line, exit code 2, stdout untouched', async (args, message) => {
    expect(await mcp(args)).toEqual({ code: 2, stdout: '', stderr: `many-first mcp: ${message}\n` });
  });
});
