import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { discoverLayout } from '../../conventions/layout.js';
import {
  links,
  readSkillDocs,
  repoRoot,
  skillDir,
  skillLayout,
  skillsRoot,
  splitFrontmatter,
  type SkillDoc,
} from './skill-bundle.js';

const docs = readSkillDocs();
const skill = docs.find((doc) => doc.path === 'SKILL.md')!;
const references = docs.filter((doc) => doc.path.startsWith('references/'));

const EXPECTED_REFERENCES = [
  'references/lint-rules.md',
  'references/mcp-tools.md',
  'references/model-factory.md',
  'references/schema-and-migrations.md',
  'references/server-actions.md',
  'references/testing-with-factories.md',
];

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');
}

function headings(doc: SkillDoc): string[] {
  return [...doc.prose.matchAll(/^#{1,6} (.+)$/gm)].map((match) => match[1]!);
}

/** `references/x.md` paths mentioned anywhere in a doc, as links or in inline code. */
function referencePaths(doc: SkillDoc): string[] {
  return [...doc.text.matchAll(/references\/[\w.-]+\.md/g)].map((match) => match[0]);
}

describe('skill layout', () => {
  it('keeps SKILL.md within 250 lines and the body under 5,000 tokens (4 characters a token)', () => {
    expect(skill.lines).toBeLessThanOrEqual(250);
    expect(splitFrontmatter(skill.text).body.length / 4).toBeLessThan(5000);
  });

  it('has exactly the six references, all markdown, one level deep', () => {
    const files = readdirSync(skillDir, { recursive: true })
      .map(String)
      .filter((path) => statSync(join(skillDir, path)).isFile())
      .map((path) => path.split('\\').join('/'))
      .sort();
    expect(files).toEqual(['SKILL.md', ...EXPECTED_REFERENCES]);
  });

  it('routes to every reference from SKILL.md, saying when to read it', () => {
    const routed = new Set(referencePaths(skill));
    expect([...routed].sort()).toEqual(EXPECTED_REFERENCES);
    for (const path of EXPECTED_REFERENCES) {
      const line = skill.text.split('\n').find((candidate) => candidate.includes(`](${path})`));
      expect(line, `a link to ${path}`).toBeDefined();
      expect(line, `${path} is routed with "when"`).toMatch(/\bwhen\b|\bbefore\b/i);
    }
  });

  it('has no chains: a reference never sends the reader to another reference', () => {
    for (const doc of references) {
      expect(referencePaths(doc), doc.path).toEqual([]);
      for (const { target } of links(doc)) {
        expect(target.endsWith('.md') && !target.startsWith('http'), `${doc.path} links to ${target}`).toBe(
          false,
        );
      }
    }
  });

  it('starts every reference over 100 lines with a table of contents whose anchors exist', () => {
    for (const doc of references.filter((candidate) => candidate.lines > 100)) {
      const all = headings(doc);
      expect(all[1], `${doc.path}: the first section`).toBe('Contents');
      const anchors = new Set(all.map(anchor));
      const contents = doc.prose.split(/^## /m)[1]!;
      const targets = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]!);
      expect(targets.length, `${doc.path}: entries in Contents`).toBeGreaterThanOrEqual(3);
      for (const target of targets) expect(anchors, `${doc.path}: #${target}`).toContain(target);
    }
  });

  it('resolves every relative link inside the skill directory', () => {
    let checked = 0;
    for (const doc of docs) {
      for (const { target, line } of links(doc)) {
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        const where = `${doc.path}:${line} → ${target}`;
        expect(target, where).not.toMatch(/\\/);
        expect(target.startsWith('/'), where).toBe(false);
        const resolved = normalize(join(skillDir, dirname(doc.path), target.split('#')[0]!));
        expect(relative(skillDir, resolved).startsWith('..'), `${where} leaves the skill`).toBe(false);
        expect(existsSync(resolved), where).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(EXPECTED_REFERENCES.length);
  });

  it('labels every TypeScript block correct or wrong with the file it stands for', () => {
    const blocks = docs.flatMap((doc) => doc.blocks).filter((block) => ['ts', 'tsx'].includes(block.lang));
    expect(blocks.length).toBeGreaterThan(20);
    for (const block of blocks) {
      const where = `${block.doc}:${block.line}`;
      const labels = ['correct', 'wrong'].filter((label) => block.flags.has(label));
      expect(labels, where).toHaveLength(1);
      expect(block.attributes.get('file'), where).toMatch(/^(src|tests)\/[\w./[\]-]+\.tsx?$/);
      if (block.flags.has('wrong')) {
        const marks = ['rule', 'tsc'].filter((key) => block.attributes.has(key)).length;
        expect(
          marks + (block.flags.has('unenforced') ? 1 : 0),
          `${where}: one of rule=, tsc=, unenforced`,
        ).toBe(1);
      }
    }
  });

  it('tags every code block with a language', () => {
    for (const block of docs.flatMap((doc) => doc.blocks)) {
      expect(block.lang, `${block.doc}:${block.line}`).not.toBe('');
    }
  });

  it('shows each convention in SKILL.md as Wrong, Correct and Why', () => {
    const conventions = skill.text
      .split(/^## Conventions$/m)[1]!
      .split(/^## /m)[0]!
      .split(/^### /m)
      .slice(1);
    expect(conventions.length).toBeGreaterThanOrEqual(5);
    for (const section of conventions) {
      const title = section.split('\n')[0]!;
      const parsed = docs[0]!.blocks.filter((block) => section.includes(block.code.trimEnd()));
      expect(
        parsed.some((block) => block.flags.has('wrong')),
        `${title}: a wrong block`,
      ).toBe(true);
      expect(
        parsed.some((block) => block.flags.has('correct')),
        `${title}: a correct block`,
      ).toBe(true);
      expect(section, `${title}: a Why line`).toMatch(/^\*\*Why\*\*/m);
    }
  });

  it('has a README at the door of skills/', () => {
    expect(existsSync(join(skillsRoot, 'README.md'))).toBe(true);
  });

  it("gives a new app the seed's folders, where the toolkit finds each layer in the seed-shaped fixture app", () => {
    const layout = skillLayout(skill);
    expect(layout).toEqual({
      schema: 'src/lib/db/schema.*.ts',
      models: 'src/models/*.ts',
      actions: 'src/actions/*.ts',
      factories: 'tests/factories/*.factory.ts',
    });
    const { found } = discoverLayout(join(repoRoot, 'fixtures/app'));
    const factories = found.testFactories.filter((file) => file.includes('.factory.'));
    for (const [glob, files] of [
      [layout.schema, found.schemaFiles],
      [layout.models, found.modelModules],
      [layout.actions, found.actionModules],
      [layout.factories, factories],
    ] as const) {
      expect(files.length, glob).toBeGreaterThan(0);
      expect(files.filter((file) => !picomatch.isMatch(file, glob))).toEqual([]);
    }
  });

  it('tells the assistant to follow the layout an existing app already has, as the tools report it', () => {
    const paragraph = skill.prose.split('**Layout.**')[1]!.split('\n\n')[0]!;
    expect(paragraph).toMatch(/layout for a new app/);
    expect(paragraph).toMatch(/In an existing app, follow its layout as\s+`many-first:project_overview`/);
    expect(paragraph).toMatch(/`npx many-first inspect`/);
    expect(paragraph).toMatch(/Without a `src\/` folder/);
  });
});
