/**
 * One server's view of one project: which root it answers for (explicit, else the client's roots, else the
 * working directory) and the index for that root, refreshed before every call.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Root } from '@modelcontextprotocol/sdk/types.js';
import type { Inspection, Usage } from './project/model.js';
import { createPathGuard, type PathGuard } from './path-guard.js';
import type { ServerLog } from './server-log.js';

/** The analysis as the tools see it; built by the project index (see project-source.ts). */
export interface ProjectView {
  /** The absolute real path of the root. */
  readonly root: string;
  readonly inspection: Inspection;
  /** Every place a table (TS or SQL name), model op or server action is referenced. */
  usagesOf(name: string): Usage[];
}

export type ProgressCallback = (done: number, total: number, message?: string) => void;

/** Opens the index of a root, or refreshes it when it is already open, reporting progress while it builds. */
export type ProjectSource = (root: string, onProgress?: ProgressCallback) => Promise<ProjectView>;

export interface ProjectSessionOptions {
  /** An explicit root (`--root` or the CLI's argument); client roots are then ignored. */
  root?: string;
  /** The fallback root when neither an explicit root nor a client root is given. */
  cwd: string;
  source: ProjectSource;
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
          this.options.log(
            'warning',
            `none of the client's roots is a local directory; using ${this.options.cwd}`,
          );
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

  /** The index of the current root, built on first use and refreshed on every later one. */
  async open(onProgress?: ProgressCallback): Promise<{ project: ProjectView; guard: PathGuard }> {
    const guard = await this.pathGuard();
    const project = await this.options.source(guard.root, onProgress);
    return { project, guard };
  }
}
