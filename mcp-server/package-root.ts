/**
 * The installed many-first package's own folder, found from this module whether it runs from the sources
 * (mcp-server/) or the build (dist/mcp-server/): the skill and package.json are resolved from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

function find(): { root: string; version: string } {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'many-first') return { root: directory, version: parsed.version ?? '0.0.0' };
    }
    const parent = dirname(directory);
    if (parent === directory)
      throw new Error('cannot find the many-first package folder above the MCP server');
    directory = parent;
  }
}

/** The absolute folder holding many-first's package.json. */
export function packageRoot(): string {
  cached ??= find();
  return cached.root;
}

export function packageVersion(): string {
  cached ??= find();
  return cached.version;
}
