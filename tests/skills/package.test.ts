import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readSkillDocs, repoRoot } from './skill-bundle.js';

interface PackResult {
  files: Array<{ path: string }>;
}

describe('the npm package', () => {
  it('ships the whole skill: SKILL.md, every reference and the README at the door', () => {
    // --ignore-scripts: packing must not run `prepare` (a full build) just to list the files.
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [result] = JSON.parse(output) as PackResult[];
    const packed = new Set(result!.files.map((file) => file.path));
    const expected = [
      'skills/README.md',
      ...readSkillDocs().map((doc) => `skills/backend-developer/${doc.path}`),
    ];
    expect(expected).toContain('skills/backend-developer/SKILL.md');
    expect(expected.filter((path) => !packed.has(path))).toEqual([]);
  }, 120_000);
});
