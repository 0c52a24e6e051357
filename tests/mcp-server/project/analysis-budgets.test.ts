/**
 * The analysis budgets one by one, on inline sources: each pathological construct is cut where its budget
 * says, with one diagnostic naming file, line and budget, and the ordinary tables of the same file are
 * still extracted. The whole corpus, through the CLI and the server, is in hostile-*.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  ANALYSIS_BUDGETS,
  DiagnosticCollector,
  firstCutPerFile,
} from '../../../mcp-server/project/analysis-budgets.js';
import { collectFileFacts, pathOf } from '../../../mcp-server/project/file-facts.js';
import { parseSource, parseSourceBounded } from '../../../mcp-server/project/parse.js';
import { inMemoryProject, source } from './in-memory.js';
import { ts } from 'ts-morph';

const FILE = 'src/lib/db/schema.ts';

/** A schema module: `body` between two ordinary tables. */
function schemaWith(...body: string[]) {
  return inMemoryProject({
    [FILE]: source(
      "import { integer, pgTable, text } from 'drizzle-orm/pg-core';",
      "export const before = pgTable('before', { id: integer('id').primaryKey() });",
      ...body,
      "export const after = pgTable('after', { id: integer('id').primaryKey(), name: text('name') });",
    ),
  }).schema();
}

describe('evaluation budgets', () => {
  it('cuts exponential recursion through spreads at the step budget, keeping the neighbours', () => {
    const { tables, diagnostics } = schemaWith(
      'function cols(n: number): Record<string, unknown> {',
      "  return n === 0 ? { id: integer('id') } : { ...cols(n - 1), ...cols(n - 1) };",
      '}',
      "export const exps = pgTable('exps', { ...cols(40), name: text('name') });",
    );
    expect(tables.map((table) => table.sqlName)).toEqual(['before', 'after']);
    expect(diagnostics).toEqual([
      {
        file: FILE,
        line: 4,
        budget: 'stepsPerDeclaration',
        message:
          "analysis budget exceeded: evaluation steps per declaration (100,000); export 'exps' is unknown",
      },
    ]);
  });

  it('lets a spread helper that stays within the budget through', () => {
    const { tables, diagnostics } = schemaWith(
      'function cols(n: number): Record<string, unknown> {',
      "  return n === 0 ? { id: integer('id') } : { ...cols(n - 1), [`c${n}`]: text() };",
      '}',
      "export const wide = pgTable('wide', { ...cols(20) });",
    );
    expect(diagnostics).toEqual([]);
    expect(tables.find((table) => table.sqlName === 'wide')?.columns).toHaveLength(21);
  });

  it("stops a file's evaluation at the file budget when many declarations each stay within theirs", () => {
    const declarations = Array.from(
      { length: 12 },
      (_, n) => `export const t${n} = pgTable('t${n}', { ...cols(11) });`,
    );
    const { tables, diagnostics } = schemaWith(
      'function cols(n: number): Record<string, unknown> {',
      "  return n === 0 ? { id: integer('id') } : { ...cols(n - 1), ...cols(n - 1) };",
      '}',
      ...declarations,
    );
    expect(diagnostics.map((entry) => entry.budget)).toEqual(['stepsPerFile']);
    expect(tables.length).toBeGreaterThan(2);
    expect(tables.length).toBeLessThan(14);
    expect(tables.map((table) => table.sqlName)).toContain('t0');
  });

  it('cuts mutual recursion at the call depth, once, and says nothing about the unknowns it leaves', () => {
    const { tables, diagnostics } = schemaWith(
      'const ping = (n: number): Record<string, unknown> => ({ ...pong(n + 1) });',
      'const pong = (n: number): Record<string, unknown> => ({ ...ping(n + 1), [`c${n}`]: integer() });',
      "export const pingPong = pgTable('ping_pong', { id: integer('id'), ...ping(0) });",
    );
    expect(tables.map((table) => table.sqlName)).toEqual(['before', 'ping_pong', 'after']);
    expect(diagnostics.map((entry) => [entry.line, entry.budget])).toEqual([[4, 'callDepth']]);
  });

  it('cuts a string past its length budget and an array past its size budget', () => {
    const { tables, diagnostics } = schemaWith(
      'const twice = (s: string, n: number): string => (n === 0 ? s : twice(s + s, n - 1));',
      "export const long = pgTable(twice('x', 20), { id: integer('id') });",
    );
    expect(tables.map((table) => table.sqlName)).toEqual(['before', 'after']);
    expect(diagnostics.map((entry) => entry.budget)).toEqual(['stringLength']);

    const arrays = schemaWith(
      'const wide = (a: string[], n: number): string[] => (n === 0 ? a : wide([...a, ...a], n - 1));',
      "export const moods = pgTable('moods', { mood: text({ enum: wide(['a'], 20) }) });",
    );
    expect(arrays.tables.map((table) => table.sqlName)).toEqual(['before', 'moods', 'after']);
    expect(arrays.diagnostics.map((entry) => entry.budget)).toEqual(['valueSize']);
  });

  it('gives up on an expression nested deeper than its budget, alone', () => {
    const depth = ANALYSIS_BUDGETS.expressionDepth + 10;
    const { tables, diagnostics } = schemaWith(`export const deep = ${'- '.repeat(depth)}1;`);
    expect(tables.map((table) => table.sqlName)).toEqual(['before', 'after']);
    expect(diagnostics.map((entry) => [entry.line, entry.budget])).toEqual([[3, 'expressionDepth']]);
  });
});

