/** Pieces the three prompts share: the skill's recipe (or a pointer to it) and the project's facts. */
import type { Inspection, Table } from '../project/model.js';
import type { ProjectIndex } from '../project/project-index.js';
import { commonTask } from './common-tasks.js';

/** The skill's recipe for a task, or where to read the conventions when the installed skill has none. */
export function recipe(pattern: RegExp, fallback: string): string {
  const task = commonTask(pattern);
  if (task !== undefined) return `Steps from the skill (${task.source}):\n\n${task.text}`;
  return `${fallback}\nThe conventions are in the many-first://skill/SKILL.md resource; read it first.`;
}

/** `recipeTags` → `recipe-tags`: the file name models and actions use in a many-first project. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[_\s]+/g, '-')
    .toLowerCase();
}

/** `recipe_tags` → `RecipeTags`, for op names like `insertRecipeTags`. */
export function pascalCase(name: string): string {
  return name
    .split(/[_\-\s]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** One line on the table's model: its file and ops, or that it has none. */
export function modelFacts(project: ProjectIndex, table: Table): string {
  const model = project.modelOf(table);
  if (model === undefined) return `- ${table.name} has no model module yet.`;
  const ops = model.ops.map((op) => op.exportName).join(', ') || 'no ops';
  return `- Its model is ${model.file} (${ops}); call these ops rather than querying the table directly.`;
}

/** A model others can copy: the first one built with the factory. */
export function exampleModel(inspection: Inspection): string {
  const example = inspection.models.find((model) => model.factoryCall !== undefined && model.ops.length > 0);
  return example === undefined ? '' : `- An existing model to follow: ${example.file}.`;
}
