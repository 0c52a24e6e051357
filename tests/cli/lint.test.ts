import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEslint } from '../../cli/commands/lint.js';
import { builtPackage, type BuiltPackage } from '../support/built-package.js';
import { CliError } from '../../cli/io.js';
import { PACKAGE_JSON, runCli, TempProjects, violatingActions } from './support.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const projects = new TempProjects('many-first-lint-');
afterEach(() => projects.removeAll());

const project = (files: Record<string, string>) => projects.create({ ...PACKAGE_JSON, ...files });
const lint = (cwd: string, ...args: string[]) => runCli(['lint', ...args], cwd);

/** A small project that follows every convention: schema, model, action and a page. */
const CLEAN: Record<string, string> = {
  'src/lib/db/schema.tags.ts': `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';

export const tags = pgTable('tags', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
});
`,
  'src/lib/db/index.ts': `import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from './schema.tags';

export const db = drizzle(process.env.DATABASE_URL!, { schema });
`,
  'src/models/tags.ts': `import { inArray } from 'drizzle-orm';
import { db } from '@/lib/db';
import { tags } from '@/lib/db/schema.tags';
import { createModelFactory } from '@/lib/models';

const { insert, select, update, delete: deleteOp } = createModelFactory(db, 'tags', tags);

export const insertTags = insert;
export const selectTags = select;
export const updateTags = update;
export const deleteTags = deleteOp;

export async function selectTagsByIds(ids: string[]) {
  return selectTags([inArray(tags.id, ids)]);
}
`,
  'src/actions/tags.ts': `'use server';

import { eq } from 'drizzle-orm';
import { tags } from '@/lib/db/schema.tags';
import { insertTags, updateTags } from '@/models/tags';

export async function createTag(data: { name: string }) {
  try {
    const [tag] = await insertTags([data]);
    return { success: true, tag };
  } catch {
    return { success: false, error: 'Could not create the tag' };
  }
}

export async function renameTag(id: string, name: string) {
  const [tag] = await updateTags([eq(tags.id, id)], { name });
  return tag === undefined ? { success: false, error: 'Not found' } : { success: true, tag };
}
`,
  'src/app/tags/page.tsx': `import { redirect } from 'next/navigation';
import { selectTags } from '@/models/tags';

export default async function TagsPage() {
  const rows = await selectTags([]);
  if (rows.length === 0) redirect('/tags/new');
  return <ul>{rows.map((tag) => <li key={tag.id}>{tag.name}</li>)}</ul>;
}
`,
};

/** One violation of each recommended rule, written the way real apps write them. */
const VIOLATIONS: Record<string, string> = {
  ...CLEAN,
  ...violatingActions('@/lib/db/schema.tags'),
  'src/models/tag-helpers.ts': `import { eq } from 'drizzle-orm';
import { tags } from '@/lib/db/schema.tags';
import { updateTags } from '@/models/tags';

export async function updateTag(id: string, name: string) {
  const [tag] = await updateTags([eq(tags.id, id)], { name });
  return tag;
}
`,
};

const RECOMMENDED_RULES = [
  'many-first/no-db-in-server-actions',
  'many-first/no-dynamic-imports',
  'many-first/no-redirect-in-server-actions',
  'many-first/no-single-record-wrappers',
  'many-first/require-use-server',
];

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; severity: number }[];
}

function findings(json: string, root: string): string[] {
  return (JSON.parse(json) as JsonResult[])
    .flatMap((result) =>
      result.messages.map(
        (message) => `${result.filePath.slice(root.length + 1)}:${message.line} ${message.ruleId}`,
      ),
    )
    .sort();
}

