/**
 * Confines every path the server touches to the project root. A path given by a client is resolved against
 * the root, then through the file system (symlinks included), and refused unless it stays inside; outputs
 * name files relative to the root with forward slashes. The server reads nothing this module has not passed.
 */
import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** A path the guard refused; its message says why and is safe to show to the client. */
export class PathGuardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathGuardError';
  }
}

/** True when `child` is `parent` or lies below it; both must be absolute and normalised. */
export function isWithin(parent: string, child: string): boolean {
  if (child === parent) return true;
  const prefix = parent.endsWith(sep) ? parent : parent + sep;
  return child.startsWith(prefix);
}

/** The real path of the deepest part of `path` that exists, with the missing tail appended unchanged. */
function realpathOfExistingPart(path: string): string {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      const real = realpathSync(current);
      return missing.length === 0 ? real : resolve(real, ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: a file in the middle of the path; the rest cannot exist either.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = dirname(current);
      if (parent === current) return path;
      missing.push(current.slice(parent.length).replace(/^[\\/]+/, ''));
      current = parent;
    }
  }
}

export interface ResolvedPath {
  /** The absolute real path (symlinks resolved for the part that exists). */
  absolute: string;
  /** The path relative to the root, with forward slashes; `.` for the root itself. */
  relative: string;
  exists: boolean;
}

export interface PathGuard {
  /** The absolute real path of the root. */
  readonly root: string;
  /**
   * Resolves a client-supplied path (relative to the root, or absolute) and refuses it unless it stays inside
   * the root after following symlinks. With `mustExist`, a missing path is refused too.
   */
  resolve(input: string, options?: { mustExist?: boolean; label?: string }): ResolvedPath;
  /** The root-relative form of an absolute path inside the root. */
  toRelative(absolute: string): string;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Creates the guard for one root; throws PathGuardError when the root is not an existing directory. */
export function createPathGuard(root: string): PathGuard {
  if (root.includes('\0')) throw new PathGuardError('the project root contains a NUL byte');
  let realRoot: string;
  try {
    realRoot = realpathSync(resolve(root));
  } catch {
    throw new PathGuardError(`the project root '${root}' does not exist`);
  }
  if (!statSync(realRoot).isDirectory()) {
    throw new PathGuardError(`the project root '${root}' is not a directory`);
  }

  const toRelative = (absolute: string): string => toPosix(relative(realRoot, absolute)) || '.';

  return {
    root: realRoot,
    toRelative,
    resolve(input, options = {}) {
      const label = options.label ?? 'path';
      if (typeof input !== 'string' || input.trim() === '') {
        throw new PathGuardError(`${label} is empty; pass a path relative to the project root`);
      }
      if (input.includes('\0')) throw new PathGuardError(`${label} contains a NUL byte`);
      const lexical = isAbsolute(input) ? resolve(input) : resolve(realRoot, input);
      // An absolute path written against the unresolved root (e.g. /tmp → /private/tmp) is still inside.
      const candidate = isWithin(realRoot, lexical) ? lexical : realpathOfExistingPart(lexical);
      if (!isWithin(realRoot, candidate)) {
        throw new PathGuardError(`${label} '${input}' is outside the project root; pass a path inside it`);
      }
      const real = realpathOfExistingPart(candidate);
      if (!isWithin(realRoot, real)) {
        throw new PathGuardError(
          `${label} '${input}' resolves through a symbolic link to a place outside the project root`,
        );
      }
      let exists = true;
      try {
        statSync(real);
      } catch {
        exists = false;
      }
      if (options.mustExist && !exists) {
        throw new PathGuardError(`${label} '${input}' does not exist in the project`);
      }
      return { absolute: real, relative: toRelative(real), exists };
    },
  };
}
