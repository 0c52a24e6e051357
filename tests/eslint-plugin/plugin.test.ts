// Meta-tests that keep the plugin honest: every rule exported, documented at the URL its factory builds,
// in `recommended` or deliberately not, with options that validate against its own schema.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import { describe, expect, it } from 'vitest';
import plugin, { rules } from '../../eslint-plugin/index.js';
import { ruleDocsUrl } from '../../eslint-plugin/utils/create-rule.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ruleFiles = readdirSync(join(root, 'eslint-plugin/rules'))
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => basename(file, '.ts'));
const ruleEntries = Object.entries(rules);
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** Rules that are deliberately left out of `recommended`, each with the reason. */
const NOT_RECOMMENDED: Readonly<Record<string, string>> = {
  'require-action-auth':
    'which calls are auth guards differs per project: `strict` turns it on, `many-first init` writes the guards it finds',
};

/** Runs a rule with `options` through ESLint, which validates them against the rule's schema first. */
function lintWithOptions(name: string, options: readonly unknown[]): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    'export const x = 1;\n',
    { plugins: { 'many-first': plugin }, rules: { [`many-first/${name}`]: ['error', ...options] } },
    'file.js',
  );
}

/** Every object in a JSON schema that declares properties, with the path that leads to it. */
function schemaProperties(schema: unknown, path = 'schema'): [string, Record<string, unknown>][] {
  if (schema === null || typeof schema !== 'object') return [];
  const found: [string, Record<string, unknown>][] = [];
  const node = schema as Record<string, unknown>;
  if (node.properties !== undefined && typeof node.properties === 'object') {
    for (const [key, value] of Object.entries(node.properties as Record<string, unknown>)) {
      found.push([`${path}.${key}`, value as Record<string, unknown>]);
      found.push(...schemaProperties(value, `${path}.${key}`));
    }
  }
  for (const key of ['items', 'anyOf', 'oneOf', 'allOf'] as const) {
    const child = node[key];
    if (Array.isArray(child))
      child.forEach((item, index) => found.push(...schemaProperties(item, `${path}.${key}[${index}]`)));
    else if (child !== undefined) found.push(...schemaProperties(child, `${path}.${key}`));
  }
  if (Array.isArray(schema))
    schema.forEach((item, index) => found.push(...schemaProperties(item, `${path}[${index}]`)));
  return found;
}

/** The options of a rule's options object that take a list (of names, modules or globs). */
function listOptions(schema: unknown): string[] {
  const [options] = Array.isArray(schema) ? (schema as unknown[]) : [];
  const properties =
    (options as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties ?? {};
  return Object.entries(properties)
    .filter(([, property]) => property.type === 'array')
    .map(([option]) => option);
}

describe('the plugin object', () => {
  it('is named many-first and carries the package version', () => {
    expect(plugin.meta).toEqual({ name: 'many-first', version: packageJson.version });
  });

  it('exports every rule file, under the file name, in alphabetical order', () => {
    expect(Object.keys(plugin.rules)).toEqual([...ruleFiles].sort());
    expect(Object.keys(rules)).toEqual(Object.keys(plugin.rules));
  });

  it('has recommended, strict and all configs', () => {
    expect(Object.keys(plugin.configs).sort()).toEqual(['all', 'recommended', 'strict']);
  });

  it('fits ESLint’s own config types and defineConfig', () => {
    const config = defineConfig(
      { plugins: { 'many-first': plugin }, rules: { 'many-first/no-dynamic-imports': 'error' } },
      plugin.configs.recommended,
    );
    expect(config.length).toBe(1 + plugin.configs.recommended.length);
  });
});

describe.each(ruleEntries)('rule %s', (name, rule) => {
  const { docs } = rule.meta;
  if (docs === undefined) throw new Error(`rule ${name} has no meta.docs`);

  it('is documented at the URL its factory builds, with a page of that name', () => {
    expect(docs.url).toBe(ruleDocsUrl(name));
    expect(docs.url).toBe(`https://github.com/many-first/many-first/blob/main/docs/rules/${name}.md`);
    const page = join(root, 'docs/rules', `${name}.md`);
    expect(existsSync(page)).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text.startsWith(`# many-first/${name}\n`)).toBe(true);
    for (const section of ['## Why', '## Wrong', '## Correct', '## Options', '## When not to use it']) {
      expect(text).toContain(`\n${section}\n`);
    }
  });

  it('is in recommended, or listed as deliberately not', () => {
    const inRecommended = plugin.configs.recommended.some(
      (config) => `many-first/${name}` in (config.rules ?? {}),
    );
    expect(inRecommended).toBe(docs.recommended);
    expect(inRecommended).toBe(!(name in NOT_RECOMMENDED));
  });

  it('has a description, a type and messages that say what to do', () => {
    expect(docs.description.length).toBeGreaterThan(20);
    expect(['problem', 'suggestion', 'layout']).toContain(rule.meta.type);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    for (const [messageId, message] of Object.entries(rule.meta.messages)) {
      expect(message.length, messageId).toBeGreaterThan(20);
    }
  });

  it('declares default options that validate against its schema', () => {
    expect(rule.meta.defaultOptions).toBeDefined();
    expect(() => lintWithOptions(name, rule.meta.defaultOptions ?? [])).not.toThrow();
  });

  it('declares strict and rest-of-source options that validate against its schema', () => {
    for (const options of [docs.strictOptions, docs.restOfSourceOptions]) {
      if (options !== undefined) expect(() => lintWithOptions(name, options)).not.toThrow();
    }
  });

  it('rejects an option it does not know', () => {
    expect(() => lintWithOptions(name, [{ notAnOption: true }])).toThrow(
      /should NOT have additional properties|Unexpected property/,
    );
  });

  it('rejects a list option that is empty-named or names an item twice', () => {
    const lists = listOptions(rule.meta.schema);
    for (const option of lists) {
      expect(() => lintWithOptions(name, [{ [option]: ['a', 'a'] }]), option).toThrow(/duplicate items/);
      expect(() => lintWithOptions(name, [{ [option]: [''] }]), option).toThrow(/shorter than 1 character/);
      expect(() => lintWithOptions(name, [{ [option]: ['a'] }]), option).not.toThrow();
    }
  });

  it('describes every schema property', () => {
    const properties = schemaProperties(rule.meta.schema);
    expect(properties.length).toBeGreaterThan(0);
    for (const [path, property] of properties.filter(([path]) => !/\.items$|\[\d+\]$/.test(path))) {
      expect(typeof property.description, `${name} ${path}`).toBe('string');
      expect((property.description as string).length, `${name} ${path}`).toBeGreaterThan(10);
    }
  });

  it('takes every option the conventions fill in', () => {
    const defaults = (rule.meta.defaultOptions?.[0] ?? {}) as Record<string, unknown>;
    for (const option of Object.keys(docs.conventionOptions ?? {})) {
      expect(defaults, option).toHaveProperty(option);
    }
  });
});
