// The built binary where ESLint, an optional peer, is not installed: a copy of the built package whose
// node_modules (hard links of the repository's, so every other package really resolves from inside it) has
// no `eslint`, run on a copy of fixtures/app outside the repository, so no folder above either can supply
// one. What does not need ESLint works; what does answers with one line naming the peer and how to add it.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../mcp-server/server/projects.js';
import { run } from '../mcp-server/e2e/processes.js';
import { installedCopy, oxlintOnViolations } from '../support/installed-copy.js';

const MISSING_LINE =
  'needs ESLint 9 or 10, which is not installed; add it to the project: npm install --save-dev eslint';

let bin: string;
let work: string;
let project: string;
/** Without NODE_PATH, which could otherwise lead Node to an ESLint elsewhere. */
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_PATH'));

beforeAll(async () => {
  ({ work, bin, project } = await installedCopy('without-eslint', (nodeModules) => {
    rmSync(join(nodeModules, 'eslint'), { recursive: true });
    rmSync(join(nodeModules, '.bin/eslint'), { force: true });
  }));
}, 400_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const cli = (...args: string[]) =>
  run(process.execPath, [bin, ...args], { cwd: project, env, timeoutMs: 120_000 });

describe('the built binary without ESLint', () => {
  it('really cannot resolve eslint, from the package or from the project', () => {
    for (const from of [bin, join(project, 'package.json')]) {
      expect(() => createRequire(from).resolve('eslint'), from).toThrow(/Cannot find module 'eslint'/);
    }
    expect(existsSync(join(work, 'many-first/node_modules/@typescript-eslint/utils'))).toBe(true);
  });

  it('prints --version and --help', async () => {
    const version = await cli('--version');
    expect(version).toMatchObject({ code: 0, stderr: '' });
    expect(version.stdout).toBe(
      `${(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`,
    );
    const help = await cli('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: many-first <command>/);
    for (const command of ['init', 'inspect', 'lint', 'mcp']) {
      const usage = await cli(command, '--help');
      expect(usage, command).toMatchObject({ code: 0, stderr: '' });
      expect(usage.stdout, command).toMatch(new RegExp(`^Usage: many-first ${command}`));
    }
  }, 120_000);

  it('runs init, which loads the plugin', async () => {
    const init = await cli('init', '--dry-run');
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/Dry run: \d+ files would be written/);
  }, 120_000);

  it('runs inspect, with the tables, models and actions of the project', async () => {
    const inspect = await cli('inspect', '--json');
    expect(inspect.code).toBe(0);
    const model = JSON.parse(inspect.stdout) as { tables: unknown[]; models: unknown[]; actions: unknown[] };
    expect(model.tables.length).toBeGreaterThan(10);
    expect(model.models.length).toBeGreaterThan(10);
    expect(model.actions.length).toBeGreaterThan(3);
  }, 120_000);

  it('refuses lint with one line naming the missing peer and how to add it', async () => {
    expect(await cli('lint')).toEqual({
      code: 2,
      signal: null,
      stdout: '',
      stderr: `many-first lint: ${MISSING_LINE}\n`,
    });
  }, 120_000);

  it('lints with oxlint, which loads the plugin from the package that has no ESLint', async () => {
    const oxlint = await oxlintOnViolations(work, env);
    expect(oxlint.stderr).toBe('');
    expect(oxlint.codes).toContain('many-first(no-db-in-server-actions)');
  }, 120_000);

  it('serves MCP: the schema tools answer, lint_code names the missing peer', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, 'mcp', project],
      cwd: project,
      env: env as Record<string, string>,
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const client = new Client({ name: 'many-first-without-eslint', version: '0.0.0' });
    await client.connect(transport);
    try {
      const tables = await client.callTool({ name: 'list_tables', arguments: {} });
      expect(tables.isError).not.toBe(true);
      expect((tables.structuredContent as { total: number }).total).toBeGreaterThan(10);
      const lint = await client.callTool({
        name: 'lint_code',
        arguments: {
          filename: 'src/actions/example.ts',
          code: "'use server';\nexport async function a() {}\n",
        },
      });
      expect(lint.isError).toBe(true);
      const text = (lint.content as { type: string; text: string }[])[0]!.text;
      expect(text).toMatch(/needs ESLint[^\n]*npm install --save-dev eslint/);
      expect(text.split('\n')).toHaveLength(1);
    } finally {
      await client.close();
    }
    expect(stderr).toMatch(/^many-first mcp: serving [^\n]+ over stdio; stop with Ctrl\+C/);
  }, 180_000);
});
