/**
 * `many-first init` as a user runs it: from the built package (dist/), installed in a project's
 * node_modules. The skill is found relative to the built module, and the ESLint config init writes loads
 * the plugin from the package and reports a violation.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { builtPackage } from '../support/built-package.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'many-first-init-dist-'));
let packageDir: string;
let bin: string;

beforeAll(async () => {
  ({ dir: packageDir, bin } = await builtPackage());
}, 300_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('many-first init from the built package', () => {
  it('installs the packaged skill and an ESLint config that runs the rules', async () => {
    const project = join(scratch, 'app');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    mkdirSync(join(project, 'src/actions'), { recursive: true });
    symlinkSync(packageDir, join(project, 'node_modules/many-first'), 'dir');
    writeFileSync(join(project, 'package.json'), '{ "name": "app", "type": "module" }\n');
    writeFileSync(
      join(project, 'src/actions/tags.ts'),
      "'use server';\n\nimport { redirect } from 'next/navigation';\n\nexport async function done() {\n  redirect('/');\n}\n",
    );

    const run = spawnSync(process.execPath, [bin, 'init', project], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const target of ['.agents', '.claude']) {
      expect(readFileSync(join(project, target, 'skills/backend-developer/SKILL.md'), 'utf8')).toBe(
        readFileSync(join(repoRoot, 'skills/backend-developer/SKILL.md'), 'utf8'),
      );
    }
    expect(existsSync(join(project, 'eslint.config.js'))).toBe(true);

    const eslint = new ESLint({ cwd: project });
    const [result] = await eslint.lintFiles(['src/actions/tags.ts']);
    expect(result!.messages.map((message) => message.ruleId)).toEqual([
      'many-first/no-redirect-in-server-actions',
    ]);

    const again = spawnSync(process.execPath, [bin, 'init', project], { encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Nothing to change');
  }, 120_000);

  it("writes require-action-auth off with the project's guards; 'error' turns it on for ESLint and lint alike", async () => {
    const project = join(scratch, 'guarded');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    mkdirSync(join(project, 'app'), { recursive: true });
    symlinkSync(packageDir, join(project, 'node_modules/many-first'), 'dir');
    writeFileSync(join(project, 'package.json'), '{ "name": "app", "type": "module" }\n');
    writeFileSync(
      join(project, 'app/actions.ts'),
      [
        "'use server';",
        "import { getCurrentUser } from '@/lib/auth';",
        "import { insertTasks } from '@/models/tasks';",
        'export async function createTask(title: string) {',
        '  const user = await getCurrentUser();',
        '  await insertTasks([{ title, ownerId: user.id }]);',
        '}',
        'export async function importTasks(titles: string[]) {',
        '  await insertTasks(titles.map((title) => ({ title })));',
        '}',
        '',
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, [bin, 'init', project], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const configFile = join(project, 'many-first.config.json');
    const written = readFileSync(configFile, 'utf8');
    expect(JSON.parse(written)).toEqual({
      rules: { 'require-action-auth': ['off', { guards: ['getCurrentUser'] }] },
    });

    // Off as written: ESLint loads init's config (options validated) and reports nothing for the rule.
    const off = await new ESLint({ cwd: project }).lintFiles(['app/actions.ts']);
    expect(off[0]!.messages).toEqual([]);

    // Turned on in many-first.config.json: ESLint and `many-first lint` both report the unguarded action.
    writeFileSync(configFile, written.replace('"off"', '"error"'));
    // ESLint re-imports eslint.config.js in this process only when its mtime changes (a new `npx eslint` would).
    const later = new Date(Date.now() + 2000);
    utimesSync(join(project, 'eslint.config.js'), later, later);
    const on = await new ESLint({ cwd: project }).lintFiles(['app/actions.ts']);
    const lint = spawnSync(process.execPath, [bin, 'lint', project, '--format', 'json'], {
      encoding: 'utf8',
    });
    expect(lint.status, lint.stderr).toBe(1);
    const fromLint = (JSON.parse(lint.stdout) as ESLint.LintResult[]).flatMap((result) =>
      result.messages.map((message) => `${message.line} ${message.ruleId}`),
    );
    expect(fromLint).toEqual(['9 many-first/require-action-auth']);
    expect(on[0]!.messages.map((message) => `${message.line} ${message.ruleId}`)).toEqual([
      '9 many-first/require-action-auth',
    ]);
  }, 120_000);
});
