import { completable } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { renderTableDescription, describeTable } from '../tools/describe-table.js';
import { exampleModel, kebabCase, modelFacts, pascalCase, recipe } from './task-text.js';
import { definePrompt, userPrompt } from './prompt.js';
import { findTable } from '../tools/lookup.js';
import type { TableNameCompleter } from './index.js';

export function newModelPrompt(completeTable: TableNameCompleter) {
  return definePrompt({
    name: 'new-model',
    config: {
      title: 'New model',
      description:
        'Create the many-first model module for a Drizzle table, following the skill and this project.',
      argsSchema: {
        table: completable(
          z.string().describe('The table to build the model on (TS or SQL name).'),
          completeTable,
        ),
      },
    },
    build({ table: name }, project) {
      const { inspection } = project;
      const table = findTable(project, name);
      const plural = pascalCase(table.name);
      const existing = project.modelOf(table);
      const text = [
        `Create the many-first model module for the Drizzle table \`${table.name}\` (SQL \`${table.sqlName}\`).`,
        '',
        'Project facts (from the many-first MCP server):',
        modelFacts(project, table),
        existing === undefined
          ? `- Suggested file: src/models/${kebabCase(table.name)}.ts.`
          : '- Extend the existing module instead of creating a second one.',
        `- Ops are exported under plural names: insert${plural}, select${plural}, update${plural}, delete${plural}.`,
        exampleModel(inspection),
        '',
        renderTableDescription(describeTable(project, table.name)),
        '',
        recipe(
          /model/i,
          'Build it with createModelFactory(db, tableName, table) and re-export each op under its plural name; every op takes and returns arrays.',
        ),
        '',
        'When the file is written, run the lint_code tool on it (filename = its path) and fix every finding.',
      ]
        .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
        .join('\n');
      return userPrompt(`New model for ${table.name}`, text);
    },
  });
}
