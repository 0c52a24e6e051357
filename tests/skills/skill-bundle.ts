/**
 * Reads the backend-developer skill the way the tests need it: frontmatter, fenced code blocks with their
 * labels, links and inline code, per file. A small line-based reader is enough for our own markdown.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const skillsRoot = join(repoRoot, 'skills');
export const skillDir = join(skillsRoot, 'backend-developer');

export interface CodeBlock {
  /** Skill-relative markdown file, e.g. `references/server-actions.md`. */
  doc: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  /** Bare words after the language, e.g. `correct`, `wrong`. */
  flags: Set<string>;
  /** `key=value` pairs after the language, e.g. `rule`, `file`. */
  attributes: Map<string, string>;
  code: string;
}

export interface SkillDoc {
  /** Skill-relative path with forward slashes. */
  path: string;
  text: string;
  /** Text outside fenced code blocks, fences removed, with line breaks kept. */
  prose: string;
  blocks: CodeBlock[];
  lines: number;
}

/** Every markdown file of the skill, SKILL.md first. */
export function readSkillDocs(): SkillDoc[] {
  const files = readdirSync(skillDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => relative(skillDir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort((a, b) => (a === 'SKILL.md' ? -1 : b === 'SKILL.md' ? 1 : a.localeCompare(b)));
  return files.map((path) => parseDoc(path, readFileSync(join(skillDir, path), 'utf8')));
}

export function parseDoc(path: string, text: string): SkillDoc {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  const prose: string[] = [];
  let open: { fence: string; line: number; info: string; body: string[] } | undefined;
  lines.forEach((line, index) => {
    if (open === undefined) {
      const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
      if (match !== null) {
        open = { fence: match[1]!, line: index + 1, info: match[2]!.trim(), body: [] };
        prose.push('');
      } else {
        prose.push(line);
      }
      return;
    }
    const closing = new RegExp(`^ {0,3}${open.fence[0] === '`' ? '`' : '~'}{${open.fence.length},}\\s*$`);
    if (closing.test(line)) {
      blocks.push(toBlock(path, open.line, open.info, open.body.join('\n')));
      open = undefined;
    } else {
      open.body.push(line);
    }
    prose.push('');
  });
  if (open !== undefined) throw new Error(`${path}:${open.line}: unclosed code fence`);
  return {
    path,
    text,
    prose: prose.join('\n'),
    blocks,
    lines: text.endsWith('\n') ? lines.length - 1 : lines.length,
  };
}

function toBlock(doc: string, line: number, info: string, code: string): CodeBlock {
  const [lang = '', ...words] = info.split(/\s+/).filter(Boolean);
  const flags = new Set<string>();
  const attributes = new Map<string, string>();
  for (const word of words) {
    const equals = word.indexOf('=');
    if (equals > 0) attributes.set(word.slice(0, equals), word.slice(equals + 1));
    else flags.add(word);
  }
  return { doc, line, lang, flags, attributes, code: `${code}\n` };
}

/** The YAML between the first two `---` lines, parsed; the body after it. */
export function splitFrontmatter(text: string): { data: unknown; yaml: string; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (match === null) throw new Error('SKILL.md does not start with a --- frontmatter block');
  return { data: parseYaml(match[1]!) as unknown, yaml: match[1]!, body: text.slice(match[0].length) };
}

/** Targets of inline markdown links `[text](target)` in the prose, with their line. */
export function links(doc: SkillDoc): Array<{ target: string; line: number }> {
  const result: Array<{ target: string; line: number }> = [];
  doc.prose.split('\n').forEach((line, index) => {
    const withoutCode = line.replace(/`[^`]*`/g, '');
    for (const match of withoutCode.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      result.push({ target: match[1]!, line: index + 1 });
    }
  });
  return result;
}

/** Every inline code span in the prose. */
export function codeSpans(doc: SkillDoc): string[] {
  return [...doc.prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!);
}

/** All the text an assistant reads: prose and code alike. */
export function allText(docs: SkillDoc[]): string {
  return docs.map((doc) => doc.text).join('\n');
}

/** `SKILL.md:77 correct src/models/tags.ts`, with the rule or error a `wrong` block expects. */
export function blockLabel(block: CodeBlock): string {
  const kind = block.flags.has('correct') ? 'correct' : 'wrong';
  const expected = block.attributes.get('rule') ?? block.attributes.get('tsc') ?? '';
  return `${block.doc}:${block.line} ${kind} ${block.attributes.get('file')}${expected ? ` (${expected})` : ''}`;
}

/** The module specifiers a block's import and export declarations name, in order. */
export function importedModules(block: CodeBlock): string[] {
  const file = block.attributes.get('file') ?? 'block.tsx';
  const source = ts.createSourceFile(file, block.code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  return source.statements
    .filter((statement) => ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))
    .map((statement) => statement.moduleSpecifier)
    .filter(
      (specifier): specifier is ts.StringLiteral => specifier !== undefined && ts.isStringLiteral(specifier),
    )
    .map((specifier) => specifier.text);
}

/** The folders SKILL.md's "Where code lives" table gives a new app, as globs (`src/models/*.ts`). */
export interface SkillLayout {
  schema: string;
  models: string;
  actions: string;
  factories: string;
}

export function skillLayout(skill: SkillDoc): SkillLayout {
  const section = skill.prose.split(/^## Where code lives$/m)[1]?.split(/^## /m)[0] ?? '';
  const paths = [...section.matchAll(/^\| `([^`]+)`/gm)].map((match) => match[1]!.replace(/<[a-z]+>/g, '*'));
  const find = (test: RegExp) => {
    const path = paths.find((candidate) => test.test(candidate));
    if (path === undefined) throw new Error(`SKILL.md's "Where code lives" has no row for ${String(test)}`);
    return path;
  };
  return {
    schema: find(/\/schema\./),
    models: find(/\/models\//),
    actions: find(/\/actions\//),
    factories: find(/\.factory\./),
  };
}
