import { z } from 'zod';
import type { ServerAction } from '../project/model.js';
import {
  cursorInput,
  filterInput,
  limitInput,
  matchesFilter,
  pageOutput,
  pageSummary,
  paginate,
  verboseInput,
} from './lists.js';
import { ToolInputError, defineTool, READ_ONLY_ANNOTATIONS } from './tool.js';

const inputSchema = z.object({
  file: z
    .string()
    .max(500)
    .optional()
    .describe('Only the actions in this file or folder (relative to the project root).'),
  filter: filterInput.describe('Keep actions whose name or file contains this text (case-insensitive).'),
  verbose: verboseInput.describe('Include lines of db calls and redirects, and revalidated paths.'),
  limit: limitInput,
  cursor: cursorInput,
});

const actionEntry = z.object({
  name: z.string(),
  file: z.string(),
  line: z.number().int(),
  directive: z
    .enum(['module', 'inline'])
    .describe("Where 'use server' is: the file's prologue or the function's body."),
  exported: z.boolean(),
  modelOpsCalled: z.array(z.string()).describe('Model ops the action calls, e.g. insertTags.'),
  modelFunctionsCalled: z
    .array(z.string())
    .describe(
      "Other functions of model modules the action calls (the model's business logic), e.g. issueInvoices.",
    ),
  directDbUse: z
    .array(z.object({ method: z.string(), line: z.number().int() }))
    .describe('Direct database calls (the convention is to go through model ops).'),
  redirects: z
    .array(z.object({ callee: z.string(), line: z.number().int() }))
    .describe('redirect()-like calls (the convention is to return { success } instead).'),
  revalidates: z
    .array(z.string())
    .optional()
    .describe('Only with verbose: revalidatePath/revalidateTag arguments.'),
});

const outputSchema = z.object({ actions: z.array(actionEntry), ...pageOutput });

function entryOf(action: ServerAction, verbose: boolean): z.input<typeof actionEntry> {
  const entry: z.input<typeof actionEntry> = {
    name: action.name,
    file: action.file,
    line: action.line,
    directive: action.directive,
    exported: action.exported,
    modelOpsCalled: action.modelOpsCalled,
    modelFunctionsCalled: action.modelFunctionsCalled,
    directDbUse: action.directDbUse,
    redirects: action.redirects,
  };
  if (verbose) entry.revalidates = action.revalidates;
  return entry;
}

export const listServerActions = defineTool({
  name: 'list_server_actions',
  config: {
    title: 'List server actions',
    description:
      "Lists the server actions ('use server' modules and functions), grouped by file: directive kind, " +
      'the model ops each calls, direct database calls and redirect() calls (both against the conventions: ' +
      'actions go through model ops and return { success, … }). Narrow with file or filter; page with cursor. ' +
      'Next: find_usages for where an action is used, check_conventions for every finding.',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY_ANNOTATIONS,
  },
  handler({ file, filter, verbose, limit, cursor }, { project, guard }) {
    let folder: string | undefined;
    if (file !== undefined) {
      const { relative } = guard.resolve(file, { label: 'file' });
      folder = relative;
    }
    const inFolder = (path: string) =>
      folder === undefined || folder === '.' || path === folder || path.startsWith(`${folder}/`);
    const matching = project.inspection.actions.filter(
      (action) => inFolder(action.file) && matchesFilter(filter, action.name, action.file),
    );
    if (matching.length === 0 && folder !== undefined && folder !== '.') {
      const files = [...new Set(project.inspection.actions.map((action) => action.file))];
      if (!files.some(inFolder)) {
        throw new ToolInputError(
          `no server actions in '${folder}'; files with actions: ${files.slice(0, 10).join(', ') || 'none'}`,
        );
      }
    }
    const sorted = [...matching].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    const entries = sorted.map((action) => entryOf(action, verbose));
    const page = paginate(
      entries,
      { limit, cursor },
      { tool: 'list_server_actions', folder, filter, verbose },
    );
    const lines = [pageSummary(page, 'server action')];
    let currentFile: string | undefined;
    for (const action of page.items) {
      if (action.file !== currentFile) {
        currentFile = action.file;
        lines.push(action.file);
      }
      const notes = [
        action.directive === 'inline' ? "inline 'use server'" : '',
        action.exported ? '' : 'not exported',
      ];
      const called = [...action.modelOpsCalled, ...action.modelFunctionsCalled];
      notes.push(called.length > 0 ? `calls ${called.join(', ')}` : 'no model ops');
      if (action.directDbUse.length > 0) {
        notes.push(`direct db: ${action.directDbUse.map((use) => `${use.method}:${use.line}`).join(', ')}`);
      }
      if (action.redirects.length > 0) {
        notes.push(`redirects: ${action.redirects.map((call) => `${call.callee}:${call.line}`).join(', ')}`);
      }
      if (action.revalidates !== undefined && action.revalidates.length > 0) {
        notes.push(`revalidates ${action.revalidates.join(', ')}`);
      }
      lines.push(`  ${action.name} :${action.line} · ${notes.filter(Boolean).join(' · ')}`);
    }
    const structured: z.input<typeof outputSchema> = { actions: page.items, total: page.total };
    if (page.nextCursor !== undefined) structured.nextCursor = page.nextCursor;
    return { structuredContent: structured, text: lines.join('\n') };
  },
});