describe('many-first lint', () => {
  it('reports nothing on a project that follows the conventions, says what it covered, and exits 0', async () => {
    const dir = project(CLEAN);
    const result = await lint(dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      "many-first lint: no problems; 5 files linted; server actions: 1 'use server' module; data access: 1 module; database client: src/lib/db/index.ts\n",
    );
    expect(result.code).toBe(0);
  });

  it('prints the stylish report for every rule and exits 1 when there are errors', async () => {
    const dir = project(VIOLATIONS);
    const result = await lint(repoRoot, dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(join(dir, 'src/actions/checkout.ts'));
    for (const rule of RECOMMENDED_RULES) expect(result.stdout).toContain(rule);
    expect(result.stdout).toMatch(/✖ 5 problems \(5 errors, 0 warnings\)/);
    // Plain text when the output is not a terminal.
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('lints the current directory when no directory is given, and --format json gives the findings', async () => {
    const dir = project(VIOLATIONS);
    const result = await lint(dir, '--format', 'json');
    expect(result.code).toBe(1);
    expect(findings(result.stdout, dir)).toEqual([
      'src/actions/archive.ts:1 many-first/require-use-server',
      'src/actions/checkout.ts:11 many-first/no-redirect-in-server-actions',
      'src/actions/checkout.ts:8 many-first/no-db-in-server-actions',
      'src/actions/checkout.ts:9 many-first/no-dynamic-imports',
      'src/models/tag-helpers.ts:5 many-first/no-single-record-wrappers',
    ]);
  });

  it("leaves the project's own eslint.config.js out: its rules and its problems never change the report", async () => {
    const dir = project({
      ...VIOLATIONS,
      'eslint.config.js': `export default [{ files: ['**/*.js'], rules: { 'no-debugger': 'error' } }];\n`,
      'scripts/seed.js': 'debugger;\n',
    });
    const result = await lint(dir, '--format', 'json');
    expect(result.code).toBe(1);
    const found = findings(result.stdout, dir);
    expect(found.filter((line) => !line.includes(' many-first/'))).toEqual([]);
    expect(found).toHaveLength(5);
  });

  it('stays green on a clean app whose disable comments name plugins it does not load, and says so in one line', async () => {
    const dir = project({
      ...CLEAN,
      'eslint.config.js': `export default [{ rules: { 'nope/rule': 'error' } }];\n`,
      'src/components/avatar.tsx': `export function Avatar({ src }: { src: string }) {
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={src} alt="" />;
}
`,
      'src/components/clock.tsx': `'use client';
import { useEffect, useState } from 'react';

export function Clock({ zone }: { zone: string }) {
  const [now, setNow] = useState('');
  useEffect(() => {
    setNow(new Date().toLocaleString('en', { timeZone: zone }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <time>{now}</time>;
}
`,
    });
    const result = await lint(dir);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter((line) => line !== '')).toEqual([
      "many-first lint: 2 messages about rules this run does not load left out (@next/next/no-img-element, react-hooks/exhaustive-deps); `npx eslint .` reports them with the project's own config",
      expect.stringMatching(/^many-first lint: no problems; 7 files linted;/),
    ]);
  });

  it('keeps its findings in front of unknown-rule messages, and exits by its own findings', async () => {
    const dir = project({
      ...VIOLATIONS,
      'src/lib/legacy.ts': '// eslint-disable-next-line import/no-cycle\nexport const legacy = 1;\n',
    });
    const result = await lint(dir, '--format', 'json');
    expect(result.code).toBe(1);
    expect(findings(result.stdout, dir)).toHaveLength(5);
    expect(result.stderr).toMatch(
      /^many-first lint: 1 message about rules this run does not load left out \(import\/no-cycle\)/,
    );
  });

  it('warns when a configured path matches no file', async () => {
    const dir = project({
      ...CLEAN,
      'many-first.config.json': JSON.stringify({ models: ['lib/models/**/*.ts'] }),
    });
    const result = await lint(dir);
    expect(result.stdout).toContain(
      "many-first lint: warning: many-first.config.json 'models' glob 'lib/models/**/*.ts' matches no file\n",
    );
  });

  it("follows the project's conventions: a custom actions folder gets the server-action rules", async () => {
    const dir = project({
      ...CLEAN,
      'many-first.config.json': JSON.stringify({ actions: ['app/server/**/*.ts'] }),
      'app/server/orders.ts': `export async function placeOrder() {\n  return { success: true };\n}\n`,
    });
    const result = await lint(dir, '--format', 'json');
    expect(findings(result.stdout, dir)).toEqual(['app/server/orders.ts:1 many-first/require-use-server']);
    expect(result.code).toBe(1);
  });

  it('ignores build output when the project has no config of its own', async () => {
    const dir = project({ ...CLEAN, '.next/server/chunk.js': 'const x = await import("./y");\n' });
    const result = await lint(dir);
    expect(result.code).toBe(0);
  });

  it('leaves a file over the lint size budget out, as inspect does, and says so in one line', async () => {
    // A generated literal over 1 MB, with a violation ESLint would report if it parsed the file.
    const huge = `const data = ${JSON.stringify('x'.repeat(1_100_000))};\nexport const lazy = () => import(data);\n`;
    const dir = project({ ...CLEAN, 'src/lib/generated.ts': huge });
    const result = await lint(dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('many-first lint: 1 file over 1 MB not linted (src/lib/generated.ts)\n');
    expect(result.stdout).not.toContain('no-dynamic-imports');
  });

  it('says in one line that a directory is missing or is a file, with exit code 2', async () => {
    const dir = project(CLEAN);
    const missing = await lint(dir, 'no-such-dir');
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe("many-first lint: project directory 'no-such-dir' does not exist\n");

    const file = await lint(dir, 'package.json');
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/^many-first lint: 'package\.json' is not a directory[^\n]*\n$/);
  });

  it('never fails on a broken eslint.config.js of the project, which it does not load', async () => {
    const dir = project({ ...CLEAN, 'eslint.config.js': 'export default [ { rules: \n' });
    const result = await lint(dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^many-first lint: no problems; 5 files linted;/);
  });

  it('says in one line that many-first.config.json is malformed, with exit code 2', async () => {
    const dir = project({ ...CLEAN, 'many-first.config.json': '{ "actoins": ["src/**"] }' });
    const result = await lint(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^many-first lint: many-first\.config\.json: [^\n]*actoins[^\n]*\n$/);
  });

  it('rejects an unknown formatter, extra directories and unknown options as usage errors', async () => {
    const dir = project(CLEAN);
    const formatter = await lint(dir, '--format', 'no-such-formatter');
    expect(formatter.code).toBe(2);
    expect(formatter.stderr).toMatch(/^many-first lint: unknown formatter 'no-such-formatter'/);
    expect((await lint(dir, 'a', 'b')).stderr).toBe(
      'many-first lint: expected at most one project directory, got 2\n',
    );
    expect(await lint(dir, '--fxi')).toEqual({
      code: 2,
      stdout: '',
      stderr: "many-first lint: unknown option '--fxi'; the options are --format, --help\n",
    });
    const fix = await lint(dir, '--fix');
    expect(fix.code).toBe(2);
    expect(fix.stderr).toMatch(
      /^many-first lint: --fix is not supported: [^\n]*npx eslint --fix \.[^\n]*\n$/,
    );
  });

  it('explains how to install ESLint when it cannot be found', async () => {
    const nowhere = projects.create({});
    const attempt = loadEslint([nowhere]);
    await expect(attempt).rejects.toBeInstanceOf(CliError);
    await expect(attempt).rejects.toThrow(
      'needs ESLint 9 or 10, which is not installed; add it to the project: npm install --save-dev eslint',
    );
  });
});

describe('many-first lint from the built binary', () => {
  let built: BuiltPackage;

  beforeAll(async () => {
    built = await builtPackage();
  }, 300_000);

  it('lints a project, exits 1 on errors and 2 for a missing directory', () => {
    const dir = project(VIOLATIONS);
    const run = spawnSync(process.execPath, [built.bin, 'lint', dir], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    for (const rule of RECOMMENDED_RULES) expect(run.stdout).toContain(rule);

    const missing = spawnSync(process.execPath, [built.bin, 'lint', join(dir, 'gone')], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });

  it("keeps the project's own registration of the plugin (many-first/eslint-plugin from dist/)", async () => {
    const entry = pathToFileURL(join(built.dir, 'dist/eslint-plugin/index.js')).href;
    const dir = project({
      ...VIOLATIONS,
      'eslint.config.js': `import manyFirst from '${entry}';\n\nexport default [...manyFirst.configs.recommended];\n`,
    });
    // Through the sources (another copy of the plugin than the config's) and through the binary (the same).
    const fromSources = await lint(dir, '--format', 'json');
    const fromBinary = spawnSync(process.execPath, [built.bin, 'lint', dir, '--format', 'json'], {
      encoding: 'utf8',
    });
    for (const run of [fromSources, { code: fromBinary.status, stdout: fromBinary.stdout }]) {
      expect(run.code).toBe(1);
      expect(findings(run.stdout, dir)).toHaveLength(5);
    }
  });
});
