import { completable } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { Table } from '../project/model.js';
import type { ProjectIndex } from '../project/project-index.js';
import { findTable } from '../tools/lookup.js';
import { definePrompt, userPrompt } from './prompt.js';
import { kebabCase, modelFacts, recipe } from './task-text.js';
import type { TableNameCompleter } from './index.js';

/** Action files that already call the table's model: where a new action for it most likely belongs. */
function actionFilesFor(project: ProjectIndex, table: Table): string[] {
  const { inspection } = project;
  const model = project.modelOf(table);
  const names = new Set([...(model?.ops.map((op) => op.exportName) ?? []), ...(model?.otherExports ?? [])]);
  const files = inspection.actions
    .filter((action) =>
      [...action.modelOpsCalled, ...action.modelFunctionsCalled].some((name) => names.has(name)),
    )
    .map((action) => action.file);
  return [...new Set(files)].sort();
}

export function newServerActionPrompt(completeTable: TableNameCompleter) {
  return definePrompt({
    name: 'new-server-action',
    config: {
      title: 'New server action',
      description:
        "Write a server action the many-first way: 'use server', model ops instead of db calls, a { success } result instead of redirect().",
      argsSchema: {
        name: z.string().describe('The action to write, e.g. createTag.'),
        // Optional outside the completable: the SDK unwraps the optional to find the completer.
        table: completable(
          z.string().describe('The table it works on (TS or SQL name), to find its model ops.'),
          completeTable,
        ).optional(),
      },
    },
    build({ name, table: tableName }, project) {
      const { inspection } = project;
      const facts = ['Project facts (from the many-first MCP server):'];
      if (tableName !== undefined && tableName.trim() !== '') {
        const table = findTable(project, tableName);
        facts.push(modelFacts(project, table));
        const files = actionFilesFor(project, table);
        facts.push(
          files.length > 0
            ? `- Actions on ${table.name} already live in ${files.join(', ')}; add it there.`
            : `- No action works on ${table.name} yet; suggested file: src/actions/${kebabCase(table.name)}.ts.`,
        );
      }
      const example = inspection.actions.find(
        (action) =>
          action.directive === 'module' && action.redirects.length === 0 && action.directDbUse.length === 0,
      );
      if (example !== undefined)
        facts.push(`- An existing action to follow: ${example.name} in ${example.file}.`);
      const text = [
        `Write the server action \`${name}\`${tableName ? ` for the table \`${tableName}\`` : ''}.`,
        '',
        ...facts,
        '',
        recipe(
          /server action|action/i,
          "Put 'use server' first in the module, call model ops (never db directly), validate input, and return { success: true, ... } or { success: false, error } instead of calling redirect().",
        ),
        '',
        'Before writing the file, run the lint_code tool on the code with its filename and fix every finding.',
      ].join('\n');
      return userPrompt(`New server action ${name}`, text);
    },
  });
}
