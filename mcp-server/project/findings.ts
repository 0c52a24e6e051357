/**
 * Convention health: structure checks computed from the inspection (a table without a model, a model not
 * built with the factory, an action file without its directive, a model for a table the schema lacks), and
 * the ESLint plugin's recommended rules run with ESLint over the application source, with the configs
 * `many-first lint` uses, from the trees the analysis parsed (lint-tree.ts). ESLint is an optional peer
 * dependency: without it the lint part is a diagnostic, never a crash.
 */
import { posix } from 'node:path';
import type { ts } from 'ts-morph';
import type { Conventions } from '../../conventions/index.js';
import { loadEslint, type EslintModule } from '../eslint-loader.js';
import type { ConventionMatchers } from './convention-matchers.js';
import type { FileFacts } from './file-facts.js';
import type { Diagnostic, Finding, Model, Table } from './model.js';

export const STRUCTURE_RULES = {
  tableWithoutModel: 'structure/table-without-model',
  modelWithoutFactory: 'structure/model-without-factory',
  actionFileWithoutDirective: 'structure/action-file-without-directive',
  modelForUnknownTable: 'structure/model-for-unknown-table',
  modelWithoutTestFactory: 'structure/model-without-test-factory',
} as const;

export interface StructureContext {
  tables: readonly Table[];
  models: readonly Model[];
  unknownTables: readonly { model: Model; table: string }[];
  /** How many test factories (`defineFactory`) the project has; tables carry theirs as `testFactory`. */
  testFactoryCount: number;
  files: readonly string[];
  factsOf(file: string): FileFacts | undefined;
  matchers: ConventionMatchers;
  conventions: Conventions;
}

/** Where a new model module belongs: beside the project's existing ones. */
function modelHome(models: readonly Model[]): string {
  const folders = models
    .filter((model) => model.factoryCall !== undefined)
    .map((model) => posix.dirname(model.file));
  return folders.length > 0 ? `under ${folders.sort()[0]}/` : 'in a model module';
}

export function structureFindings(context: StructureContext): Finding[] {
  const findings: Finding[] = [];
  const withoutModel = context.tables.filter((table) => table.model === undefined);
  const usesModels = context.models.some((model) => model.factoryCall !== undefined);
  if (!usesModels && withoutModel.length > 0) {
    // A project that has not adopted model modules gets one line, not one per table.
    const first = withoutModel[0]!;
    findings.push({
      rule: STRUCTURE_RULES.tableWithoutModel,
      severity: 'warning',
      file: first.file,
      line: first.line,
      message: `${withoutModel.length === 1 ? 'the only table has no model module' : `none of the ${withoutModel.length} tables has a model module`} (no module calls createModelFactory yet): build each table's ops with createModelFactory(db, '<table>', table), starting with the tables your server actions write`,
    });
  } else {
    const home = modelHome(context.models);
    for (const table of withoutModel) {
      findings.push({
        rule: STRUCTURE_RULES.tableWithoutModel,
        severity: 'warning',
        file: table.file,
        line: table.line,
        message: `table '${table.name}' (${table.sqlName}) has no model module: add one ${home} that calls createModelFactory(db, '${table.sqlName}', ${table.name})`,
      });
    }
  }
  for (const model of context.models) {
    // Without any model module, the summary above says it once for the whole project.
    if (!usesModels || model.factoryCall !== undefined || !context.matchers.isModel(model.file)) continue;
    findings.push({
      rule: STRUCTURE_RULES.modelWithoutFactory,
      severity: 'warning',
      file: model.file,
      line: 1,
      message:
        'model module does not call createModelFactory: build its ops with the factory so they take and return arrays',
    });
  }
  for (const { model, table } of context.unknownTables) {
    findings.push({
      rule: STRUCTURE_RULES.modelForUnknownTable,
      severity: 'error',
      file: model.file,
      line: model.factoryCall?.line ?? 1,
      message: `createModelFactory is given '${table}', which is not a table the schema files export`,
    });
  }
  const withoutTestFactory = context.tables.filter(
    (table) => table.model !== undefined && table.testFactory === undefined,
  );
  // Only a project that writes test factories is nudged, and once: a list, not a finding per table.
  if (context.testFactoryCount > 0 && withoutTestFactory.length > 0) {
    const first = withoutTestFactory[0]!;
    const names = withoutTestFactory.map((table) => table.name);
    const listed =
      names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
    findings.push({
      rule: STRUCTURE_RULES.modelWithoutTestFactory,
      severity: 'suggestion',
      file: first.file,
      line: first.line,
      message: `${names.length === 1 ? '1 table with a model has' : `${names.length} tables with a model have`} no test factory: ${listed}; write one with defineFactory from many-first/test-factory beside the others`,
    });
  }
  for (const file of context.files) {
    if (!context.matchers.isAction(file) || context.matchers.isTest(file)) continue;
    const facts = context.factsOf(file);
    if (facts === undefined || facts.directives.includes('use server')) continue;
    findings.push({
      rule: STRUCTURE_RULES.actionFileWithoutDirective,
      severity: 'error',
      file,
      line: 1,
      message: "server-action module does not start with 'use server'",
    });
  }
  return findings;
}

export interface ConventionLinter {
  /**
   * Lints one file's text; findings carry the given root-relative path. `tree`, when given, is the
   * analysis's parse of exactly `text`: ESLint converts it instead of parsing the text again.
   */
  lint(file: string, absolutePath: string, text: string, tree?: ts.SourceFile): Promise<Finding[]>;
}

/**
 * Loads ESLint (through the one loader) and the plugin's recommended config for these conventions, with
 * the configs `many-first lint` uses, normalized once for every file. Resolves to a diagnostic message
 * instead when ESLint cannot be loaded.
 */
export async function loadConventionLinter(
  root: string,
  conventions: Conventions,
): Promise<ConventionLinter | { unavailable: string }> {
  let eslint: InstanceType<EslintModule['ESLint']>;
  try {
    // lint-tree loads typescript-eslint's parser; on TypeScript 7 this says, in one line, why it cannot.
    (await import('../../eslint-plugin/typescript-parser.js')).loadTypeScriptParser();
    const [{ ESLint }, { createConfigs }, { analysisTreeParser }] = await Promise.all([
      loadEslint(root),
      // The plugin's rules pull in @typescript-eslint/utils: loaded on first use, like ESLint.
      import('../../eslint-plugin/index.js'),
      import('./lint-tree.js'),
    ]);
    eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        ...createConfigs(conventions).recommended,
        {
          name: 'many-first/analysis-tree',
          files: ['**/*.{ts,tsx,mts,cts}'],
          languageOptions: { parser: analysisTreeParser },
        },
      ],
    });
    const { withAnalysisTree } = await import('./lint-tree.js');
    return {
      async lint(file, absolutePath, text, tree) {
        const run = () => eslint.lintText(text, { filePath: absolutePath });
        const [result] =
          tree === undefined ? await run() : await withAnalysisTree(absolutePath, text, tree, run);
        return (result?.messages ?? [])
          .filter((message) => message.ruleId !== null && message.ruleId.startsWith('many-first/'))
          .map((message) => ({
            rule: message.ruleId!,
            severity: message.severity === 2 ? ('error' as const) : ('warning' as const),
            file,
            line: message.line,
            column: message.column,
            message: message.message,
          }));
      },
    };
  } catch (error) {
    return {
      unavailable: `ESLint could not be loaded, so the plugin's rules were not run: ${(error as Error).message}`,
    };
  }
}

export type { Diagnostic };
