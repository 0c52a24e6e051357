// The soak (bench/soak.ts) is only worth its minutes if it really runs every rule on every file and tells a
// rule's crash from a third-party file the parser rejects. These cases check it on a tiny node_modules.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Linter, Rule } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileLinter, listFiles } from '../../bench/soak.js';
import plugin from '../../eslint-plugin/index.js';

const root = mkdtempSync(join(tmpdir(), 'many-first-soak-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

write(
  'tasks-lib/index.ts',
  `import { eq } from 'drizzle-orm';
import { selectTasks } from './models';
export async function getTask(id: string): Promise<Task | undefined> {
  const [task] = await selectTasks([eq(tasks.id, id)]);
  return task;
}
`,
);
write('tasks-lib/types.d.ts', 'export declare function load(id: string): Promise<unknown>;\n');
write('tasks-lib/node_modules/nested-dep/index.js', 'module.exports = async () => import("./lazy.js");\n');
write('tasks-lib/lib/helpers.cjs', "'use strict';\nexports.noop = () => {};\n");
write('tasks-lib/broken.js', 'export const = ;\n');
write('tasks-lib/.cache/skipped.js', 'export const skipped = 1;\n');
write('tasks-lib/huge.js', `export const blob = '${'x'.repeat(1024 * 1024)}';\n`);

const ruleIds = Object.keys(plugin.rules).map((name) => `many-first/${name}`);
const lintFile = createFileLinter();

describe('listFiles', () => {
  it('lists every script under 1 MB, in nested node_modules too, skipping dot folders', () => {
    expect(listFiles(root)).toEqual({
      files: [
        'tasks-lib/broken.js',
        'tasks-lib/index.ts',
        'tasks-lib/lib/helpers.cjs',
        'tasks-lib/node_modules/nested-dep/index.js',
        'tasks-lib/types.d.ts',
      ],
      tooLarge: 1,
    });
  });
});

describe('createFileLinter with many-first’s rules', () => {
  it.each(['tasks-lib/index.ts', 'tasks-lib/types.d.ts', 'tasks-lib/lib/helpers.cjs'])(
    'runs every rule on %s in both passes',
    (file) => {
      const report = lintFile(root, file);
      expect(report).toMatchObject({ parseFailed: false, notRun: [], exceptions: [] });
      expect(Object.keys(report.ruleTimes).sort()).toEqual(ruleIds);
    },
  );

  it('runs them in a nested node_modules, which ESLint ignores by default', () => {
    const report = lintFile(root, 'tasks-lib/node_modules/nested-dep/index.js');
    expect(report).toMatchObject({ parseFailed: false, notRun: [], exceptions: [] });
    expect(report.findings['many-first/no-dynamic-imports']).toBe(2);
  });

  it('finds what the strictest options find: the wrapper on both passes (as an endpoint returning the row on the actions pass), a missing directive on the models pass, an unguarded action on the actions pass', () => {
    expect(lintFile(root, 'tasks-lib/index.ts').findings).toEqual({
      'many-first/no-single-record-wrappers': 2,
      'many-first/require-action-auth': 1,
      'many-first/require-use-server': 1,
    });
  });

  it('counts a file the parser rejects as a parse failure, not a crash', () => {
    expect(lintFile(root, 'tasks-lib/broken.js')).toMatchObject({
      parseFailed: true,
      notRun: [],
      exceptions: [],
    });
  });
});

describe('createFileLinter with a rule that throws', () => {
  const crashing = (where: 'create' | 'listener'): Rule.RuleModule => ({
    meta: { type: 'problem', schema: [] },
    create() {
      if (where === 'create') throw new Error('no options');
      return {
        Identifier() {
          throw new TypeError('cannot read properties of undefined');
        },
      };
    },
  });
  const withRule = (where: 'create' | 'listener') =>
    createFileLinter({ rules: { boom: crashing(where) } }, {
      'many-first/boom': 'error',
    } satisfies Linter.RulesRecord);

  it.each(['create', 'listener'] as const)('reports a crash in %s with the rule, on each pass', (where) => {
    const report = withRule(where)(root, 'tasks-lib/index.ts');
    expect(report.parseFailed).toBe(false);
    expect(report.exceptions.map(({ pass, rule }) => ({ pass, rule }))).toEqual([
      { pass: 'models', rule: 'many-first/boom' },
      { pass: 'actions', rule: 'many-first/boom' },
    ]);
  });

  it('still counts a file that does not parse as a parse failure', () => {
    expect(withRule('listener')(root, 'tasks-lib/broken.js')).toMatchObject({
      parseFailed: true,
      exceptions: [],
    });
  });
});
