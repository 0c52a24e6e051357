import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import { guardsCalledIn, looksLikeGuard } from '../../cli/init/action-guards.js';
import { actionAuthEntry } from '../../cli/commands/init.js';
import { planEslintConfigEdit } from '../../cli/init/eslint-config.js';
import { DEFAULT_CONVENTIONS } from '../../conventions/index.js';
import { createConfigs } from '../../eslint-plugin/index.js';
import { PACKAGE_JSON, runCli, TempProjects } from './support.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const skillSource = join(repoRoot, 'skills/backend-developer');
const SERVER = { command: 'npx', args: ['many-first', 'mcp'] };

const projects = new TempProjects('many-first-init-');
afterEach(() => projects.removeAll(chmodTree));

/** Makes everything writable again so cleanup works after the read-only case. */
function chmodTree(dir: string): void {
  if (!existsSync(dir)) return;
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) chmodTree(join(dir, entry.name));
  }
}

const project = (files: Record<string, string> = PACKAGE_JSON) => projects.create(files);
const init = (cwd: string, ...args: string[]) => runCli(['init', ...args], cwd);

/** Every file under dir with its content, to prove a run changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      result[relative(dir, path)] = `${statSync(path).mtimeMs}:${readFileSync(path, 'utf8')}`;
    }
  }
  return result;
}

function skillFiles(): string[] {
  return readdirSync(skillSource, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(skillSource, join(entry.parentPath, entry.name)))
    .sort();
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('many-first init', () => {
  it('sets up a fresh project: the skill twice, .mcp.json and a new eslint.config.js', async () => {
    const dir = project();
    const result = await init(dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');

    const files = skillFiles();
    expect(files).toContain('SKILL.md');
    expect(files.some((file) => file.startsWith('references'))).toBe(true);
    for (const target of ['.agents/skills/backend-developer', '.claude/skills/backend-developer']) {
      for (const file of files) {
        expect(readFileSync(join(dir, target, file), 'utf8'), `${target}/${file}`).toBe(
          readFileSync(join(skillSource, file), 'utf8'),
        );
      }
    }
    expect(readJson(join(dir, '.mcp.json'))).toEqual({ mcpServers: { 'many-first': SERVER } });

    const eslintConfig = readFileSync(join(dir, 'eslint.config.js'), 'utf8');
    expect(eslintConfig).toContain("from 'many-first/eslint-plugin'");
    expect(planEslintConfigEdit('eslint.config.js', eslintConfig, false).kind).toBe('already-configured');
    expect(result.stdout).toMatch(/created\s+\.agents\/skills\/backend-developer\//);
    expect(result.stdout).toMatch(/created\s+\.mcp\.json/);
    expect(result.stdout).toMatch(/created\s+eslint\.config\.js/);
  });

  it('writes eslint.config.mjs in a project whose package.json is not an ES module', async () => {
    const dir = project({ 'package.json': '{ "name": "app" }\n' });
    expect((await init(dir)).code).toBe(0);
    expect(existsSync(join(dir, 'eslint.config.mjs'))).toBe(true);
    expect(existsSync(join(dir, 'eslint.config.js'))).toBe(false);
  });

  it('changes nothing on a second run and says so', async () => {
    const dir = project();
    expect((await init(dir)).code).toBe(0);
    const before = snapshot(dir);
    const second = await init(dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing to change');
    expect(second.stdout).not.toMatch(/created|updated/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('adds the server to an existing .mcp.json, keeping other servers, keys and indentation', async () => {
    const existing = {
      mcpServers: {
        github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] },
        db: { type: 'http', url: 'http://localhost:9000/mcp' },
      },
      extra: { kept: true },
    };
    const dir = project({
      'package.json': '{ "type": "module" }\n',
      '.mcp.json': `${JSON.stringify(existing, null, 4)}\n`,
    });
    const result = await init(dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/updated\s+\.mcp\.json \(the many-first server, beside 2 other servers\)/);
    const text = readFileSync(join(dir, '.mcp.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({
      mcpServers: { ...existing.mcpServers, 'many-first': SERVER },
      extra: { kept: true },
    });
    expect(text).toMatch(/^ {4}"mcpServers"/m);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('reports malformed .mcp.json, leaves it untouched and writes nothing', async () => {
    const malformed = '{ "mcpServers": { "github": { "command": "npx", } \n';
    const dir = project({ 'package.json': '{ "type": "module" }\n', '.mcp.json': malformed });
    const before = snapshot(dir);
    const result = await init(dir);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('.mcp.json is not valid JSON');
    expect(readFileSync(join(dir, '.mcp.json'), 'utf8')).toBe(malformed);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses an .mcp.json whose mcpServers is not an object', async () => {
    const dir = project({ 'package.json': '{}', '.mcp.json': '{ "mcpServers": [] }' });
    const result = await init(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"mcpServers" is an object');
    expect(readFileSync(join(dir, '.mcp.json'), 'utf8')).toBe('{ "mcpServers": [] }');
  });

  it('writes nothing with --dry-run, but tells what it would do', async () => {
    const dir = project({
      'package.json': '{ "type": "module" }\n',
      '.mcp.json': '{ "mcpServers": {} }\n',
      'eslint.config.js': 'export default [{ rules: {} }];\n',
    });
    const before = snapshot(dir);
    const result = await init(dir, '--dry-run');
    expect(result.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(result.stdout).toMatch(/would create\s+\.claude\/skills\/backend-developer\//);
    expect(result.stdout).toMatch(/would update\s+\.mcp\.json/);
    expect(result.stdout).toMatch(/would update\s+eslint\.config\.js/);
    expect(result.stdout).toContain('nothing was');
  });

  it('keeps differing files without --force and overwrites them with it', async () => {
    const dir = project();
    expect((await init(dir)).code).toBe(0);
    const edited = join(dir, '.claude/skills/backend-developer/SKILL.md');
    writeFileSync(edited, 'my own notes\n');
    const customServer = { command: 'node', args: ['tools/mcp.js'] };
    writeFileSync(join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { 'many-first': customServer } }));

    const kept = await init(dir);
    expect(kept.code).toBe(1);
    expect(kept.stderr).toContain('--force');
    expect(kept.stdout).toContain('differs: .claude/skills/backend-developer/SKILL.md');
    expect(readFileSync(edited, 'utf8')).toBe('my own notes\n');
    expect(readJson(join(dir, '.mcp.json'))).toEqual({ mcpServers: { 'many-first': customServer } });

    const forced = await init(dir, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(edited, 'utf8')).toBe(readFileSync(join(skillSource, 'SKILL.md'), 'utf8'));
    expect(readJson(join(dir, '.mcp.json'))).toEqual({ mcpServers: { 'many-first': SERVER } });
  });

  it('gives one clear error and writes nothing when a directory it needs is a file', async () => {
    const dir = project({ 'package.json': '{ "type": "module" }\n', '.claude': 'not a directory\n' });
    const before = snapshot(dir);
    const result = await init(dir);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'many-first init: cannot write .claude/skills/backend-developer/SKILL.md: .claude is a file, not a directory',
    ]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('gives one clear error and writes nothing in a read-only directory (run as an unprivileged user)', () => {
    const dir = project();
    chmodSync(dir, 0o555);
    const before = snapshot(dir);
    // root ignores permission bits, so the CLI runs as `nobody` when the tests run as root.
    const asRoot = process.getuid?.() === 0;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'cli/bin.ts'), 'init', dir],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, HOME: dir },
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      },
    );
    expect(child.status, child.stderr).toBe(1);
    expect(child.stderr.trim().split('\n')).toEqual([
      `many-first init: cannot write to ${dir}: permission denied. Nothing was written.`,
    ]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('rejects a missing directory and a second positional argument', async () => {
    const dir = project();
    const missing = await init(dir, 'nope');
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: "many-first init: project directory 'nope' does not exist\n",
    });
    const file = await init(dir, 'package.json');
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/^many-first init: 'package\.json' is not a directory[^\n]*\n$/);
    const extra = await init(dir, 'a', 'b');
    expect(extra.code).toBe(2);
  });
});

describe('adding the plugin to an existing eslint.config', () => {
  it('appends to a multi-line export default array, after the last import', () => {
    const text = [
      "import js from '@eslint/js';",
      '',
      'export default [',
      '  js.configs.recommended,',
      "  { ignores: ['dist/'] },",
      '];',
      '',
    ].join('\n');
    const edit = planEslintConfigEdit('eslint.config.js', text, false);
    expect(edit).toEqual({
      kind: 'edited',
      shape: 'export default [...]',
      text: [
        "import js from '@eslint/js';",
        "import manyFirst from 'many-first/eslint-plugin';",
        '',
        'export default [',
        '  js.configs.recommended,',
        "  { ignores: ['dist/'] },",
        '  manyFirst.configsFor(import.meta.dirname).recommended,',
        '];',
        '',
      ].join('\n'),
    });
  });

  it('appends an argument to defineConfig(...) and spreads an array config', () => {
    const text =
      "import { defineConfig } from 'eslint/config';\nexport default defineConfig({ rules: {} });\n";
    const edit = planEslintConfigEdit('eslint.config.mjs', text, true);
    expect(edit.kind).toBe('edited');
    if (edit.kind !== 'edited') return;
    expect(edit.text).toBe(
      "import { defineConfig } from 'eslint/config';\nimport manyFirst from 'many-first/eslint-plugin';\n" +
        'export default defineConfig({ rules: {} }, ...manyFirst.configsFor(import.meta.dirname).recommended);\n',
    );
  });

  it('follows a const that is exported by name, and avoids a binding the file already uses', () => {
    const text = 'const manyFirst = 1;\nconst config = [{ rules: {} }];\nexport default config;\n';
    const edit = planEslintConfigEdit('eslint.config.js', text, false);
    expect(edit.kind).toBe('edited');
    if (edit.kind !== 'edited') return;
    expect(edit.text).toContain(
      "import manyFirstPlugin from 'many-first/eslint-plugin';\n\nconst manyFirst = 1;",
    );
    expect(edit.text).toContain(
      'const config = [{ rules: {} }, manyFirstPlugin.configsFor(import.meta.dirname).recommended];',
    );
  });

  it('leaves unusual shapes, CommonJS and broken files to the user, with the two lines to add', () => {
    const shapes: Array<[string, string, RegExp]> = [
      ['eslint.config.js', 'export default async () => [];\n', /does not default-export/],
      ['eslint.config.cjs', 'module.exports = [];\n', /CommonJS/],
      ['eslint.config.js', 'export default [\n', /does not parse/],
    ];
    for (const [name, text, reason] of shapes) {
      const edit = planEslintConfigEdit(name, text, false);
      expect(edit.kind, name).toBe('manual');
      if (edit.kind !== 'manual') continue;
      expect(edit.reason).toMatch(reason);
      // The layout is read from the config's own folder: import.meta.dirname in a module, __dirname in CommonJS.
      expect(edit.lines.element).toBe(
        `manyFirst.configsFor(${name.endsWith('.cjs') ? '__dirname' : 'import.meta.dirname'}).recommended`,
      );
    }
  });

  it('recognises a config that already imports the plugin', () => {
    const text =
      "import manyFirst from 'many-first/eslint-plugin';\nexport default [manyFirst.configsFor(import.meta.dirname).recommended];\n";
    expect(planEslintConfigEdit('eslint.config.ts', text, false)).toEqual({ kind: 'already-configured' });
  });

  it('prints the lines in the init output when it cannot edit the file', async () => {
    const dir = project({
      'package.json': '{ "type": "module" }\n',
      'eslint.config.js': 'export default async () => [];\n',
    });
    const result = await init(dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("import manyFirst from 'many-first/eslint-plugin';");
    expect(result.stdout).toContain('manyFirst.configsFor(import.meta.dirname).recommended,');
    expect(readFileSync(join(dir, 'eslint.config.js'), 'utf8')).toBe('export default async () => [];\n');
  });
});

describe("require-action-auth's guards, found in the project's server actions", () => {
  const ACTIONS = {
    'package.json': '{ "type": "module" }\n',
    'app/(dashboard)/actions.ts': [
      "'use server';",
      "import { auth } from '@/auth';",
      "import { getCurrentMember as member } from '@/lib/members';",
      "import { requireAdmin } from '@/lib/admin';",
      "import { insertTasks } from '@/lib/data-access/tasks';",
      'export async function createTask(title: string) {',
      '  const session = await auth();',
      '  const current = await member();',
      '  await insertTasks([{ title, ownerId: session?.user.id, teamId: current.teamId }]);',
      '}',
      // Imported but never called: not a guard this project uses.
      'export type Admin = typeof requireAdmin;',
      '',
    ].join('\n'),
    // Not a server action: its guard-like call does not count.
    'lib/admin-page.ts':
      "import { getSession } from '@/lib/session';\nexport const s = () => getSession();\n",
  };

  it('writes the rule off, with the guards the actions call, in a new many-first.config.json', async () => {
    const dir = project(ACTIONS);
    const result = await init(dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'many-first.config.json'), 'utf8'))).toEqual({
      rules: { 'require-action-auth': ['off', { guards: ['auth', 'getCurrentMember'] }] },
    });
    // Every way of asking reads many-first.config.json; an entry in eslint.config.js would reach ESLint alone.
    expect(readFileSync(join(dir, 'eslint.config.js'), 'utf8')).not.toContain('require-action-auth');
    expect(result.stdout).toMatch(
      /created +many-first\.config\.json \(require-action-auth left "off" with the guards your actions call \(auth, getCurrentMember\); set "error" to enforce it\)/,
    );
    // A second run finds both set up and changes nothing.
    expect((await init(dir)).stdout).toContain('Nothing to change');
  });

  it('adds the entry to an existing many-first.config.json, keeping its keys, other rules and indentation', async () => {
    const dir = project({
      ...ACTIONS,
      'many-first.config.json':
        '{\n    "ignores": ["lib/generated/**"],\n    "rules": { "no-dynamic-imports": "warn" }\n}\n',
    });
    expect((await init(dir)).code).toBe(0);
    const text = readFileSync(join(dir, 'many-first.config.json'), 'utf8');
    expect(text).toMatch(/^\{\n {4}"ignores": \[/);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      ignores: ['lib/generated/**'],
      rules: {
        'no-dynamic-imports': 'warn',
        'require-action-auth': ['off', { guards: ['auth', 'getCurrentMember'] }],
      },
    });
  });

  it('leaves an entry the user already wrote for the rule as it is', async () => {
    const config = '{ "rules": { "require-action-auth": ["error", { "guards": ["auth"] }] } }\n';
    const dir = project({ ...ACTIONS, 'many-first.config.json': config });
    const result = await init(dir);
    expect(result.stdout).toMatch(/unchanged +many-first\.config\.json/);
    expect(readFileSync(join(dir, 'many-first.config.json'), 'utf8')).toBe(config);
  });

  it('prints the entry for a project configured in package.json#manyFirst, writing neither file', async () => {
    const manifest = '{ "type": "module", "manyFirst": { "ignores": ["gen/**"] } }\n';
    const dir = project({ ...ACTIONS, 'package.json': manifest });
    const result = await init(dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'manual          package.json#manyFirst: optional: add under "rules" {"require-action-auth":["off",{"guards":["auth","getCurrentMember"]}]}',
    );
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(manifest);
    expect(existsSync(join(dir, 'many-first.config.json'))).toBe(false);
  });

  it('leaves a many-first.config.json that does not load as it is (lint and inspect report it)', async () => {
    const dir = project({ ...ACTIONS, 'many-first.config.json': '{ "rules": [] }\n' });
    const result = await init(dir);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('many-first.config.json');
    expect(readFileSync(join(dir, 'many-first.config.json'), 'utf8')).toBe('{ "rules": [] }\n');
  });

  it('writes nothing for the rule when the actions call no guard', async () => {
    const dir = project({ 'package.json': '{ "type": "module" }\n' });
    expect((await init(dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'eslint.config.js'), 'utf8')).not.toContain('require-action-auth');
    expect(existsSync(join(dir, 'many-first.config.json'))).toBe(false);
  });

  it("keeps the guards when the user turns the entry to 'error', so enforcing it is a one-word change", () => {
    const [, options] = actionAuthEntry(['getCurrentMember']);
    const linter = new Linter({ configType: 'flat', cwd: '/project' });
    const lint = (text: string) =>
      linter.verify(
        text,
        createConfigs({ ...DEFAULT_CONVENTIONS, rules: { 'require-action-auth': ['error', options] } })
          .recommended,
        '/project/app/actions.ts',
      );
    const guarded =
      "'use server';\nexport async function a() {\n  const m = await getCurrentMember();\n  await insertTasks([{ m }]);\n}\n";
    expect(lint(guarded)).toEqual([]);
    const unguarded =
      "'use server';\nexport async function a() {\n  await auth();\n  await insertTasks([{}]);\n}\n";
    expect(lint(unguarded).map((message) => message.ruleId)).toEqual(['many-first/require-action-auth']);
  });

  it('recognises guard names and the calls of imported ones', () => {
    for (const name of [
      'auth',
      'getSession',
      'getCurrentUser',
      'requireAdmin',
      'getSessionUserId',
      'currentUser',
      'validateRequest',
      'verifySession',
    ])
      expect(looksLikeGuard(name), name).toBe(true);
    for (const name of [
      'selectUsers',
      'getUsers',
      'insertSessions',
      'authorName',
      'sendInvite',
      'getProject',
    ])
      expect(looksLikeGuard(name), name).toBe(false);
    const text = [
      "import { auth as getAuth, type Session } from '@/auth';",
      "import { getUsers } from '@/lib/users';",
      "import type { requireUser } from '@/lib/types';",
      'const auth = () => 1;',
      'export async function a() { await getAuth(); await getUsers(); auth(); }',
    ].join('\n');
    expect(guardsCalledIn('actions.ts', text)).toEqual(['auth']);
  });
});

describe('many-first init with oxlint', () => {
  const OXLINT_PROJECT = {
    'package.json': '{ "type": "module", "devDependencies": { "oxlint": "1.96.0" } }\n',
    'src/actions/tags.ts': "'use server';\nexport async function createTag() {}\n",
  };

  it('writes .oxlintrc.json with the plugin as a JS plugin and its rules, and changes nothing the second time', async () => {
    const dir = project(OXLINT_PROJECT);
    const first = await init(dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/created\s+\.oxlintrc\.json/);
    const config = readJson(join(dir, '.oxlintrc.json')) as {
      jsPlugins: string[];
      overrides: { files: string[]; rules: Record<string, unknown> }[];
    };
    expect(config.jsPlugins).toEqual(['many-first/eslint-plugin']);
    const rules = new Set(config.overrides.flatMap((override) => Object.keys(override.rules)));
    for (const rule of ['no-db-in-server-actions', 'no-dynamic-imports', 'require-use-server'])
      expect(rules).toContain(`many-first/${rule}`);
    // The actions folder found in the code gets the module-directive option, as in the ESLint config.
    expect(config.overrides).toContainEqual(
      expect.objectContaining({
        files: [expect.stringMatching(/^src\/actions\//)],
        rules: expect.objectContaining({
          'many-first/require-use-server': ['error', { requireModuleDirective: true }],
        }),
      }),
    );
    const again = await init(dir);
    expect(again.stdout).toMatch(/unchanged\s+\.oxlintrc\.json/);
  });

  it('merges the plugin into an existing .oxlintrc.json, keeping its own rules', async () => {
    const dir = project({ ...OXLINT_PROJECT, '.oxlintrc.json': '{\n  "rules": { "eqeqeq": "error" }\n}\n' });
    expect((await init(dir)).stdout).toMatch(/updated\s+\.oxlintrc\.json/);
    expect(readJson(join(dir, '.oxlintrc.json'))).toMatchObject({
      rules: { eqeqeq: 'error' },
      jsPlugins: ['many-first/eslint-plugin'],
    });
  });

  it('prints what to add to an oxlint.config.ts and leaves it alone', async () => {
    const source = "import { defineConfig } from 'oxlint';\nexport default defineConfig({});\n";
    const dir = project({ ...OXLINT_PROJECT, 'oxlint.config.ts': source });
    const result = await init(dir);
    expect(result.stdout).toMatch(
      /manual\s+oxlint\.config\.ts: add jsPlugins: \['many-first\/eslint-plugin'\]/,
    );
    expect(readFileSync(join(dir, 'oxlint.config.ts'), 'utf8')).toBe(source);
    expect(existsSync(join(dir, '.oxlintrc.json'))).toBe(false);
  });

  it('writes no oxlint config in a project without oxlint', async () => {
    const dir = project();
    await init(dir);
    expect(existsSync(join(dir, '.oxlintrc.json'))).toBe(false);
  });
});
