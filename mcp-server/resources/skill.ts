/**
 * The backend-developer skill as resources: `many-first://skill/SKILL.md` and one resource per
 * `references/*.md`, whatever files the installed package holds. The text is read on every request, so
 * an edited skill is served as it is on disk.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/server';
import { ownPackage } from '../../conventions/own-package.js';
import type { ServerLog } from '../server-log.js';

export const SKILL_URI_PREFIX = 'many-first://skill/';

/** The skill's folder inside the installed package. */
export function skillDirectory(): string {
  return join(ownPackage().root, 'skills', 'backend-developer');
}

export interface SkillFile {
  /** Relative to the skill folder, with forward slashes: `SKILL.md`, `references/models.md`. */
  path: string;
  uri: string;
}

/** SKILL.md and every references/*.md present now, in a stable order. */
export function listSkillFiles(directory = skillDirectory()): SkillFile[] {
  const files: SkillFile[] = [];
  if (existsSync(join(directory, 'SKILL.md')))
    files.push({ path: 'SKILL.md', uri: `${SKILL_URI_PREFIX}SKILL.md` });
  const references = join(directory, 'references');
  if (existsSync(references)) {
    for (const entry of readdirSync(references, { withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
      const path = `references/${entry.name}`;
      files.push({ path, uri: `${SKILL_URI_PREFIX}${path}` });
    }
  }
  return files.sort((a, b) =>
    a.path === 'SKILL.md' ? -1 : b.path === 'SKILL.md' ? 1 : a.path.localeCompare(b.path),
  );
}

export function readSkillFile(path: string, directory = skillDirectory()): string {
  return readFileSync(join(directory, path), 'utf8');
}

/** The `description:` of SKILL.md's front matter, or the first heading of a reference. */
function describe(text: string): { title?: string; description?: string } {
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  const description =
    frontMatter &&
    /^description:\s*(.+)$/m
      .exec(frontMatter)?.[1]
      ?.trim()
      .replace(/^["']|["']$/g, '');
  const heading = /^#\s+(.+)$/m.exec(text)?.[1]?.trim();
  const result: { title?: string; description?: string } = {};
  if (heading) result.title = heading;
  if (description) result.description = description;
  return result;
}

export function registerSkillResources(server: McpServer, log: ServerLog): void {
  const directory = skillDirectory();
  const files = listSkillFiles(directory);
  if (files.length === 0) {
    log('warning', `no skill files found in ${directory}; the skill resources are not offered`);
    return;
  }
  for (const file of files) {
    const name =
      file.path === 'SKILL.md'
        ? 'skill'
        : `skill-${file.path.replace(/^references\//, '').replace(/\.md$/, '')}`;
    let metadata: { title?: string; description?: string } = {};
    try {
      metadata = describe(readSkillFile(file.path, directory));
    } catch {
      // Unreadable now: still listed, and reading it later reports the error.
    }
    server.registerResource(
      name,
      file.uri,
      {
        title:
          metadata.title ?? (file.path === 'SKILL.md' ? 'many-first backend-developer skill' : file.path),
        description:
          metadata.description ??
          (file.path === 'SKILL.md'
            ? 'How to write backend code in a many-first project; routes to the references.'
            : `Skill reference: ${file.path}`),
        mimeType: 'text/markdown',
      },
      (uri) => ({
        contents: [{ uri: uri.href, mimeType: 'text/markdown', text: readSkillFile(file.path, directory) }],
      }),
    );
  }
}
