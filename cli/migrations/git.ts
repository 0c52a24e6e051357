/**
 * The git questions reconcile asks, answered by the `git` command: which revisions exist, a file's text at
 * one of them, whether the migrations folder has uncommitted changes, and where a backup may go.
 */
import { execFileSync } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { CliError } from '../io.js';

export interface GitRepository {
  /** The project root, which git commands run in; paths below are relative to it. */
  root: string;
  /** The commit a revision names, or undefined when it names none. */
  commitOf(revision: string): string | undefined;
  /** A root-relative file's text at a revision, or undefined when it has no such file. */
  show(revision: string, file: string): string | undefined;
  /** `git status --porcelain` lines for a root-relative folder. */
  changesIn(folder: string): string[];
  /** Whether a merge is in progress (MERGE_HEAD exists). */
  merging(): boolean;
  /** The repository's git directory, absolute. */
  gitDir: string;
}

function git(root: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** The repository the project lives in; a clear error when there is none or git is missing. */
export function openRepository(root: string): GitRepository {
  let gitDir: string;
  try {
    gitDir = git(root, ['rev-parse', '--git-dir']).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new CliError('reconcile reads the base branch with git, and git is not installed');
    throw new CliError(`${root} is not in a git repository; reconcile reads the base branch with git`);
  }
  const commitOf = (revision: string) => {
    try {
      return git(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]).trim() || undefined;
    } catch {
      return undefined;
    }
  };
  return {
    root,
    gitDir: isAbsolute(gitDir) ? gitDir : join(root, gitDir),
    commitOf,
    show(revision, file) {
      try {
        // `./` makes the path relative to the project root rather than the repository's top.
        return git(root, ['show', `${revision}:./${file}`]);
      } catch {
        return undefined;
      }
    },
    changesIn(folder) {
      return git(root, ['status', '--porcelain', '--', folder])
        .split('\n')
        .filter((line) => line.trim() !== '');
    },
    merging: () => commitOf('MERGE_HEAD') !== undefined,
  };
}
