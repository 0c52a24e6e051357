import { z } from 'zod';
import { pluginRuleIds } from '../code-linter.js';
import { STRUCTURE_RULES } from '../project/findings.js';
import { closeMatches } from '../project/suggestions.js';
import { notFoundError } from './close-matches.js';
import { conventionFindings } from './convention-findings.js';
import { cursorInput, limitInput, pageOutput, pageSummary, paginate } from './lists.js';
import { findingSchema, findingSeveritySchema } from './schemas.js';
import { defineTool, READ_ONLY_ANNOTATIONS } from './tool.js';

const inputSchema = z.object({
  rules: z
    .array(z.string().min(1).max(200))
    .max(50)
    .optional()
    .describe(
      'Only findings of these rules, by full id (`many-first/no-redirect-in-server-actions`, ' +
        '`structure/table-without-model`) or without the prefix. Omit for all.',
    ),
  severity: findingSeveritySchema.optional().describe('Only findings of this severity.'),
  file: z
    .string()
    .max(500)
    .optional()
    .describe('Only findings in this file or folder (relative to the root).'),
  limit: limitInput,
  cursor: cursorInput,
});

const outputSchema = z.object({
  findings: z.array(findingSchema),
  byRule: z
    .array(z.object({ rule: z.string(), count: z.number().int() }))
    .describe('How many of the matching findings each rule has.'),
  ...pageOutput,
});

/** `no-dynamic-imports` → `many-first/no-dynamic-imports`, when that is the only rule it can mean. */
function resolveRule(requested: string, known: readonly string[]): string | undefined {
  if (known.includes(requested)) return requested;
  const bySuffix = known.filter((rule) => rule.endsWith(`/${requested}`));
  return bySuffix.length === 1 ? bySuffix[0] : undefined;
}

export const checkConventions = defineTool({
  name: 'check_conventions',
  config: {
    title: 'Check conventions',
    description:
      "Lists the project's convention findings: the many-first ESLint rules (no redirect or direct db use " +
      "in server actions, no single-record wrappers, no dynamic imports, 'use server' placement) and " +
      'structure checks (a table without a model, a model not built with createModelFactory, an action ' +
      'file without the directive; once per project, as a suggestion, the modelled tables without a test ' +
      'factory when the project writes test factories). Each finding has rule, severity, file, line and message. Filter by ' +
      'rules, severity or file; page with cursor. Next: lint_code to check a fix before writing it.',
    inputSchema,
    outputSchema,
    annotations: READ_ONLY_ANNOTATIONS,
  },
  async handler({ rules, severity, file, limit, cursor }, { project, guard }) {
    // Runs the plugin's rules over the convention files; each file is linted again only when it changes.
    const findings = await conventionFindings(project);
    const known = [
      ...new Set([
        ...findings.map((finding) => finding.rule),
        ...Object.values(STRUCTURE_RULES),
        ...(await pluginRuleIds()),
      ]),
    ].sort();
    let wantedRules: Set<string> | undefined;
    if (rules !== undefined && rules.length > 0) {
      wantedRules = new Set();
      for (const requested of rules) {
        const rule = resolveRule(requested.trim(), known);
        if (rule === undefined) {
          // Compared without the `many-first/` or `structure/` prefix, which a model often leaves out.
          const short = (id: string) => id.slice(id.indexOf('/') + 1);
          const close = closeMatches(short(requested), known.map(short)).map((name) =>
            known.find((id) => short(id) === name)!,
          );
          throw notFoundError(
            'rule',
            requested,
            { suggestions: close },
            `the rules are: ${known.join(', ')}`,
          );
        }
        wantedRules.add(rule);
      }
    }
    const folder = file === undefined ? undefined : guard.resolve(file, { label: 'file' }).relative;
    const inFolder = (path: string) =>
      folder === undefined || folder === '.' || path === folder || path.startsWith(`${folder}/`);
    const matching = findings
      .filter(
        (finding) =>
          (wantedRules === undefined || wantedRules.has(finding.rule)) &&
          (severity === undefined || finding.severity === severity) &&
          inFolder(finding.file),
      )
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
    const counts = new Map<string, number>();
    for (const finding of matching) counts.set(finding.rule, (counts.get(finding.rule) ?? 0) + 1);
    const byRule = [...counts.entries()]
      .map(([rule, count]) => ({ rule, count }))
      .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
    const query = {
      tool: 'check_conventions',
      rules: wantedRules && [...wantedRules].sort(),
      severity,
      folder,
    };
    const page = paginate(matching, { limit, cursor }, query);
    const lines = [pageSummary(page, 'finding')];
    if (byRule.length > 0)
      lines.push(`By rule: ${byRule.map((entry) => `${entry.rule} ${entry.count}`).join(', ')}`);
    for (const finding of page.items) {
      const where = `${finding.file}:${finding.line}${finding.column !== undefined ? `:${finding.column}` : ''}`;
      lines.push(`${where} ${finding.severity} ${finding.rule}: ${finding.message}`);
    }
    const structured: z.input<typeof outputSchema> = { findings: page.items, byRule, total: page.total };
    if (page.nextCursor !== undefined) structured.nextCursor = page.nextCursor;
    return { structuredContent: structured, text: lines.join('\n') };
  },
});
