/**
 * createAnalysis wires the derivations once. None changes another's output: the tables it hands out carry
 * their model and test factory as new objects, so the schema reading stays as the evaluator made it, and
 * every answer is the same whatever was asked first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAnalysis, type Analysis } from '../../../mcp-server/project/analysis.js';
import { createConventionMatchers } from '../../../mcp-server/project/convention-matchers.js';
import { collectFileFacts, type FileFacts } from '../../../mcp-server/project/file-facts.js';
import { createModuleResolver } from '../../../mcp-server/project/module-resolver.js';
import { parseSource } from '../../../mcp-server/project/parse.js';
import { closeProject, openProject, readSchema } from '../../../mcp-server/project/project-index.js';
import { DEFAULT_CONVENTIONS } from '../../../conventions/index.js';
import type { ts } from 'ts-morph';
import { createTempProject, SMALL_PROJECT, type TempProject } from '../server/projects.js';
import { AT_ALIAS } from './in-memory.js';

function analysisOf(sources: Record<string, string>): Analysis {
  const files = Object.keys(sources).sort();
  const resolver = createModuleResolver((file) => files.includes(file), AT_ALIAS);
  const parsed = new Map<string, { sourceFile: ts.SourceFile; facts: FileFacts }>();
  for (const file of files) {
    const sourceFile = parseSource(file, sources[file]!);
    parsed.set(file, {
      sourceFile,
      facts: collectFileFacts(sourceFile, { resolve: (specifier) => resolver.resolve(specifier, file) }),
    });
  }
  return createAnalysis({
    files,
    factsOf: (file) => parsed.get(file)?.facts,
    module: (file) => {
      const module = parsed.get(file);
      return module === undefined ? undefined : { file, ...module };
    },
    matchers: createConventionMatchers(DEFAULT_CONVENTIONS),
  });
}

const sources = Object.fromEntries(Object.entries(SMALL_PROJECT).filter(([file]) => file.endsWith('.ts')));

describe('createAnalysis', () => {
  it('joins tables with their model without touching the schema reading', () => {
    const analysis = analysisOf(sources);
    const [joined] = analysis.tables();
    expect(joined).toMatchObject({ name: 'items', model: 'src/models/items.ts' });
    const [read] = analysis.schema().extraction.tables;
    expect(read).not.toBe(joined);
    expect(read!.model).toBeUndefined();
  });

  it('answers the same whatever is asked first', () => {
    const answers = (analysis: Analysis) => ({
      tables: analysis.tables(),
      models: analysis.models().models,
      actions: analysis.actions(),
      usages: [...analysis.usages()],
    });
    const tablesFirst = analysisOf(sources);
    tablesFirst.tables();
    const actionsFirst = analysisOf(sources);
    actionsFirst.actions();
    actionsFirst.usages();
    expect(answers(actionsFirst)).toEqual(answers(tablesFirst));
  });
});

describe('the project index after a model edit', () => {
  let project: TempProject | undefined;
  afterEach(() => {
    if (project !== undefined) {
      closeProject(project.root);
      project.remove();
    }
  });

  it('drops the model from the table, whichever query comes first, and readSchema never has one', async () => {
    project = createTempProject();
    const index = await openProject(project.root, { watch: false });
    expect(index.findTable('items').table?.model).toBe('src/models/items.ts');

    project.write('src/models/items.ts', 'export const nothing = 1;\n');
    await index.refresh();
    // neighbours reads tables without asking for models first.
    expect(index.neighbours(index.findTable('items').table!)[0]!.model).toBeUndefined();
    expect(index.inspection.tables[0]!.model).toBeUndefined();
    expect(readSchema(project.root).tables[0]!.model).toBeUndefined();
  });
});
