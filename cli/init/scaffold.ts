/**
 * `init --scaffold`: the small files the skill's examples import that a new app does not have yet, taken
 * from the skill itself (the `correct` block whose `file=` names them), so the files and the skill that
 * describes them never drift apart; the skill's tests type-check and lint those blocks.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Each scaffolded file: where the skill gives it in full, and its path in a project with `src/`. */
export const SCAFFOLD_FILES = [
  { file: 'src/lib/db/index.ts', reference: 'references/model-factory.md', what: 'the database client' },
  { file: 'src/lib/db/columns.ts', reference: 'references/schema-and-migrations.md', what: 'shared columns' },
] as const;

export interface ScaffoldFile {
  /** Root-relative path to write: under `src/` when the project has that folder, else at the root. */
  path: string;
  content: string;
  what: string;
  /** Skipped when the project already has a database client elsewhere. */
  isDatabaseClient: boolean;
}

/** The code of the ```ts correct block whose `file=` is `file`, in the reference's markdown. */
export function blockFor(markdown: string, file: string): string | undefined {
  const fence = new RegExp(
    `^\`\`\`ts correct file=${file.replaceAll('.', '\\.')}\\n([\\s\\S]*?)^\`\`\`$`,
    'm',
  );
  return fence.exec(markdown)?.[1];
}

/**
 * The files to scaffold in `root`, from the skill at `skillDir`. A project without `src/` gets them at its
 * root (`lib/db/index.ts`), where its `@/` alias points.
 *
 * @throws Error when the packaged skill lacks one of the blocks (a broken package, not a user error).
 */
export function scaffoldFiles(root: string, skillDir: string): ScaffoldFile[] {
  const hasSrc = existsSync(join(root, 'src')) && statSync(join(root, 'src')).isDirectory();
  return SCAFFOLD_FILES.map(({ file, reference, what }) => {
    const content = blockFor(readFileSync(join(skillDir, reference), 'utf8'), file);
    if (content === undefined) throw new Error(`the packaged skill's ${reference} has no block for ${file}`);
    const path = hasSrc ? file : file.slice('src/'.length);
    return { path, content, what, isDatabaseClient: file === 'src/lib/db/index.ts' };
  });
}
