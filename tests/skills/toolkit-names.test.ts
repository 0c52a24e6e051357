/**
 * Every name the skill gives an assistant exists in the toolkit it ships with: MCP tools (over the SDK's
 * in-memory transport, as a client sees them), their inputs, resources and prompts; ESLint rules; CLI
 * commands and their flags; package entry points; and the other commands it tells an assistant to run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from 'many-first/eslint-plugin';
import { commands } from '../../cli/commands/index.js';
import { createServer } from '../../mcp-server/server.js';
import { allText, readSkillDocs, repoRoot, type SkillDoc } from './skill-bundle.js';

const docs = readSkillDocs();
const text = allText(docs);
const mcpReference = docs.find((doc) => doc.path === 'references/mcp-tools.md')!;
const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  bin: Record<string, string>;
};

/** The package's entry points (`./model-factory` → `model-factory`), read from its exports. */
const PACKAGE_ENTRY_POINTS = new Set(
  Object.keys(packageJson.exports)
    .filter((key) => key !== './package.json')
    .map((key) => key.slice(2)),
);

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** `many-first:<tool>` mentions, the form the skill uses for MCP tools. */
const toolNames = unique([...text.matchAll(/many-first:([a-z_]+)/g)].map((match) => match[1]!));
/** `many-first/<name>` mentions that are not package entry points are rule ids. */
const ruleNames = unique(
  [...text.matchAll(/many-first\/([a-z-]+)/g)]
    .map((match) => match[1]!)
    .filter((name) => !PACKAGE_ENTRY_POINTS.has(name)),
);
const entryPoints = unique(
  [...text.matchAll(/many-first\/([a-z-]+)/g)]
    .map((match) => match[1]!)
    .filter((name) => PACKAGE_ENTRY_POINTS.has(name)),
);

/** `npx many-first <command> [--flags]` invocations. */
const cliInvocations = [...text.matchAll(/npx many-first ([a-z]+)((?:\s+(?:--[a-z-]+|\[?[a-z]+\]?))*)/g)].map(
  (match) => ({ command: match[1]!, flags: [...match[2]!.matchAll(/--[a-z-]+/g)].map((flag) => flag[0]) }),
);

/** The first cell of each row of the table under `## Tools` in mcp-tools.md, with its inputs cell. */
function toolTableRows(doc: SkillDoc): Array<{ tool: string; inputs: string[] }> {
  const section = doc.prose.split(/^## Tools$/m)[1]!.split(/^## /m)[0]!;
  return section
    .split('\n')
    .filter((line) => /^\| `many-first:/.test(line))
    .map((line) => {
      const [, toolCell, inputCell] = line.split('|');
      const tool = /many-first:([a-z_]+)/.exec(toolCell!)![1]!;
      // Input names are the backticked words before any parenthesis (which holds explanations).
      const inputs = [...inputCell!.replace(/\([^)]*\)/g, '').matchAll(/`([a-zA-Z]+)`/g)].map(
        (match) => match[1]!,
      );
      return { tool, inputs };
    });
}

describe('MCP names', () => {
  const client = new Client({ name: 'skill-test', version: '0.0.0' });
  let tools: Awaited<ReturnType<Client['listTools']>>['tools'] = [];
  let prompts: Awaited<ReturnType<Client['listPrompts']>>['prompts'] = [];
  let resources: string[] = [];
  let templates: string[] = [];

  beforeAll(async () => {
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    const server = createServer({ root: join(repoRoot, 'fixtures/app'), logSink: () => undefined });
    await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
    tools = (await client.listTools()).tools;
    prompts = (await client.listPrompts()).prompts;
    resources = (await client.listResources()).resources.map((resource) => resource.uri);
    templates = (await client.listResourceTemplates()).resourceTemplates.map(
      (template) => template.uriTemplate,
    );
  });

  afterAll(async () => {
    await client.close();
  });

  it('names only tools the server lists', () => {
    expect(toolNames.length).toBeGreaterThanOrEqual(8);
    const listed = new Set(tools.map((tool) => tool.name));
    expect(toolNames.filter((name) => !listed.has(name))).toEqual([]);
  });

  it('documents every tool the server lists in the MCP reference', () => {
    const documented = new Set(toolTableRows(mcpReference).map((row) => row.tool));
    expect(tools.map((tool) => tool.name).filter((name) => !documented.has(name))).toEqual([]);
  });

  it("gives each tool's inputs by the names of its input schema", () => {
    const rows = toolTableRows(mcpReference);
    expect(rows.length).toBeGreaterThanOrEqual(tools.length);
    for (const { tool, inputs } of rows) {
      const schema = tools.find((candidate) => candidate.name === tool)!.inputSchema;
      const properties = Object.keys(schema.properties ?? {});
      expect(inputs, tool).toEqual(inputs.filter((input) => properties.includes(input)));
      // Every input the schema has is documented, so the table is the whole interface.
      expect(
        properties.filter((property) => !inputs.includes(property)),
        tool,
      ).toEqual([]);
    }
  });

  it('names resources the server serves', () => {
    const mentioned = unique(
      [...mcpReference.text.matchAll(/many-first:\/\/[^\s`)]+/g)].map((match) => match[0]),
    );
    expect(mentioned).toContain('many-first://skill/SKILL.md');
    for (const uri of mentioned) {
      if (uri.includes('{') || uri.includes('<')) {
        const pattern = uri.replace(/<[^>]+>/, '{file}');
        const served = pattern.startsWith('many-first://skill/')
          ? resources.some((resource) => resource.startsWith(pattern.split('{')[0]!))
          : templates.includes(pattern);
        expect(served, uri).toBe(true);
      } else {
        expect(resources, uri).toContain(uri);
      }
    }
    for (const doc of docs) expect(resources).toContain(`many-first://skill/${doc.path}`);
  });

  it('names prompts the server lists, with their arguments', () => {
    const mentioned = [...mcpReference.text.matchAll(/prompt `([a-z-]+)` \(([^)]*)\)/g)].map((match) => ({
      name: match[1]!,
      args: [...match[2]!.matchAll(/`([a-zA-Z]+)`/g)].map((arg) => arg[1]!),
    }));
    expect(mentioned.map((prompt) => prompt.name).sort()).toEqual(
      prompts.map((prompt) => prompt.name).sort(),
    );
    for (const { name, args } of mentioned) {
      const listed = prompts.find((prompt) => prompt.name === name)!;
      expect((listed.arguments ?? []).map((argument) => argument.name).sort(), name).toEqual(
        [...args].sort(),
      );
    }
  });
});

