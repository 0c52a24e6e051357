import type { Linter } from 'eslint';
import plugin, { rules } from '../../eslint-plugin/index.js';

/** The rules `recommended` turns on; the others (require-action-auth) a project turns on itself. */
export const recommendedRuleIds = Object.entries(rules)
  .filter(([, rule]) => rule.meta.docs?.recommended === true)
  .map(([name]) => `many-first/${name}`)
  .sort();

/**
 * One rule `recommended` leaves off, turned on as a project that opts in would: on the files `strict`'s
 * source entry covers, at the options `strict` fits to the project. Plain data (the plugin is registered by
 * `recommended`), so it can also be written into an ESLint options module for worker threads.
 */
export function optInEntry(root: string, ruleId: string): Linter.Config {
  const strictSource = plugin
    .configsFor(root)
    .strict.find((config) => config.name?.endsWith('/source') === true);
  const entry = strictSource?.rules?.[ruleId];
  if (strictSource === undefined || entry === undefined) throw new Error(`strict has no entry for ${ruleId}`);
  const { files, ignores } = strictSource;
  return {
    name: `opt-in/${ruleId}`,
    files,
    ...(ignores === undefined ? {} : { ignores }),
    rules: { [ruleId]: entry },
  };
}

/** `recommended` fitted to the project at `root`, plus `ruleId` opted in (see `optInEntry`). */
export function optedInConfig(root: string, ruleId: string): Linter.Config[] {
  return [...plugin.configsFor(root).recommended, optInEntry(root, ruleId)];
}

/**
 * What a fixture project needs beside `recommended`: for `violations/<rule>` of a rule `recommended` leaves
 * off, that rule opted in, so every violations folder shows its own rule; nothing for the others.
 */
export function fixtureOptIns(root: string, project: string): Linter.Config[] {
  const rule = /^violations\/(.+)$/.exec(project)?.[1];
  const ruleId = rule === undefined ? undefined : `many-first/${rule}`;
  if (ruleId === undefined || recommendedRuleIds.includes(ruleId)) return [];
  return [optInEntry(root, ruleId)];
}

/** The config a fixture project is linted with: `recommended` fitted to it, plus `fixtureOptIns`. */
export function fixtureConfig(root: string, project: string): Linter.Config[] {
  return [...plugin.configsFor(root).recommended, ...fixtureOptIns(root, project)];
}
