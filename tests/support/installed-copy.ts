/**
 * The built package as a project installs it, with its node_modules changed the way a user's can differ from
 * ours (ESLint missing, TypeScript 7 hoisted), beside a copy of fixtures/app, both outside the repository so
 * no folder above can supply what was taken away.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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
