/**
 * One server's view of one project: which root it answers for (explicit, else the client's roots, else the
 * working directory) and the index for that root, refreshed before every call.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Root } from '@modelcontextprotocol/server';
import { createPathGuard, type PathGuard } from './path-guard.js';
import { openProject, type ProgressCallback, type ProjectIndex } from './project/project-index.js';
import type { ServerLog } from './server-log.js';

export interface ProjectSessionOptions {
  /** An explicit root (`--root` or the CLI's argument); client roots are then ignored. */
  root?: string;
  /** The fallback root when neither an explicit root nor a client root is given. */
  cwd: string;
  log: ServerLog;
}

/** The first client root that is a local directory, or undefined. */
export function pickClientRoot(roots: readonly Root[]): string | undefined {
  for (const root of roots) {
    if (!root.uri.startsWith('file://')) continue;
    let path: string;
    try {
      path = fileURLToPath(root.uri);
    } catch {
      continue;
    }
    try {
      if (statSync(path).isDirectory()) return path;
    } catch {
      // A root the client names but the disk lacks is skipped like a non-file root.
    }
  }
  return undefined;
}

export class ProjectSession {
  private clientRoot: string | undefined;
  private pendingRoots: Promise<void> | undefined;
  private guard: { for: string; guard: PathGuard } | undefined;

  constructor(private readonly options: ProjectSessionOptions) {}

  /** True when the root came from the command line or createServer's options. */
  get hasExplicitRoot(): boolean {
    return this.options.root !== undefined;
  }

  /**
   * Asks the client for its roots (a hint: used only without an explicit root). Calls that arrive while the
   * answer is pending wait for it, so the first tool call already sees the client's workspace.
   */
  useClientRoots(listRoots: () => Promise<{ roots: Root[] }>): void {
    if (this.hasExplicitRoot) return;
    const pending = listRoots()
      .then(({ roots }) => {
        const picked = pickClientRoot(roots);
        if (picked === undefined) {
          // A client with no workspace open sends no roots: the working directory is then simply the answer.
          if (roots.length > 0) {
            this.options.log(
              'warning',
              `none of the client's roots is a local directory; using ${this.options.cwd}`,
            );
          }
          return;
        }
        if (picked !== this.clientRoot) this.options.log('info', `project root from the client: ${picked}`);
        this.clientRoot = picked;
      })
      .catch((error: unknown) => {
        this.options.log('warning', `could not list the client's roots: ${(error as Error).message}`);
      });
    this.pendingRoots = pending;
  }

  /** The root the next call answers for (not yet resolved through symlinks). */
  async rootDirectory(): Promise<string> {
    if (this.options.root !== undefined) return this.options.root;
    if (this.pendingRoots !== undefined) await this.pendingRoots;
    return this.clientRoot ?? this.options.cwd;
  }

  /** The guard for the current root; throws PathGuardError when the root is not a directory. */
  async pathGuard(): Promise<PathGuard> {
    const root = await this.rootDirectory();
    if (this.guard?.for !== root) this.guard = { for: root, guard: createPathGuard(root) };
    return this.guard.guard;
  }

  /**
   * The index of the current root, built on first use (once per root and process, shared by every server)
   * and refreshed on every later call, so an edited file is re-parsed alone.
   */
  async open(onProgress?: ProgressCallback): Promise<{ project: ProjectIndex; guard: PathGuard }> {
    const guard = await this.pathGuard();
    const started = performance.now();
    const project = await openProject(guard.root, onProgress === undefined ? {} : { onProgress });
    const elapsed = performance.now() - started;
    if (elapsed > 1000) this.options.log('info', `indexed ${guard.root} in ${(elapsed / 1000).toFixed(1)} s`);
    return { project, guard };
  }
}
