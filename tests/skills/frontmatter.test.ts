import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { validate } from 'skills-ref';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { repoRoot, skillDir, splitFrontmatter } from './skill-bundle.js';

const packageVersion = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;
const skillText = readFileSync(join(skillDir, 'SKILL.md'), 'utf8');

/**
 * Stricter than the spec validators (skills-ref accepts empty or numeric descriptions, non-ASCII names and
 * nested metadata): only the six spec keys, string values, and the style rules clients depend on.
 */
const frontmatterSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase ASCII letters, digits and single hyphens'),
    description: z
      .string()
      .min(1)
      .max(1024)
      .regex(/^[\x20-\x7e]+$/, 'printable ASCII on one line')
      .refine((text) => !/[<>]/.test(text), 'no angle brackets (claude.ai upload rejects them)')
      .refine((text) => text.includes('Use when'), 'says "Use when ..."')
      .refine((text) => !/^(I|You|We)\b/.test(text), 'third person, not I/You/We')
      .refine((text) => !/claude|anthropic/i.test(text), 'no reserved words'),
    license: z.string().min(1).optional(),
    compatibility: z.string().min(1).max(500).optional(),
    metadata: z.record(z.string(), z.string()).optional(),
    'allowed-tools': z
      .string()
      .regex(/^\S+( \S+)*$/, 'space-separated')
      .optional(),
  })
  .strict();

function check(data: unknown) {
  return frontmatterSchema.safeParse(data);
}

describe('SKILL.md frontmatter', () => {
  const { data, yaml } = splitFrontmatter(skillText);

  it('passes the skills-ref validator (the spec parity check)', async () => {
    expect(await validate(skillDir)).toEqual([]);
  });

  it('starts on line 1 with no byte-order mark', () => {
    expect(skillText.startsWith('---\n')).toBe(true);
  });

  it('passes the stricter schema: spec keys only, charset, lengths, string metadata, "Use when"', () => {
    const result = check(data);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it('is named after its directory', () => {
    expect((data as { name: string }).name).toBe(basename(skillDir));
  });

  it("carries package.json's version in metadata.version", () => {
    expect((data as { metadata: { version: string } }).metadata.version).toBe(packageVersion);
  });

  it('declares the MIT license and the environment it needs', () => {
    const { license, compatibility } = data as { license: string; compatibility: string };
    expect(license).toBe('MIT');
    expect(compatibility).toMatch(/Next\.js/);
    expect(compatibility).toMatch(/drizzle/i);
  });

  it('grants no tools: allowed-tools is experimental and its MCP names differ between install paths', () => {
    expect(yaml).not.toMatch(/^allowed-tools:/m);
  });
});

describe('the stricter frontmatter schema rejects what the spec validators let through', () => {
  const valid = {
    name: 'backend-developer',
    description: 'Builds backends. Use when adding a table.',
    metadata: { version: '1.0.0' },
  };
  const rejected: Array<[string, unknown]> = [
    ['an empty description', { ...valid, description: '' }],
    ['a numeric description', { ...valid, description: 42 }],
    [
      'angle brackets in the description',
      { ...valid, description: 'Builds <b>backends</b>. Use when asked.' },
    ],
    ['a description without "Use when"', { ...valid, description: 'Builds backends.' }],
    ['a first-person description', { ...valid, description: 'I build backends. Use when asked.' }],
    ['a description over 1,024 characters', { ...valid, description: `Use when ${'x'.repeat(1020)}` }],
    ['a non-ASCII name', { ...valid, name: 'бэкенд' }],
    ['a double hyphen in the name', { ...valid, name: 'backend--developer' }],
    ['a top-level version key', { ...valid, version: '1.0.0' }],
    ['a Claude Code-only key', { ...valid, 'user-invocable': false }],
    ['a numeric metadata value', { ...valid, metadata: { version: 1 } }],
    ['nested metadata', { ...valid, metadata: { author: { name: 'x' } } }],
    ['allowed-tools as a list', { ...valid, 'allowed-tools': ['Read', 'Write'] }],
  ];
  it.each(rejected)('rejects %s', (_label, frontmatter) => {
    expect(check(frontmatter).success).toBe(false);
  });

  it('accepts the minimal valid frontmatter', () => {
    expect(check(valid).success).toBe(true);
  });
});