describe('ESLint rule ids', () => {
  it('names only rules the plugin has, and every one of them', () => {
    const available = Object.keys(plugin.rules);
    expect(ruleNames.filter((name) => !available.includes(name))).toEqual([]);
    expect(available.filter((name) => !ruleNames.includes(name))).toEqual([]);
  });

  it('names only entry points package.json exports', () => {
    expect(entryPoints.length).toBeGreaterThan(0);
    for (const entry of entryPoints) expect(Object.keys(packageJson.exports)).toContain(`./${entry}`);
  });
});

describe('commands', () => {
  it('runs only many-first commands the CLI has, with flags their usage documents', async () => {
    expect(cliInvocations.length).toBeGreaterThan(0);
    expect(Object.keys(packageJson.bin)).toContain('many-first');
    for (const { command, flags } of cliInvocations) {
      const found = commands.find((candidate) => candidate.name === command);
      expect(found, `many-first ${command}`).toBeDefined();
      const { usage } = await found!.load();
      for (const flag of flags) expect(usage, `many-first ${command} ${flag}`).toContain(flag);
    }
    for (const name of ['init', 'inspect', 'lint', 'mcp']) {
      expect(cliInvocations.map((invocation) => invocation.command)).toContain(name);
    }
  });

  it('runs only tools a Next.js + Drizzle project has installed', () => {
    const bins = unique([...text.matchAll(/npx ([a-z][a-z-]*)/g)].map((match) => match[1]!)).filter(
      (bin) => bin !== 'many-first',
    );
    expect(bins).toEqual(expect.arrayContaining(['drizzle-kit', 'tsc', 'vitest']));
    for (const bin of bins) expect(existsSync(join(repoRoot, 'node_modules/.bin', bin)), bin).toBe(true);
  });

  it('uses drizzle-kit subcommands and flags that exist', () => {
    const invocations = unique(
      [...text.matchAll(/npx drizzle-kit ([a-z]+)((?: --[a-z-]+)*)/g)].map((match) => match[0]),
    );
    const subcommands = unique(invocations.map((invocation) => invocation.split(' ')[2]!));
    expect(subcommands).toEqual(expect.arrayContaining(['generate', 'migrate']));
    for (const subcommand of subcommands) {
      const help = spawnSync(join(repoRoot, 'node_modules/.bin/drizzle-kit'), [subcommand, '--help'], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(help.status, `drizzle-kit ${subcommand} --help: ${help.stderr}`).toBe(0);
      const flags = invocations
        .filter((invocation) => invocation.split(' ')[2] === subcommand)
        .flatMap((invocation) => invocation.match(/--[a-z-]+/g) ?? []);
      for (const flag of flags) expect(help.stdout, `drizzle-kit ${subcommand} ${flag}`).toContain(flag);
    }
  });

  it('never tells an assistant to go through docker or make', () => {
    expect(text).not.toMatch(/docker|\bmake [a-z]/i);
  });
});
