// The built package in a project whose own `typescript` is 7.x (fixtures/typescript-7): a native compiler
// whose package exports only its version, no JavaScript API. Hoisted where typescript-eslint's packages
// resolve it, as npm 11 leaves it for ts-api-utils (tried by hand: it nests TypeScript 6 for the parser and
// typescript-estree, not for ts-api-utils). What needs no TypeScript API (ts-morph bundles its own) works;
// what needs typescript-eslint's parser says in one line how to put TypeScript 6's API beside 7.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../mcp-server/server/projects.js';
import { run } from '../mcp-server/e2e/processes.js';
import { installedCopy, oxlintOnViolations, type InstalledCopy } from '../support/installed-copy.js';

const TYPESCRIPT_7 = join(REPO_ROOT, 'fixtures/typescript-7/node_modules/typescript');
const VERSION = (JSON.parse(readFileSync(join(TYPESCRIPT_7, 'package.json'), 'utf8')) as { version: string })
  .version;
const API_LINE = new RegExp(
  `^typescript-eslint's parser needs TypeScript's JavaScript API, which TypeScript ${VERSION.replaceAll('.', '\\.')} ` +
    `\\([^)]*node_modules/typescript\\) does not have; keep TypeScript 7 as @typescript/native and give ` +
    '`typescript` the 6\\.0 API: npm install --save-dev typescript@npm:@typescript/typescript6@\\^6\\.0\\.2 ' +
    '@typescript/native@npm:typescript@\\^7\\.0\\.2$',
);

let copy: InstalledCopy;
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_PATH'));

beforeAll(async () => {
  copy = await installedCopy('typescript-7', (nodeModules) => {
    rmSync(join(nodeModules, 'typescript'), { recursive: true });
    execFileSync('cp', ['-al', TYPESCRIPT_7, join(nodeModules, 'typescript')]);
  });
}, 400_000);

afterAll(() => rmSync(copy.work, { recursive: true, force: true }));

const cli = (...args: string[]) =>
  run(process.execPath, [copy.bin, ...args], { cwd: copy.project, env, timeoutMs: 120_000 });

describe('the built binary in a project on TypeScript 7', () => {
  it('really resolves TypeScript 7, with no compiler API, from typescript-eslint and ts-api-utils', () => {
    expect(VERSION).toMatch(/^7\./);
    const parser = createRequire(copy.bin).resolve('@typescript-eslint/parser');
    const estree = createRequire(parser).resolve('@typescript-eslint/typescript-estree');
    for (const from of [parser, estree, createRequire(estree).resolve('ts-api-utils')]) {
      const typescript = createRequire(from)('typescript') as Record<string, unknown>;
      expect(typescript.version, from).toBe(VERSION);
      expect(typescript.createSourceFile, from).toBeUndefined();
    }
  });

  it('runs init, which loads the plugin and its configs, and notes the one line ESLint will need', async () => {
    const init = await cli('init', '--dry-run');
    const notes = init.stderr.trimEnd().split('\n');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.replace(/^many-first init: note: /, '')).toMatch(API_LINE);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/Dry run: \d+ files would be written/);
  }, 120_000);

  it('runs inspect: the project is read, and the skipped rules are one diagnostic saying why', async () => {
    const inspect = await cli('inspect', '--json');
    expect(inspect.stderr).toBe('');
    expect(inspect.code).toBe(0);
    const report = JSON.parse(inspect.stdout) as {
      tables: unknown[];
      models: unknown[];
      actions: unknown[];
      diagnostics: { message: string }[];
    };
    expect(report.tables.length).toBeGreaterThan(10);
    expect(report.models.length).toBeGreaterThan(10);
    expect(report.actions.length).toBeGreaterThan(3);
    const typescript = report.diagnostics.filter((diagnostic) => diagnostic.message.includes('TypeScript 7'));
    expect(typescript).toHaveLength(1);
    expect(typescript[0]!.message).toMatch(
      /ESLint could not be loaded, so the plugin's rules were not run: /,
    );
  }, 120_000);

  it('refuses lint with one line saying how to put the TypeScript 6 API beside 7', async () => {
    const lint = await cli('lint');
    expect(lint).toMatchObject({ code: 2, stdout: '' });
    const lines = lint.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.replace(/^many-first lint: /, '')).toMatch(API_LINE);
  }, 120_000);

  it('under ESLint, reports that line for each file instead of crashing, never loading the parser', async () => {
    const config = join(copy.project, 'eslint.config.js');
    writeFileSync(
      config,
      `import manyFirst from ${JSON.stringify(join(copy.work, 'many-first/dist/eslint-plugin/index.js'))};\n` +
        'export default [...manyFirst.configsFor(import.meta.dirname).recommended];\n',
    );
    const eslint = await run(
      process.execPath,
      [join(copy.nodeModules, 'eslint/bin/eslint.js'), '--format', 'json', 'src/actions'],
      { cwd: copy.project, env, timeoutMs: 120_000 },
    );
    rmSync(config);
    // typescript-eslint's own refusal of TypeScript 7 prints to stderr when its parser loads.
    expect(eslint.stderr).toBe('');
    expect(eslint.code).toBe(1);
    const results = JSON.parse(eslint.stdout) as { messages: { fatal?: boolean; message: string }[] }[];
    expect(results.length).toBeGreaterThan(3);
    for (const { messages } of results) {
      expect(messages).toHaveLength(1);
      expect(messages[0]!.fatal).toBe(true);
      expect(messages[0]!.message.replace(/^Parsing error: /, '')).toMatch(API_LINE);
    }
  }, 120_000);

  it('lints with oxlint, which parses for itself and needs no TypeScript API', async () => {
    const oxlint = await oxlintOnViolations(copy.work, env);
    expect(oxlint.stderr).toBe('');
    expect(oxlint.codes).toContain('many-first(no-db-in-server-actions)');
  }, 120_000);

  it('serves MCP: the schema tools answer, lint_code answers with the one line', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [copy.bin, 'mcp', copy.project],
      cwd: copy.project,
      env: env as Record<string, string>,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'many-first-typescript-7', version: '0.0.0' });
    await client.connect(transport);
    try {
      const table = await client.callTool({ name: 'describe_table', arguments: { table: 'users' } });
      expect(table.isError).not.toBe(true);
      expect((table.content as { type: string; text: string }[])[0]!.text).toMatch(/\busers\b/);
      const lint = await client.callTool({
        name: 'lint_code',
        arguments: {
          filename: 'src/actions/example.ts',
          code: "'use server';\nexport async function a() {}\n",
        },
      });
      expect(lint.isError).toBe(true);
      const text = (lint.content as { type: string; text: string }[])[0]!.text;
      expect(text).toMatch(API_LINE);
    } finally {
      await client.close();
    }
  }, 180_000);
});
