/**
 * Which files of a project the index reads, and reading them safely: every path is resolved (symlinks too)
 * and must stay inside the root; anything else becomes a diagnostic, never a read.
 */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/** A file the walk or a read could not use: where, and why, in one line. */
export interface Diagnostic {
  file: string;
  line: number;
  message: string;
}

export const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

/**
 * Folders that never hold the project's own sources: dependencies and build output. Every dot-folder
 * (`.next`, `.git`, `.vercel`) is skipped as well. BUILD_OUTPUT_GLOBS in ./index.ts says the same to ESLint.
 */
export const IGNORED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', 'out', 'coverage']);

/** Files larger than this are listed in diagnostics instead of parsed (a generated 5 MB schema is fine). */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface DiscoveredFiles {
  /** Root-relative paths with forward slashes, sorted. */
  files: string[];
  /** Root-relative folders that were walked ('' is the root), for watchers. */
  directories: string[];
  diagnostics: Diagnostic[];
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** True when `target` (absolute, real) is the root or inside it. */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

export function isSourceFile(name: string): boolean {
  return SOURCE_EXTENSIONS.has(extname(name)) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts');
}

/**
 * Walks the root for source files. Symlinks are followed only when their target stays inside the root;
 * one that points outside is reported and skipped. Each real folder is walked once (no symlink loops).
 */
export function discoverSourceFiles(root: string): DiscoveredFiles {
  const files: string[] = [];
  const directories: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const visited = new Set<string>();

  const walk = (absolute: string, rel: string) => {
    let real: string;
    try {
      real = realpathSync(absolute);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    directories.push(rel);
    let entries;
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      diagnostics.push({
        file: rel || '.',
        line: 1,
        message: `cannot list folder: ${(error as Error).message}`,
      });
      return;
    }
    for (const entry of entries) {
      const name = entry.name;
      const childAbsolute = join(absolute, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        if (!isSourceFile(name) && (name.startsWith('.') || IGNORED_DIRECTORIES.has(name))) continue;
        let target: string;
        let stats: Stats;
        try {
          target = realpathSync(childAbsolute);
          stats = statSync(target);
        } catch {
          continue; // a dangling link holds nothing to read
        }
        if (!isInside(root, target)) {
          if (stats.isDirectory() || isSourceFile(name)) {
            diagnostics.push({
              file: childRel,
              line: 1,
              message: 'symlink points outside the project root; not read',
            });
          }
          continue;
        }
        isDirectory = stats.isDirectory();
        isFile = stats.isFile();
      }
      if (isDirectory) {
        if (name.startsWith('.') || IGNORED_DIRECTORIES.has(name)) continue;
        walk(childAbsolute, childRel);
      } else if (isFile && isSourceFile(name)) {
        files.push(childRel);
      }
    }
  };

  walk(root, '');
  files.sort();
  return { files, directories, diagnostics };
}

export interface FileStamp {
  mtimeMs: number;
  size: number;
}

export type ReadResult =
  { ok: true; text: string; stamp: FileStamp } | { ok: false; message: string; stamp?: FileStamp };

/** Size and modification time, or undefined when the file is gone. */
export function stampOf(root: string, rel: string): FileStamp | undefined {
  try {
    const stats = statSync(join(root, rel));
    if (!stats.isFile()) return undefined;
    return { mtimeMs: stats.mtimeMs, size: stats.size };
  } catch {
    return undefined;
  }
}

/**
 * Reads a root-relative file after checking that its real path is inside the root. Oversized files are
 * refused with a message that names the limit.
 */
export function readProjectFile(root: string, rel: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadResult {
  const absolute = join(root, rel);
  let descriptor: number;
  try {
    // O_NOFOLLOW: a regular file opens directly (its folders were checked when they were walked); a
    // symlink fails with ELOOP and is resolved and checked below. Platforms without it always check.
    if (constants.O_NOFOLLOW === undefined)
      throw Object.assign(new Error('no O_NOFOLLOW'), { code: 'ELOOP' });
    descriptor = openSync(absolute, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ELOOP' && code !== 'EMLINK') {
      return { ok: false, message: `cannot read: ${code ?? (error as Error).message}` };
    }
    let real: string;
    try {
      real = realpathSync(absolute);
      if (!isInside(root, real)) return { ok: false, message: 'resolves outside the project root; not read' };
      descriptor = openSync(real, constants.O_RDONLY);
    } catch (inner) {
      return {
        ok: false,
        message: `cannot read: ${(inner as NodeJS.ErrnoException).code ?? (inner as Error).message}`,
      };
    }
  }
  try {
    const stats = fstatSync(descriptor);
    const stamp = { mtimeMs: stats.mtimeMs, size: stats.size };
    if (!stats.isFile()) return { ok: false, message: 'not a regular file', stamp };
    if (stats.size > maxBytes) {
      const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
      return {
        ok: false,
        message: `file is ${mb(stats.size)}, over the ${mb(maxBytes)} limit (maxFileBytes); not analysed`,
        stamp,
      };
    }
    return { ok: true, text: readFileSync(descriptor, 'utf8'), stamp };
  } catch (error) {
    return { ok: false, message: `cannot read: ${(error as Error).message}` };
  } finally {
    closeSync(descriptor);
  }
}
