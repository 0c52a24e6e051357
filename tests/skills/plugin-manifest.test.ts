/**
 * The Claude Code plugin (`.claude-plugin/`) that bundles the skill and the MCP server: the documented
 * fields only (a typo is an error, not a silently ignored key), the required ones present, every path it
 * names present, and the server it starts a real command of this package.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../cli/commands/index.js';
import { repoRoot } from './skill-bundle.js';

const pluginDir = join(repoRoot, '.claude-plugin');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const packageJson = readJson(join(repoRoot, 'package.json')) as {
  name: string;
  version: string;
  license: string;
  bin: Record<string, string>;
};

const kebabName = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case');
const relativePath = z.string().regex(/^\.\//, 'relative to the plugin root, starting with ./');
const paths = z.union([relativePath, z.array(relativePath).min(1)]);
const author = z
  .object({ name: z.string().min(1), email: z.string().optional(), url: z.string().optional() })
  .strict();
const stdioServer = z
  .object({
    command: z.string().min(1),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    cwd: z.string().optional(),
  })
  .strict();

/** code.claude.com plugins reference: only `name` is required; these are the documented fields. */
const pluginManifest = z
  .object({
    name: kebabName,
    version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'semver'),
    description: z.string().min(1),
    author: author.optional(),
    homepage: z.url().optional(),
    repository: z.string().optional(),
    license: z.string().optional(),
    keywords: z.array(z.string()).optional(),
    commands: paths.optional(),
    agents: paths.optional(),
    skills: paths.optional(),
    hooks: z.union([relativePath, z.record(z.string(), z.unknown())]).optional(),
    mcpServers: z.union([relativePath, z.record(z.string(), stdioServer)]).optional(),
    outputStyles: paths.optional(),
    lspServers: z.union([relativePath, z.record(z.string(), z.unknown())]).optional(),
  })
  .strict();

/** The marketplace catalog: `name`, `owner` and `plugins` are required; each entry needs `name` and `source`. */
const marketplace = z
  .object({
    name: kebabName,
    owner: author,
    metadata: z
      .object({
        description: z.string().optional(),
        version: z.string().optional(),
        pluginRoot: z.string().optional(),
      })
      .strict()
      .optional(),
    plugins: z
      .array(
        z
          .object({
            name: kebabName,
            source: z.union([relativePath, z.object({ source: z.string() }).loose()]),
            description: z.string().optional(),
            version: z.string().optional(),
            author: author.optional(),
            homepage: z.string().optional(),
            repository: z.string().optional(),
            license: z.string().optional(),
            keywords: z.array(z.string()).optional(),
            category: z.string().optional(),
            tags: z.array(z.string()).optional(),
            strict: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

describe('.claude-plugin/plugin.json', () => {
  const raw = readJson(join(pluginDir, 'plugin.json'));
  const parsed = pluginManifest.safeParse(raw);

  it('has the documented fields only, and the required ones', () => {
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it("carries the package's name, version and license", () => {
    const manifest = parsed.data!;
    expect(manifest.name).toBe(packageJson.name);
    expect(manifest.version).toBe(packageJson.version);
    expect(manifest.license).toBe(packageJson.license);
  });

  it('bundles the backend-developer skill from a path that exists', () => {
    const skillDirs = asList(parsed.data!.skills as string | string[] | undefined);
    expect(skillDirs.length).toBeGreaterThan(0);
    for (const dir of skillDirs) {
      expect(statSync(join(repoRoot, dir)).isDirectory(), dir).toBe(true);
    }
    expect(skillDirs.some((dir) => existsSync(join(repoRoot, dir, 'backend-developer/SKILL.md')))).toBe(true);
  });

  it('bundles the MCP server, started by a command this package has', () => {
    const servers = parsed.data!.mcpServers as Record<string, z.infer<typeof stdioServer>>;
    const server = servers['many-first']!;
    expect(server.command).toBe('npx');
    const args = server.args ?? [];
    const packageAt = args.indexOf(packageJson.name);
    expect(packageAt, 'npx runs the many-first package').toBeGreaterThanOrEqual(0);
    expect(Object.keys(packageJson.bin)).toContain(packageJson.name);
    const subcommand = args[packageAt + 1];
    expect(commands.map((command) => command.name)).toContain(subcommand);
    expect(subcommand).toBe('mcp');
  });

  it('rejects what a typo or an undocumented field would look like', () => {
    expect(pluginManifest.safeParse({ ...(raw as object), mcpServer: {} }).success).toBe(false);
    expect(pluginManifest.safeParse({ ...(raw as object), skills: 'skills/' }).success).toBe(false);
    expect(pluginManifest.safeParse({ description: 'no name' }).success).toBe(false);
  });
});

describe('.claude-plugin/marketplace.json', () => {
  const parsed = marketplace.safeParse(readJson(join(pluginDir, 'marketplace.json')));

  it('has the required fields and documented ones only', () => {
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('lists the plugin under its own name, from a source that holds its manifest', () => {
    const manifest = readJson(join(pluginDir, 'plugin.json')) as { name: string };
    const entry = parsed.data!.plugins.find((plugin) => plugin.name === manifest.name);
    expect(entry).toBeDefined();
    expect(typeof entry!.source).toBe('string');
    const root = join(repoRoot, entry!.source as string);
    expect(existsSync(join(root, '.claude-plugin/plugin.json'))).toBe(true);
    // The plugin directory needs a README for the plugin listing.
    expect(readFileSync(join(root, 'README.md'), 'utf8').split(/\s+/).length).toBeGreaterThanOrEqual(40);
  });
});
