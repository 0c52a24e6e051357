/**
 * many-first's own installed package: its folder and version, found by walking up from this module to the
 * package.json named many-first. Works from the sources (conventions/) and the build (dist/conventions/)
 * alike. Every part that ships files next to its code (the skill) or reports its version reads it here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OwnPackage {
  /** The absolute folder holding many-first's package.json. */
  root: string;
  version: string;
}

const PACKAGE_NAME = 'many-first';
let found: OwnPackage | undefined;

function manifestAt(directory: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as object;
  } catch {
    // No package.json here, or not JSON: not ours, keep walking up.
    return undefined;
  }
}

/** The package containing this module; throws when the code was copied out of it. */
export function ownPackage(): OwnPackage {
  if (found !== undefined) return found;
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = manifestAt(directory);
    if (manifest?.name === PACKAGE_NAME) {
      const version = typeof manifest.version === 'string' ? manifest.version : '0.0.0';
      return (found = { root: directory, version });
    }
    const parent = dirname(directory);
    if (parent === directory)
      throw new Error(`cannot find the ${PACKAGE_NAME} package folder above ${directory}`);
    directory = parent;
  }
}