describe('syntax depth', () => {
  it('parses a file nested 20,000 brackets deep by blanking the deep part, keeping lines true', () => {
    const text = [
      'export const before = 1;',
      `export const deep = ${'('.repeat(20_000)}1${')'.repeat(20_000)};`,
      'export const after = 2;',
    ].join('\n');
    expect(() => parseSource('a.ts', text)).toThrow(RangeError);
    const { sourceFile, blanked } = parseSourceBounded('a.ts', text);
    expect(blanked).toEqual({ line: 2, budget: 'bracketNesting' });
    const last = sourceFile.statements[sourceFile.statements.length - 1]!;
    expect(last.getText(sourceFile)).toBe('export const after = 2;');
    expect(ts.getLineAndCharacterOfPosition(sourceFile, last.getStart(sourceFile)).line).toBe(2);
  });

  it('blanks a statement nested deep without brackets when nothing else helps', () => {
    const text = ['export const deep = ' + '!'.repeat(20_000) + 'x;', 'export const after = 2;'].join('\n');
    const { sourceFile, blanked } = parseSourceBounded('a.ts', text);
    expect(blanked).toEqual({ line: 1, budget: 'walkDepth' });
    expect(sourceFile.statements.at(-1)!.getText(sourceFile)).toBe('export const after = 2;');
  });

  it('stops the fact walk at its depth budget and records where, instead of overflowing', () => {
    const text = `export const deep = x${'.a'.repeat(20_000)};\nexport const after = 1;\n`;
    const facts = collectFileFacts(parseSource('a.ts', text), { resolve: () => undefined });
    expect(facts.walkCutLine).toBe(1);
    expect([...facts.declarations.keys()]).toEqual(['deep', 'after']);
  });

  it('reads a member chain of any length without recursion', () => {
    const chain = `x${'.a'.repeat(20_000)}`;
    const statement = parseSource('a.ts', `${chain};`).statements[0] as ts.ExpressionStatement;
    expect(pathOf(statement.expression)).toHaveLength(20_001);
  });
});

describe('diagnostics per file', () => {
  it('keeps the first ones of each file and counts the rest in one more', () => {
    const collector = new DiagnosticCollector();
    for (let line = 1; line <= 1_000; line++) collector.push({ file: 'a.ts', line, message: 'noise' });
    collector.push({ file: 'b.ts', line: 1, message: 'one' });
    collector.push({ file: 'b.ts', line: 1, message: 'one' });
    const list = collector.list();
    expect(list.filter((entry) => entry.file === 'a.ts')).toHaveLength(
      ANALYSIS_BUDGETS.diagnosticsPerFile + 1,
    );
    expect(list.at(-1)).toMatchObject({
      file: 'a.ts',
      budget: 'diagnosticsPerFile',
      message: expect.stringContaining('980 more diagnostics'),
    });
    expect(list.filter((entry) => entry.file === 'b.ts')).toHaveLength(1);
  });

  it('reports the first budget cut of a file only', () => {
    expect(
      firstCutPerFile([
        { file: 'a.ts', line: 1, message: 'syntax error' },
        { file: 'a.ts', line: 2, message: 'cut', budget: 'walkDepth' },
        { file: 'a.ts', line: 3, message: 'cut again', budget: 'expressionDepth' },
        { file: 'b.ts', line: 3, message: 'cut', budget: 'callDepth' },
      ]).map((entry) => entry.message),
    ).toEqual(['syntax error', 'cut', 'cut']);
  });
});
