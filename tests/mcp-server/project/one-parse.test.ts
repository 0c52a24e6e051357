/**
 * One parse per file (issue 10): with `findings`, the index runs the convention rules on each application
 * file from the tree its analysis parsed, so every file is parsed once for both; the findings are the
 * same as linting each file's text afresh. Parses are counted where they happen: the analysis's
 * `parseSource` and the parser ESLint calls.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { applicationFileMatcher } from '../../../conventions/index.js';
import { lintParseCounts } from '../../../mcp-server/project/lint-tree.js';
import { parseCounts } from '../../../mcp-server/project/parse.js';
import { closeAllProjects, openProject } from '../../../mcp-server/project/project-index.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url));

afterEach(() => closeAllProjects());

/** How many times each file was parsed since `before`. */
function parsesSince(before: ReadonlyMap<string, number>, files: readonly string[]): Map<string, number> {
  const now = parseCounts();
  return new Map(files.map((file) => [file, (now.get(file) ?? 0) - (before.get(file) ?? 0)]));
}

async function inspect(root: string, findings: boolean) {
  const parsesBefore = parseCounts();
  const lintBefore = lintParseCounts();
  const project = await openProject(root, { watch: false, findings });
  const result = await project.checkConventions();
  const lintAfter = lintParseCounts();
  const isApplication = applicationFileMatcher(project.layout.conventions);
  const typescriptApplicationFiles = project.fileList.filter(
    (file) => isApplication(file) && /\.[cm]?tsx?$/.test(file),
  );
  const counts = {
    files: project.fileList.length,
    analysisParses: parsesSince(parsesBefore, project.fileList),
    handedOver: lintAfter.handedOver - lintBefore.handedOver,
    parsedAgain: lintAfter.parsedAgain - lintBefore.parsedAgain,
    typescriptApplicationFiles: typescriptApplicationFiles.length,
  };
  closeAllProjects();
  return { findings: result, counts };
}

describe('one parse per file', () => {
  it.each([
    ['app', false],
    ['flat-app-violations', true],
    ['violations/no-db-in-server-actions', true],
  ] as const)(
    'lints %s from the trees the analysis parsed, with the findings of a second parse',
    async (name, hasRuleFindings) => {
      const root = fixture(name);
      const shared = await inspect(root, true);
      expect(shared.counts.typescriptApplicationFiles).toBeGreaterThan(0);
      // Each file parsed once, by the analysis; ESLint converted those trees and parsed nothing itself.
      // drizzle.config.ts is also read on its own, for the settings, before the files are discovered.
      const parses = [...shared.counts.analysisParses].filter(
        ([file]) => !file.startsWith('drizzle.config.'),
      );
      expect(parses.length).toBeGreaterThan(0);
      expect(parses.filter(([, count]) => count !== 1)).toEqual([]);
      expect(shared.counts.handedOver).toBe(shared.counts.typescriptApplicationFiles);
      expect(shared.counts.parsedAgain).toBe(0);

      const again = await inspect(root, false);
      // Without `findings`, checkConventions reads and parses every application file a second time.
      expect(again.counts.parsedAgain).toBe(again.counts.typescriptApplicationFiles);
      expect(again.counts.handedOver).toBe(0);
      expect(shared.findings).toEqual(again.findings);
      const ruleFindings = shared.findings.filter((finding) => finding.rule.startsWith('many-first/'));
      expect(ruleFindings.length > 0).toBe(hasRuleFindings);
    },
    120_000,
  );

  it('parses and lints nothing again while nothing changed', async () => {
    const root = fixture('violations/no-db-in-server-actions');
    const project = await openProject(root, { watch: false, findings: true });
    const first = await project.checkConventions();
    expect(first.some((finding) => finding.rule === 'many-first/no-db-in-server-actions')).toBe(true);
    // Nothing changed: the next call lints nothing and parses nothing.
    const parsesBefore = parseCounts();
    const lintBefore = lintParseCounts();
    expect(await project.checkConventions()).toEqual(first);
    expect(parseCounts()).toEqual(parsesBefore);
    expect(lintParseCounts()).toEqual(lintBefore);
  }, 120_000);
});
