/**
 * The built package as a project installs it, with its node_modules changed the way a user's can differ from
 * ours (ESLint missing, TypeScript 7 hoisted), beside a copy of fixtures/app, both outside the repository so
 * no folder above can supply what was taken away.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oxlintConfigFor, OXLINT_CONFIG_FILE } from '../../cli/init/oxlint-config.js';
import plugin from '../../eslint-plugin/index.js';
import { run } from '../mcp-server/e2e/processes.js';
import { REPO_ROOT } from '../mcp-server/server/projects.js';
import { builtPackage } from './built-package.js';

export interface InstalledCopy {
  /** The folder holding both; remove it when done. */
  work: string;
  /** The package's node_modules, as `adjust` left it. */
  nodeModules: string;
  /** dist/cli/bin.js of the copy. */
  bin: string;
  /** The copy of fixtures/app. */
  project: string;
}

/** `name` tells the copies of one run apart; `adjust` changes the copy's node_modules. */
export async function installedCopy(
  name: string,
  adjust: (nodeModules: string) => void,
): Promise<InstalledCopy> {
  const built = await builtPackage();
  const work = join(built.dir, '..', name);
  rmSync(work, { recursive: true, force: true });
  const dir = join(work, 'many-first');
  mkdirSync(dir, { recursive: true });
  cpSync(join(built.dir, 'package.json'), join(dir, 'package.json'));
  cpSync(join(built.dir, 'dist'), join(dir, 'dist'), { recursive: true });
  cpSync(join(REPO_ROOT, 'skills'), join(dir, 'skills'), { recursive: true });
  // Hard links (fast, no copy), not a symlink: Node resolves a symlinked package from its real path, which
  // would be the repository's node_modules, with everything `adjust` took away.
  const nodeModules = join(dir, 'node_modules');
  execFileSync('cp', ['-al', join(REPO_ROOT, 'node_modules'), nodeModules]);
  adjust(nodeModules);
  const project = join(work, 'app');
  cpSync(join(REPO_ROOT, 'fixtures/app'), project, {
    recursive: true,
    filter: (source) => !/[\\/](?:node_modules|\.pglite)$/.test(source),
  });
  return { work, nodeModules, bin: join(dir, 'dist/cli/bin.js'), project };
}

/**
 * Runs oxlint from the repository on a copy of the no-db-in-server-actions violations, inside `work`, with the
 * config `init` writes pointing at the installed package's plugin. Returns oxlint's stderr and the codes of
 * what it reported.
 */
export async function oxlintOnViolations(
  work: string,
  env: NodeJS.ProcessEnv,
): Promise<{ stderr: string; codes: string[] }> {
  const violations = join(work, 'violations');
  cpSync(join(REPO_ROOT, 'fixtures/violations/no-db-in-server-actions'), violations, { recursive: true });
  const config = oxlintConfigFor(
    plugin.configsFor(violations).recommended,
    join(work, 'many-first/dist/eslint-plugin/index.js'),
  );
  writeFileSync(join(violations, OXLINT_CONFIG_FILE), JSON.stringify(config));
  const oxlint = await run(join(REPO_ROOT, 'node_modules/.bin/oxlint'), ['--format', 'json', '.'], {
    cwd: violations,
    env,
    timeoutMs: 120_000,
  });
  const { diagnostics } = JSON.parse(oxlint.stdout) as { diagnostics: { code?: string }[] };
  return {
    stderr: oxlint.stderr,
    codes: diagnostics.flatMap(({ code }) => (code === undefined ? [] : [code])),
  };
}
