import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { generateProject, MARKER_FILE, renderProject } from '../../bench/generate.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository (bench/.out is gitignored) so generated code resolves drizzle-orm, zod and next.
const scratch = join(repo, 'bench', '.out', `vitest-generate-${process.pid}`);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

describe('renderProject', () => {
  it('renders the same bytes for the same seed and different ones for another seed', () => {
    const first = renderProject({ tables: 60, seed: 7 });
    const again = renderProject({ tables: 60, seed: 7 });
    const other = renderProject({ tables: 60, seed: 8 });
    expect([...again]).toEqual([...first]);
    expect([...other.keys()].sort()).not.toEqual([...first.keys()].sort());
  });

  it('writes eight schema files holding every table, and a model, action and factory per table', () => {
    const files = renderProject({ tables: 120 });
    const schemaFiles = [...files.keys()].filter((path) => /^src\/lib\/db\/schema\.\w+\.ts$/.test(path));
    expect(schemaFiles).toHaveLength(8);
    const tables = schemaFiles.flatMap((path) => [...files.get(path)!.matchAll(/= pgTable\(\s*'(\w+)'/g)]);
    expect(new Set(tables.map((match) => match[1])).size).toBe(120);

    const models = [...files.keys()].filter((path) => path.startsWith('src/models/') && path.endsWith('.ts'));
    const actions = [...files.keys()].filter(
      (path) => path.startsWith('src/actions/') && path.endsWith('.ts'),
    );
    const factories = [...files.keys()].filter((path) => path.endsWith('.factory.ts'));
    expect([models.length, actions.length, factories.length]).toEqual([120, 120, 120]);
    for (const path of models) expect(files.get(path)).toMatch(/createModelFactory\(db, '\w+', \w+\)/);
    for (const path of actions) {
      const source = files.get(path)!;
      expect(source.startsWith("'use server';\n")).toBe(true);
      expect(source).toContain('success: true as const');
      expect(source).not.toMatch(/\bredirect\(|await import\(|\bdb\./);
    }
  });

  it('uses the shared timestamps group, foreign keys, enums, composite keys and both constraint forms', () => {
    const schema = [...renderProject({ tables: 400, seed: 3 })]
      .filter(([path]) => path.startsWith('src/lib/db/schema.'))
      .map(([, text]) => text)
      .join('\n');
    for (const pattern of [
      /\.\.\.timestamps,/,
      /\.references\(\(\) => \w+\.id, \{ onDelete: 'cascade' \}\)/,
      /= pgEnum\('\w+_status', \[/,
      /primaryKey\(\{ name: '\w+_pkey', columns: \[t\.\w+, t\.\w+\] \}\)/,
      /\(t\) => \(\{\n {4}c0: /,
      /\(t\) => \[\n {4}(index|uniqueIndex|check)\(/,
      /\.references\(\(\): AnyPgColumn => \w+\.id\)/,
      /: text\(\),/,
      /jsonb\('\w+'\)\.\$type<Record<string, unknown>>\(\)/,
    ]) {
      expect(schema).toMatch(pattern);
    }
  });

  it('refuses a table count that is not a positive integer', () => {
    expect(() => renderProject({ tables: 0 })).toThrow(/positive integer/);
    expect(() => renderProject({ tables: 2.5 })).toThrow(/positive integer/);
  });
});

describe('generateProject', () => {
  it('writes 346 files for 100 tables, every TypeScript file free of syntax errors', async () => {
    const dir = join(scratch, 'p100');
    const { files } = await generateProject(dir, { tables: 100 });
    const onDisk = listFiles(dir);
    expect(files).toBe(346);
    expect(onDisk).toHaveLength(346);

    const sources = onDisk.filter((path) => /\.tsx?$/.test(path)).map((path) => join(dir, path));
    const program = ts.createProgram({
      rootNames: sources,
      options: { noResolve: true, noLib: true, jsx: ts.JsxEmit.Preserve, types: [] },
    });
    const diagnostics = program.getSyntacticDiagnostics();
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    expect(sources.length).toBeGreaterThan(330);
  });

  it('replaces a project it generated earlier but refuses any other non-empty directory', async () => {
    const dir = join(scratch, 'rerun');
    await generateProject(dir, { tables: 30 });
    writeFileSync(join(dir, 'stale.txt'), 'left over');
    await generateProject(dir, { tables: 10 });
    expect(listFiles(dir)).not.toContain('stale.txt');
    expect(readFileSync(join(dir, MARKER_FILE), 'utf8')).toContain('10 tables');

    const foreign = join(scratch, 'foreign');
    mkdirSync(foreign, { recursive: true });
    writeFileSync(join(foreign, 'keep.txt'), 'mine');
    await expect(generateProject(foreign, { tables: 5 })).rejects.toThrow(/refusing to overwrite/);
    expect(readFileSync(join(foreign, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('type-checks against the real drizzle-orm, zod and next types', { timeout: 300_000 }, async () => {
    const dir = join(scratch, 'typed');
    await generateProject(dir, { tables: 24, seed: 5 });
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    let errors = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    } catch (error) {
      errors = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(errors).toBe('');
  });
});
