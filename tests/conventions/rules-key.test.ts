/**
 * The `rules` key of many-first.config.json: the conventions name every rule the plugin has, reject names
 * and severities it does not, and the configs every way of asking builds honour the levels and options.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConventionsError,
  DEFAULT_CONVENTIONS,
  loadConventions,
  RULE_NAMES,
} from '../../conventions/index.js';
import { createConfigs, rules } from '../../eslint-plugin/index.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function projectWith(config: unknown): string {
  const root = mkdtempSync(join(tmpdir(), 'many-first-rules-key-'));
  roots.push(root);
  writeFileSync(join(root, 'many-first.config.json'), JSON.stringify(config));
  return root;
}

/** The entry each config element sets for a rule, last one winning per file group, by element name. */
function entriesOf(configs: ReturnType<typeof createConfigs>['recommended'], id: string) {
  return Object.fromEntries(
    configs
      .filter((config) => config.rules?.[id] !== undefined)
      .map((config) => [config.name, config.rules![id]]),
  );
}

describe('the rules key', () => {
  it('names exactly the rules the plugin has', () => {
    expect([...RULE_NAMES]).toEqual(Object.keys(rules));
  });

  it('rejects a rule the plugin does not have, naming the key and the file', () => {
    const root = projectWith({ rules: { 'no-redirects': 'error' } });
    expect(() => loadConventions(root)).toThrow(ConventionsError);
    expect(() => loadConventions(root)).toThrow(
      "many-first.config.json: 'rules.no-redirects' is not a many-first rule (the rules are no-db-in-server-actions,",
    );
  });

  it('rejects a severity ESLint does not know', () => {
    const root = projectWith({ rules: { 'no-dynamic-imports': 'on' } });
    expect(() => loadConventions(root)).toThrow(
      "many-first.config.json: 'rules.no-dynamic-imports' must be 'off', 'warn' or 'error'",
    );
  });

  it('accepts numeric severities and a severity with options', () => {
    const root = projectWith({
      rules: { 'no-dynamic-imports': 0, 'require-action-auth': [2, { guards: ['auth'] }] },
    });
    expect(loadConventions(root).conventions.rules).toEqual({
      'no-dynamic-imports': 0,
      'require-action-auth': [2, { guards: ['auth'] }],
    });
  });
});

describe('configs built with a rules key', () => {
  it('turn a rule recommended leaves off on, with its options over the layout paths', () => {
    const configs = createConfigs({
      ...DEFAULT_CONVENTIONS,
      rules: { 'require-action-auth': ['warn', { guards: ['requireUser'] }] },
    });
    const entries = entriesOf(configs.recommended, 'many-first/require-action-auth');
    expect(entries).toEqual({
      'many-first/recommended/source': [
        'warn',
        expect.objectContaining({
          guards: ['requireUser'],
          models: DEFAULT_CONVENTIONS.models,
          dbModules: DEFAULT_CONVENTIONS.dbModules,
        }),
      ],
    });
  });

  it('leave a rule that is off out of every variant', () => {
    const configs = createConfigs({ ...DEFAULT_CONVENTIONS, rules: { 'no-dynamic-imports': 'off' } });
    for (const variant of ['recommended', 'strict', 'all'] as const) {
      expect(entriesOf(configs[variant], 'many-first/no-dynamic-imports')).toEqual({});
    }
    expect(entriesOf(configs.recommended, 'many-first/no-redirect-in-try')).not.toEqual({});
  });

  it('set the level on both entries of an actions-scoped rule, keeping the rest-of-source options', () => {
    const configs = createConfigs({
      ...DEFAULT_CONVENTIONS,
      actions: ['app/actions/**'],
      rules: { 'require-use-server': 'warn' },
    });
    expect(entriesOf(configs.recommended, 'many-first/require-use-server')).toEqual({
      'many-first/recommended/source': ['warn', { requireModuleDirective: false }],
      'many-first/recommended/actions': ['warn', { requireModuleDirective: true }],
    });
  });

  it('build the same configs as before for a project without the key', () => {
    const { rules: _none, ...withoutRules } = { ...DEFAULT_CONVENTIONS, rules: undefined };
    expect(createConfigs(withoutRules)).toEqual(createConfigs(DEFAULT_CONVENTIONS));
    expect(
      entriesOf(createConfigs(DEFAULT_CONVENTIONS).recommended, 'many-first/require-action-auth'),
    ).toEqual({});
  });
});
