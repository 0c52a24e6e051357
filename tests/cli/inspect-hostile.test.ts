/**
 * `many-first inspect --json` on the hostile corpus (tests/mcp-server/project/hostile-corpus.ts), run as a
 * user runs it: the CLI in its own process, here with a 1 GB heap so that a runaway analysis fails the test
 * instead of the machine. It must finish, print every ordinary table and one diagnostic per hostile file.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inspection } from '../../mcp-server/index.js';
import {
  corpusProblems,
  createHostileCorpus,
  HOSTILE_FILES,
  type HostileCorpus,
} from '../mcp-server/project/hostile-corpus.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let corpus: HostileCorpus;
let result: { code: number | null; signal: string | null; stdout: string; stderr: string };

function runInspect(root: string): Promise<typeof result> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--max-old-space-size=1024',
        '--import',
        'tsx',
        join(repoRoot, 'cli/bin.ts'),
        'inspect',
        root,
        '--json',
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

beforeAll(async () => {
  corpus = createHostileCorpus();
  result = await runInspect(corpus.root);
}, 240_000);

afterAll(() => corpus?.remove());

describe('inspect --json on the hostile corpus', () => {
  it('finishes within a 1 GB heap and prints its JSON', () => {
    expect(result.signal).toBeNull();
    expect(result.stderr).not.toMatch(/heap out of memory|Maximum call stack/);
    expect(result.code).toBe(0);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
  });

  it('reports every ordinary table and one diagnostic naming its budget per hostile file', () => {
    const inspection = JSON.parse(result.stdout) as Inspection;
    expect(
      corpusProblems(
        inspection.tables.map((table) => table.sqlName),
        inspection.diagnostics,
      ),
    ).toEqual([]);
    expect(inspection.diagnostics.length).toBe(
      HOSTILE_FILES.filter((entry) => entry.budgets.length > 0).length,
    );
  });

  it('says in each diagnostic where and which budget, in words', () => {
    const inspection = JSON.parse(result.stdout) as Inspection;
    const exponential = inspection.diagnostics.find((entry) => entry.file === 'db/exponential-spreads.ts');
    expect(exponential).toEqual({
      file: 'db/exponential-spreads.ts',
      line: 5,
      budget: 'stepsPerDeclaration',
      message:
        "analysis budget exceeded: evaluation steps per declaration (100,000); export 'exps' is unknown",
    });
  });
});
