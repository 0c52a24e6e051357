/**
 * The working tree as a FolderSource: every folder and file is resolved (symlinks too) and must stay
 * inside the project root, as every other read of the project does.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { isInside, readProjectFile } from '../../conventions/project-files.js';
import { MigrationReadError, type FolderSource } from './folder.js';

/** Snapshots of thousands of tables are a few MB; a journal is small. */
const MAX_MIGRATION_FILE_BYTES = 50 * 1024 * 1024;

export class OutsideRootError extends Error {
  constructor(readonly path: string) {
    super(`'${path}' is outside the project root; many-first reads only inside it`);
    this.name = 'OutsideRootError';
  }
}

/** A root-relative path drizzle.config gave, normalized; refused when it leaves the root. */
export function migrationsFolderPath(out: string): string {
  const normalized = posix.normalize(out.replaceAll('\\', '/')).replace(/\/$/, '');
  if (normalized === '..' || normalized.startsWith('../') || posix.isAbsolute(normalized))
    throw new OutsideRootError(out);
  return normalized === '' ? '.' : normalized;
}

export function projectFolderSource(root: string): FolderSource {
  return {
    list(dir) {
      let real: string;
      try {
        real = realpathSync(join(root, dir));
        if (!statSync(real).isDirectory()) return undefined;
      } catch {
        return undefined;
      }
      if (!isInside(root, real))
        throw new MigrationReadError(dir, 'resolves outside the project root; not read');
      return readdirSync(real);
    },
    version(file) {
      try {
        const real = realpathSync(join(root, file));
        // Outside the root there is no version: read() refuses the file instead.
        if (!isInside(root, real)) return undefined;
        const stats = statSync(real);
        return stats.isFile() ? `${real}\u0000${stats.size}\u0000${stats.mtimeMs}` : undefined;
      } catch {
        return undefined;
      }
    },
    read(file) {
      const read = readProjectFile(root, file, MAX_MIGRATION_FILE_BYTES);
      if (read.ok) return read.text;
      if (read.stamp === undefined && /ENOENT|ENOTDIR/.test(read.message)) return undefined;
      throw new MigrationReadError(file, read.message);
    },
  };
}
