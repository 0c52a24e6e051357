// The same rules under both ESLint majors the peer range names: ESLint 10 (`eslint`), the newest ESLint 9
// and the floor of the range, ESLint 9.0.0, each installed inside its own fixtures/eslint-9* package (a
// devDependency; nested so its `eslint` bin never replaces the repository's); and under ESLint's multithreaded mode (`concurrency`), which lints in worker threads that
// load the plugin on their own. Every project lints with the `recommended` config fitted to it, as
// `many-first init` writes it (a violations folder of an opt-in rule with that rule on too); many-first's findings (and parse failures) must be identical.
import { readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint as ESLint10 } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtPackage } from '../support/built-package.js';
import { fixtureConfig, fixtureOptIns } from '../support/lint-configs.js';

/** ESLint from a fixtures/eslint-9* package, typed by ESLint 10's declarations: the API used here is the same. */
function eslintOf(fixture: string): typeof ESLint10 {
  const require = createRequire(
    fileURLToPath(new URL(`../../fixtures/${fixture}/package.json`, import.meta.url)),
  );
  return (require('eslint') as { ESLint: typeof ESLint10 }).ESLint;
}
const ESLint9 = eslintOf('eslint-9');
const ESLint90 = eslintOf('eslint-9.0');

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const violations = join(fixtures, 'violations');
/** Each a project root: the two apps (src/ and flat layouts), and one root per rule's violations. */
const projects = [
  'app',
  'flat-app',
  ...readdirSync(violations, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `violations/${entry.name}`)
    .sort(),
];

interface Finding {
  file: string;
  line: number;
  column: number;
  rule: string | null;
  message: string;
}

type LintResult = {
  filePath: string;
  messages: { line: number; column: number; ruleId: string | null; message: string }[];
};

function findings(root: string, results: LintResult[]): Finding[] {
  return results
    .flatMap((result) =>
      result.messages
        // A disable comment naming a rule of the project's own plugins (react-hooks/…) is not ours.
        .filter((message) => message.ruleId === null || message.ruleId.startsWith('many-first/'))
        .map((message) => ({
          file: relative(root, result.filePath),
          line: message.line,
          column: message.column,
          rule: message.ruleId,
          message: message.message,
        })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

type Runs = Map<string, Finding[]>;

async function lintAll(lint: (root: string) => Promise<LintResult[]>): Promise<Runs> {
  const runs: Runs = new Map();
  for (const project of projects) {
    const root = join(fixtures, project);
    runs.set(project, findings(root, await lint(root)));
  }
  return runs;
}

describe('ESLint 9 and ESLint 10 report the same findings', () => {
  let v10: Runs;
  let v9: Runs;
  let v90: Runs;

  beforeAll(async () => {
    v10 = await lintAll((cwd) =>
      new ESLint10({
        cwd,
        overrideConfigFile: true,
        overrideConfig: fixtureConfig(cwd, relative(fixtures, cwd)),
      }).lintFiles(['.']),
    );
    v9 = await lintAll((cwd) =>
      new ESLint9({
        cwd,
        overrideConfigFile: true,
        // ESLint 9's config types are its own; the objects are the same flat configs.
        overrideConfig: fixtureConfig(cwd, relative(fixtures, cwd)),
      }).lintFiles(['.']),
    );
    v90 = await lintAll((cwd) =>
      new ESLint90({
        cwd,
        overrideConfigFile: true,
        overrideConfig: fixtureConfig(cwd, relative(fixtures, cwd)),
      }).lintFiles(['.']),
    );
  }, 360_000);

  it('runs the versions it names', () => {
    expect(ESLint10.version.split('.')[0]).toBe('10');
    expect(ESLint9.version.split('.')[0]).toBe('9');
    expect(ESLint90.version).toBe('9.0.0');
  });

  it('finds every rule’s violations, and nothing in the apps, under ESLint 10', () => {
    expect(v10.get('app')).toEqual([]);
    expect(v10.get('flat-app')).toEqual([]);
    for (const project of projects.filter((name) => name.startsWith('violations/'))) {
      const rule = `many-first/${project.slice('violations/'.length)}`;
      expect(v10.get(project)?.filter((finding) => finding.rule === rule).length, project).toBeGreaterThan(0);
      expect(
        v10.get(project)?.filter((finding) => finding.rule === null),
        project,
      ).toEqual([]);
    }
  });

  it('finds exactly the same under the newest ESLint 9', () => {
    for (const project of projects) expect(v9.get(project), project).toEqual(v10.get(project));
  });

  it('finds exactly the same under ESLint 9.0.0, the floor of the peer range', () => {
    for (const project of projects) expect(v90.get(project), project).toEqual(v10.get(project));
  });

  // ESLint 9.34 brought `concurrency`; 9.0.0 has no workers to test.
  describe('with concurrency: 2 (worker threads, the plugin loaded from the built package)', () => {
    // Workers receive options by structured clone; a plugin object cannot be, so ESLint takes an options
    // module that each worker imports, the way a project's eslint.config.js is imported.
    async function concurrent(ESLint: typeof ESLint10, major: string): Promise<Runs> {
      const built = await builtPackage();
      const pluginUrl = pathToFileURL(join(built.dir, 'dist/eslint-plugin/index.js')).href;
      return lintAll(async (cwd) => {
        const options = join(
          built.dir,
          `eslint-options-${major}-${projects.indexOf(relative(fixtures, cwd))}.mjs`,
        );
        writeFileSync(
          options,
          `import plugin from ${JSON.stringify(pluginUrl)};\n` +
            `const cwd = ${JSON.stringify(cwd)};\n` +
            `const optIns = ${JSON.stringify(fixtureOptIns(cwd, relative(fixtures, cwd)))};\n` +
            'export default { cwd, overrideConfigFile: true, overrideConfig: [...plugin.configsFor(cwd).recommended, ...optIns], concurrency: 2 };\n',
        );
        const eslint = await ESLint.fromOptionsModule(pathToFileURL(options));
        return eslint.lintFiles(['.']);
      });
    }

    it('ESLint 10 finds the same as single-threaded', async () => {
      const runs = await concurrent(ESLint10, '10');
      for (const project of projects) expect(runs.get(project), project).toEqual(v10.get(project));
    }, 300_000);

    it('the newest ESLint 9 finds the same as single-threaded', async () => {
      const runs = await concurrent(ESLint9, '9');
      for (const project of projects) expect(runs.get(project), project).toEqual(v10.get(project));
    }, 300_000);
  });
});
