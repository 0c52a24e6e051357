import { z } from 'zod';
import { TypeScriptApiError } from '../../eslint-plugin/typescript-parser.js';
import { EslintMissingError, EslintVersionError, lintCode as runLinter } from '../code-linter.js';
import { count } from './render.js';
import { defineTool, READ_ONLY_ANNOTATIONS, ToolInputError } from './tool.js';

/** About 12k lines of code; more is not a snippet an assistant is about to write. */
const MAX_CODE = 500_000;
const MAX_MESSAGES = 100;

const inputSchema = z.object({
  code: z.string().max(MAX_CODE).describe('The source text to check, as it would be written to the file.'),
  filename: z
    .string()
    .min(1)
    .max(500)
    .describe(
      'The root-relative file the code is meant for, e.g. `src/actions/tags.ts`; it decides which rules ' +
        'apply (server-action rules under the actions folder, model rules under models). It need not exist.',
    ),
});

const messageSchema = z.object({
  ruleId: z.string().optional().describe('Absent for a parse error.'),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  endLine: z.number().int().optional(),
  endColumn: z.number().int().optional(),
  fatal: z.boolean().optional().describe('A parse error: fix the syntax first, nothing else was checked.'),
  suggestions: z.array(z.string()).optional().describe('What each suggested fix would do.'),
});

const outputSchema = z.object({
  filename: z.string(),
  rules: z.array(z.string()).describe('The many-first rules that apply to this file name.'),
  messages: z.array(messageSchema).describe(`At most ${MAX_MESSAGES}, in source order.`),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
});

export const lintCodeTool = defineTool({
  name: 'lint_code',
  config: {
    title: 'Lint code',
    description:
      'Checks code before you write it: runs the many-first ESLint rules on the code you pass, as if it ' +
      'were the file named by filename (nothing is written). Returns each problem with rule, line, message ' +
      'and suggested fixes, and the rules that apply to that path; an empty messages list means it follows ' +
      'the conventions. Use it on every server action, model or component you are about to write, fix and ' +
      'lint again. Needs ESLint installed in the project.',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY_ANNOTATIONS,
  },
  async handler({ code, filename }, { guard, project }) {
    const { relative, absolute } = guard.resolve(filename, { label: 'filename' });
    if (absolute === guard.root)
      throw new ToolInputError('filename names the project root; pass a file name');
    let outcome;
    try {
      outcome = await runLinter(guard.root, project.layout.conventions, relative, code);
    } catch (error) {
      if (
        error instanceof EslintMissingError ||
        error instanceof EslintVersionError ||
        error instanceof TypeScriptApiError
      ) {
        throw new ToolInputError(error.message);
      }
      throw error;
    }
    const structured: z.input<typeof outputSchema> = {
      filename: relative,
      rules: outcome.rules,
      messages: outcome.messages.slice(0, MAX_MESSAGES),
      errorCount: outcome.errorCount,
      warningCount: outcome.warningCount,
    };
    const lines = [
      `${relative}: ${count(outcome.errorCount, 'error')}, ${count(outcome.warningCount, 'warning')}` +
        (outcome.rules.length > 0
          ? ` (rules: ${outcome.rules.join(', ')})`
          : ' (no many-first rule applies here)'),
    ];
    for (const message of structured.messages) {
      const rule = message.ruleId ?? (message.fatal ? 'parse error' : 'eslint');
      lines.push(`${message.line}:${message.column} ${message.severity} ${rule}: ${message.message}`);
      for (const suggestion of message.suggestions ?? []) lines.push(`  suggestion: ${suggestion}`);
    }
    if (outcome.messages.length > MAX_MESSAGES) {
      lines.push(`… ${outcome.messages.length - MAX_MESSAGES} more messages; fix these first`);
    }
    return { structuredContent: structured, text: lines.join('\n') };
  },
});
