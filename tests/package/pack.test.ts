// What `npm pack` would publish, from npm's own file list (`npm pack --dry-run --json`): the build, the
// skill, the rule docs and the legal and descriptive files; never tests, fixtures, benchmarks, sources or
// source maps (which would point at .ts files the package does not ship). Needs the build in dist/
// (`npm run build`, which `npm ci` runs through `prepare`).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface PackResult {
  files: { path: string }[];
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
let files: string[] = [];

beforeAll(() => {
  expect(existsSync(join(REPO_ROOT, 'dist/cli/bin.js')), 'no build in dist/: run `npm run build`').toBe(true);
  // --ignore-scripts: `prepare` would rebuild; the list is what matters here.
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  files = (JSON.parse(output) as PackResult[])[0]!.files.map((file) => file.path).sort();
}, 120_000);

describe('the published tarball', () => {
  it('holds the entry points, the binary, the skill, the rule docs, README, LICENSE and package.json', () => {
    for (const path of [
      'LICENSE',
      'README.md',
      'package.json',
      'dist/cli/bin.js',
      'dist/eslint-plugin/index.js',
      'dist/eslint-plugin/index.d.ts',
      'dist/model-factory/index.js',
      'dist/mcp-server/index.js',
      'skills/backend-developer/SKILL.md',
    ]) {
      expect(files, path).toContain(path);
    }
    expect(files.filter((path) => /^docs\/rules\/[a-z-]+\.md$/.test(path)).length).toBeGreaterThanOrEqual(5);
  });

  it('has no tests, fixtures, benchmarks, TypeScript sources or source maps', () => {
    const unwanted = files.filter(
      (path) =>
        /^(?:tests|fixtures|bench|node_modules|\.ci|coverage)\//.test(path) ||
        /(?<!\.d)\.[cm]?tsx?$/.test(path) ||
        path.endsWith('.map') ||
        path.endsWith('.tsbuildinfo'),
    );
    expect(unwanted).toEqual([]);
    // Everything is under the folders `files` names, or one of npm's always-included files.
    expect(
      files.filter(
        (path) =>
          !/^(?:dist|skills|docs)\//.test(path) && !['LICENSE', 'README.md', 'package.json'].includes(path),
      ),
    ).toEqual([]);
  });

  it('says where it comes from: license, repository, homepage, bugs, keywords', () => {
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(manifest.repository).toMatchObject({
      type: 'git',
      url: expect.stringMatching(/^git\+https:\/\//),
    });
    expect(manifest.homepage).toEqual(expect.stringMatching(/^https:\/\//));
    expect(manifest.bugs).toMatchObject({ url: expect.stringMatching(/^https:\/\/.*\/issues$/) });
    expect(manifest.keywords).toEqual(expect.arrayContaining(['eslint-plugin', 'drizzle', 'mcp', 'oxlint']));
  });

  it('accepts ESLint 9 and 10 as its optional peer', () => {
    expect(manifest.peerDependencies).toMatchObject({ eslint: '^9.0.0 || ^10.0.0' });
    expect(manifest.peerDependenciesMeta).toMatchObject({ eslint: { optional: true } });
  });
});
