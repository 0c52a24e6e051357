/**
 * The hostile corpus: fixtures/hostile (small hostile schema files, committed) copied into a temporary
 * folder, plus what is too large or too odd to commit, generated here: code nested 20,000 deep three ways,
 * a 6 MB schema file of one huge literal, a file over the size limit and a symlink loop. Every hostile file
 * declares an ordinary table after its hostile code, so "the rest of the file is still answered" is checked
 * file by file. Used by the inspect and MCP tests and by bench/hostile-corpus.ts.
 */
import { cpSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ANALYSIS_BUDGETS,
  budgetTitle,
  type BudgetName,
} from '../../../mcp-server/project/analysis-budgets.js';
import type { Diagnostic } from '../../../mcp-server/project/model.js';

export const HOSTILE_FIXTURE = fileURLToPath(new URL('../../../fixtures/hostile', import.meta.url));

/** Nesting far beyond what TypeScript's parser or a recursive walk survives (both overflow near 1,000). */
const DEEP = 20_000;

export interface HostileFile {
  /** Root-relative path. */
  file: string;
  /**
   * The budgets its one diagnostic may name (the first cut wins: linting, when it runs, comes first); empty
   * when nothing needs cutting (cycles just stop).
   */
  budgets: BudgetName[];
  /** The ordinary table declared in the same file, after the hostile code (SQL name). */
  neighbour?: string;
}

/** Tables that must be reported whatever the hostile files do (SQL names). */
export const ORDINARY_TABLES = ['users', 'posts'];

export const HOSTILE_FILES: HostileFile[] = [
  { file: 'db/exponential-spreads.ts', budgets: ['stepsPerDeclaration'], neighbour: 'exps_neighbour' },
  { file: 'db/mutual-recursion.ts', budgets: ['callDepth'], neighbour: 'ping_pong_neighbour' },
  { file: 'db/string-bomb.ts', budgets: ['stringLength'], neighbour: 'string_bomb_neighbour' },
  { file: 'db/array-bomb.ts', budgets: ['valueSize'], neighbour: 'array_bomb_neighbour' },
  { file: 'db/cyclic-reexports.ts', budgets: [], neighbour: 'cyclic_neighbour' },
  { file: 'db/cyclic-reexports-partner.ts', budgets: [] },
  { file: 'db/deep-brackets.ts', budgets: ['bracketNesting'], neighbour: 'deep_brackets_neighbour' },
  { file: 'db/deep-operators.ts', budgets: ['walkDepth'], neighbour: 'deep_operators_neighbour' },
  { file: 'db/long-member-chain.ts', budgets: ['walkDepth'], neighbour: 'long_member_chain_neighbour' },
  {
    file: 'db/huge-literal.ts',
    budgets: ['lintFileBytes', 'valueSize'],
    neighbour: 'huge_literal_neighbour',
  },
  { file: 'db/too-large.ts', budgets: ['fileBytes'] },
];

/** A schema module: `body`, then an ordinary table named `neighbour`. */
function schemaModule(body: string, neighbour: string): string {
  const binding = neighbour.replace(/_(\w)/g, (_match, letter: string) => letter.toUpperCase());
  return [
    "import { integer, pgTable } from 'drizzle-orm/pg-core';",
    'const x: any = {};',
    body,
    `export const ${binding} = pgTable('${neighbour}', { id: integer('id').primaryKey() });`,
    '',
  ].join('\n');
}

/** The generated files, by root-relative path. */
export function generatedHostileFiles(): Record<string, string> {
  const numbers = Array.from({ length: 800_000 }, (_, index) => String(index % 1000)).join(',');
  return {
    'db/deep-brackets.ts': schemaModule(
      `export const deep = ${'('.repeat(DEEP)}1${')'.repeat(DEEP)};`,
      'deep_brackets_neighbour',
    ),
    'db/deep-operators.ts': schemaModule(
      `export const deep = ${'!'.repeat(DEEP)}x;`,
      'deep_operators_neighbour',
    ),
    'db/long-member-chain.ts': schemaModule(
      `export const deep = x${'.a'.repeat(DEEP)};`,
      'long_member_chain_neighbour',
    ),
    'db/huge-literal.ts': schemaModule(`export const huge = [${numbers}];`, 'huge_literal_neighbour'),
    'db/too-large.ts': `// ${'x'.repeat(ANALYSIS_BUDGETS.fileBytes)}\nexport const big = 1;\n`,
  };
}

export interface HostileCorpus {
  /** The real path of the project root. */
  root: string;
  remove(): void;
}

export function createHostileCorpus(): HostileCorpus {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'many-first-hostile-')));
  const root = join(base, 'project');
  cpSync(HOSTILE_FIXTURE, root, { recursive: true });
  for (const [file, content] of Object.entries(generatedHostileFiles()))
    writeFileSync(join(root, file), content);
  // A folder that contains itself: a walk that follows it never ends.
  symlinkSync('.', join(root, 'db', 'loop'));
  symlinkSync(root, join(root, 'db', 'root-again'));
  return { root, remove: () => rmSync(base, { recursive: true, force: true }) };
}

/** Every table the corpus must report: the ordinary ones and each hostile file's neighbour. */
export const EXPECTED_TABLES = [
  ...ORDINARY_TABLES,
  ...HOSTILE_FILES.flatMap((entry) => (entry.neighbour === undefined ? [] : [entry.neighbour])),
];

/**
 * Whether a diagnostic names a budget: its `budget` field, or (where a schema left the field out, as the
 * MCP tools' output does) the words of its message.
 */
function names(diagnostic: Diagnostic, budget: BudgetName): boolean {
  if (diagnostic.budget !== undefined) return diagnostic.budget === budget;
  if (budget === 'fileBytes') return diagnostic.message.includes('(maxFileBytes)');
  return diagnostic.message.startsWith(`analysis budget exceeded: ${budgetTitle(budget)} (`);
}

/**
 * What is wrong with an answer on the corpus, as readable lines (empty when it is right): a table missing,
 * or a hostile file without exactly one diagnostic naming one of its budgets, or a diagnostic elsewhere.
 */
export function corpusProblems(
  tableSqlNames: readonly string[],
  diagnostics: readonly Diagnostic[],
): string[] {
  const problems: string[] = [];
  for (const table of EXPECTED_TABLES)
    if (!tableSqlNames.includes(table)) problems.push(`table '${table}' missing`);
  for (const { file, budgets } of HOSTILE_FILES) {
    const own = diagnostics.filter((diagnostic) => diagnostic.file === file);
    if (budgets.length === 0 && own.length > 0) problems.push(`${file}: unexpected ${JSON.stringify(own)}`);
    if (budgets.length > 0 && (own.length !== 1 || !budgets.some((budget) => names(own[0]!, budget))))
      problems.push(
        `${file}: expected one diagnostic naming ${budgets.join(' or ')}, got ${JSON.stringify(own)}`,
      );
  }
  const hostile = new Set(HOSTILE_FILES.map((entry) => entry.file));
  for (const diagnostic of diagnostics)
    if (!hostile.has(diagnostic.file))
      problems.push(`diagnostic outside the hostile files: ${JSON.stringify(diagnostic)}`);
  return problems;
}
