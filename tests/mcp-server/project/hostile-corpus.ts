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
import { ANALYSIS_BUDGETS, type BudgetName } from '../../../mcp-server/project/analysis-budgets.js';

export const HOSTILE_FIXTURE = fileURLToPath(new URL('../../../fixtures/hostile', import.meta.url));

/** Nesting far beyond what TypeScript's parser or a recursive walk survives (both overflow near 1,000). */
const DEEP = 20_000;

export interface HostileFile {
  /** Root-relative path. */
  file: string;
  /** The budget its one diagnostic names; undefined when nothing needs cutting (cycles just stop). */
  budget?: BudgetName;
  /** The ordinary table declared in the same file, after the hostile code (SQL name). */
  neighbour?: string;
}

/** Tables that must be reported whatever the hostile files do (SQL names). */
export const ORDINARY_TABLES = ['users', 'posts'];

export const HOSTILE_FILES: HostileFile[] = [
  { file: 'db/exponential-spreads.ts', budget: 'stepsPerDeclaration', neighbour: 'exps_neighbour' },
  { file: 'db/mutual-recursion.ts', budget: 'callDepth', neighbour: 'ping_pong_neighbour' },
  { file: 'db/string-bomb.ts', budget: 'stringLength', neighbour: 'string_bomb_neighbour' },
  { file: 'db/array-bomb.ts', budget: 'valueSize', neighbour: 'array_bomb_neighbour' },
  { file: 'db/cyclic-reexports.ts', neighbour: 'cyclic_neighbour' },
  { file: 'db/cyclic-reexports-partner.ts' },
  { file: 'db/deep-brackets.ts', budget: 'bracketNesting', neighbour: 'deep_brackets_neighbour' },
  { file: 'db/deep-operators.ts', budget: 'walkDepth', neighbour: 'deep_operators_neighbour' },
  { file: 'db/long-member-chain.ts', budget: 'walkDepth', neighbour: 'long_member_chain_neighbour' },
  { file: 'db/huge-literal.ts', budget: 'valueSize', neighbour: 'huge_literal_neighbour' },
  { file: 'db/too-large.ts', budget: 'fileBytes' },
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
