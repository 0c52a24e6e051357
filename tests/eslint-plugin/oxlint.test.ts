// The plugin under oxlint: oxlint's own binary (node_modules/.bin/oxlint) loads the built plugin through
// `jsPlugins` in the `.oxlintrc.json` that `many-first init` writes (oxlintConfigFor), on a copy of each
// fixture project, and must report the same (file, line, rule) as ESLint with the recommended config.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oxlintConfigFor, OXLINT_CONFIG_FILE } from '../../cli/init/oxlint-config.js';
import { fixtureConfig } from '../support/lint-configs.js';
import { builtPackage } from '../support/built-package.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(REPO_ROOT, 'fixtures');
const OXLINT = join(REPO_ROOT, 'node_modules/.bin/oxlint');
const projects = [
  'app',
  'flat-app',
  ...readdirSync(join(fixtures, 'violations'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `violations/${entry.name}`)
    .sort(),
];

type Finding = `${string}:${number} ${string}`;

interface OxlintReport {
  diagnostics: { code?: string; filename: string; labels: { span: { line: number } }[] }[];
}

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'many-first-oxlint-')));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const eslintFindings = new Map<string, Finding[]>();
const oxlintFindings = new Map<string, Finding[]>();
const oxlintErrors: string[] = [];

beforeAll(async () => {
  const pluginPath = join((await builtPackage()).dir, 'dist/eslint-plugin/index.js');
  for (const project of projects) {
    const root = join(fixtures, project);
    const results = await new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: fixtureConfig(root, project),
    }).lintFiles(['.']);
    eslintFindings.set(
      project,
      results
        .flatMap((result) =>
          result.messages
            .filter((message) => message.ruleId?.startsWith('many-first/') === true)
            .map(
              (message): Finding => `${relative(root, result.filePath)}:${message.line} ${message.ruleId}`,
            ),
        )
        .sort(),
    );

    // oxlint reads its config from the project folder, so each project is linted in a copy with one.
    const copy = join(scratch, project.replace('/', '-'));
    cpSync(root, copy, {
      recursive: true,
      filter: (source) => !/[\\/](?:node_modules|\.pglite)$/.test(source),
    });
    const config = oxlintConfigFor(fixtureConfig(copy, project), pluginPath);
    writeFileSync(join(copy, OXLINT_CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
    const run = spawnSync(OXLINT, ['--format', 'json', '.'], {
      cwd: copy,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (run.stderr.trim() !== '') oxlintErrors.push(`${project}: ${run.stderr.trim()}`);
    const report = JSON.parse(run.stdout) as OxlintReport;
    oxlintFindings.set(
      project,
      report.diagnostics
        .filter((diagnostic) => diagnostic.code?.startsWith('many-first(') === true)
        .map(
          (diagnostic): Finding =>
            `${diagnostic.filename}:${diagnostic.labels[0]!.span.line} ${diagnostic.code!.replace(/^many-first\((.*)\)$/, 'many-first/$1')}`,
        )
        .sort(),
    );
  }
}, 600_000);

describe('oxlint with the plugin as a JS plugin', () => {
  it('loads the plugin and lints without errors', () => {
    expect(oxlintErrors).toEqual([]);
  });

  it('finds what ESLint finds in every violations folder, and it finds something in each', () => {
    for (const project of projects.filter((name) => name.startsWith('violations/'))) {
      expect(eslintFindings.get(project)!.length, project).toBeGreaterThan(0);
      expect(oxlintFindings.get(project), project).toEqual(eslintFindings.get(project));
    }
  });

  it("applies the rules' suggestions with --fix-suggestions, as an editor applies them under ESLint", () => {
    const copy = join(scratch, 'violations-no-dynamic-imports');
    const file = join(copy, 'src/lib/export-report.ts');
    expect(readFileSync(file, 'utf8')).toContain("await import('csv-stringify/sync')");
    spawnSync(OXLINT, ['--fix-suggestions', '.'], { cwd: copy, timeout: 120_000 });
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).toContain("import { stringify } from 'csv-stringify/sync';");
    expect(fixed).not.toContain('await import(');
  });

  it('finds nothing in the two fixture apps, as ESLint finds nothing', () => {
    for (const project of ['app', 'flat-app']) {
      expect(eslintFindings.get(project), project).toEqual([]);
      expect(oxlintFindings.get(project), project).toEqual([]);
    }
  });
});
