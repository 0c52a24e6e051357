/**
 * The readable report of `many-first inspect`: one section per part of the inspection, grouped by file and
 * aligned in columns so a project of many tables reads top to bottom. Colour is decided by the caller.
 */
import type picocolors from 'picocolors';
import type { Finding, Inspection, Model, ServerAction, Table } from '../../mcp-server/index.js';
import { dataAccessFiles, type ProjectLayout } from '../../conventions/layout.js';
import { count } from '../../mcp-server/tools/render.js';

export type Colors = ReturnType<typeof picocolors.createColors>;

/** Beyond this many findings of one rule the report says how many more; `--json` lists them all. */
export const FINDINGS_SHOWN_PER_RULE = 20;

export interface ReportContext {
  /** Globs the schema files were looked for with, named when no table is found. */
  schemaGlobs: readonly string[];
  /** Where the project keeps things, as discovered; the report says what the rules covered. */
  layout?: ProjectLayout;
  colors: Colors;
}

/** One line of what was found where: the files the rules covered, data access, the client, actions folders. */
function layoutLine(layout: ProjectLayout, c: Colors): string {
  const { found } = layout;
  const folders = layout.conventions.actions.map((glob) => glob.replace(/\/\*\*.*$/, '/'));
  return c.dim(
    [
      `${count(layout.sourceFiles.length, 'source file')} linted`,
      `data access: ${count(dataAccessFiles(layout).length, 'module')}`,
      `database client: ${found.dbModules.join(', ') || 'not found'}`,
      folders.length > 0 ? `actions folders: ${folders.join(', ')}` : 'no actions folder',
      ...(layout.configFile === undefined ? [] : [`overrides: ${layout.configFile}`]),
    ].join(' · '),
  );
}

/** Groups in first-seen order, which is file order for everything the index returns. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group === undefined) groups.set(name, [item]);
    else group.push(item);
  }
  return groups;
}

function widest(values: readonly string[]): number {
  return values.reduce((width, value) => Math.max(width, value.length), 0);
}

function sqlNameOf(table: Table): string {
  return table.schema === undefined ? table.sqlName : `${table.schema}.${table.sqlName}`;
}

/** `2 errors, 1 warning, 1 suggestion`, leaving out a severity that has none. */
function severities(findings: readonly Finding[], c: Colors): string {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const suggestions = findings.filter((finding) => finding.severity === 'suggestion').length;
  const warnings = findings.length - errors - suggestions;
  return [
    errors > 0 ? c.red(count(errors, 'error')) : '',
    warnings > 0 ? c.yellow(count(warnings, 'warning')) : '',
    suggestions > 0 ? c.cyan(count(suggestions, 'suggestion')) : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function summary(inspection: Inspection, c: Colors): string {
  const columns = inspection.tables.reduce((sum, table) => sum + table.columns.length, 0);
  const findings =
    inspection.findings.length === 0 ? c.green('no findings') : severities(inspection.findings, c);
  const diagnostics =
    inspection.diagnostics.length === 0
      ? 'no parse diagnostics'
      : c.yellow(count(inspection.diagnostics.length, 'parse diagnostic'));
  return [
    `${count(inspection.tables.length, 'table')} (${count(columns, 'column')})`,
    count(inspection.models.length, 'model'),
    count(inspection.actions.length, 'server action'),
    findings,
    diagnostics,
  ].join(' · ');
}

function tablesSection(tables: readonly Table[], { colors: c, schemaGlobs }: ReportContext): string[] {
  if (tables.length === 0) {
    return [
      `${c.bold('Tables')}: none found; no source file declares a drizzle table (pgTable, sqliteTable, mysqlTable), nor ${schemaGlobs.join(', ')}`,
    ];
  }
  const byFile = groupBy(tables, (table) => table.file);
  const nameWidth = widest(tables.map((table) => table.name));
  const sqlWidth = widest(tables.map(sqlNameOf));
  const columnsWidth = widest(tables.map((table) => count(table.columns.length, 'column')));
  const lines = [c.bold(`Tables (${tables.length}, in ${count(byFile.size, 'schema file')})`)];
  for (const [file, group] of byFile) {
    lines.push(`  ${c.cyan(file)}`);
    for (const table of group) {
      const model = table.model === undefined ? c.yellow('no model') : `model ${table.model}`;
      lines.push(
        `    ${table.name.padEnd(nameWidth)}  ${c.dim(sqlNameOf(table).padEnd(sqlWidth))}  ` +
          `${count(table.columns.length, 'column').padStart(columnsWidth)}  ${model}`,
      );
    }
  }
  return lines;
}

function opsOf(model: Model, c: Colors): string {
  if (model.factoryCall === undefined) return c.yellow('not built with createModelFactory');
  const ops = model.ops.length === 0 ? 'no ops exported' : model.ops.map((op) => op.op).join(' ');
  const others = model.otherExports.length === 0 ? '' : c.dim(` + ${model.otherExports.join(', ')}`);
  return `${ops}${others}`;
}

function modelsSection(models: readonly Model[], { colors: c }: ReportContext): string[] {
  if (models.length === 0) return [`${c.bold('Models')}: none found`];
  const fileWidth = widest(models.map((model) => model.file));
  const tableWidth = widest(models.map((model) => model.table ?? '?'));
  const lines = [c.bold(`Models (${models.length})`)];
  for (const model of models) {
    lines.push(
      `  ${c.cyan(model.file.padEnd(fileWidth))}  ${(model.table ?? '?').padEnd(tableWidth)}  ${opsOf(model, c)}`,
    );
  }
  return lines;
}

function actionDetails(action: ServerAction, c: Colors): string {
  const called = [...action.modelOpsCalled, ...action.modelFunctionsCalled];
  const parts = [`calls ${called.length === 0 ? c.dim('—') : called.join(', ')}`];
  if (action.directDbUse.length > 0) {
    parts.push(`db ${action.directDbUse.map((use) => `${use.method}:${use.line}`).join(', ')}`);
  }
  if (action.redirects.length > 0) {
    parts.push(c.red(action.redirects.map((call) => `${call.callee}:${call.line}`).join(', ')));
  }
  return parts.join('; ');
}

function actionsSection(actions: readonly ServerAction[], { colors: c }: ReportContext): string[] {
  if (actions.length === 0) return [`${c.bold('Server actions')}: none found`];
  const byFile = groupBy(actions, (action) => action.file);
  const nameWidth = widest(actions.map((action) => action.name));
  const lineWidth = widest(actions.map((action) => String(action.line)));
  const lines = [c.bold(`Server actions (${actions.length}, in ${count(byFile.size, 'file')})`)];
  for (const [file, group] of byFile) {
    const inline = group.every((action) => action.directive === 'inline');
    lines.push(
      `  ${c.cyan(file)}  ${c.dim(inline ? "'use server' in the function" : "'use server' module")}`,
    );
    for (const action of group) {
      lines.push(
        `    ${action.name.padEnd(nameWidth)}  ${c.dim(`:${String(action.line).padEnd(lineWidth)}`)}  ${actionDetails(action, c)}`,
      );
    }
  }
  return lines;
}

function where(finding: Finding): string {
  return `${finding.file}:${finding.line}${finding.column === undefined ? '' : `:${finding.column}`}`;
}

function findingsSection(findings: readonly Finding[], { colors: c }: ReportContext): string[] {
  if (findings.length === 0) {
    return [`${c.bold('Findings')}: ${c.green('none')} (the ESLint plugin's rules and the structure checks)`];
  }
  const byRule = groupBy(
    [...findings].sort((a, b) => a.rule.localeCompare(b.rule)),
    (finding) => finding.rule,
  );
  const lines = [c.bold(`Findings (${findings.length})`)];
  for (const [rule, group] of byRule) {
    lines.push(`  ${rule}  ${severities(group, c)}`);
    const shown = group.slice(0, FINDINGS_SHOWN_PER_RULE);
    const whereWidth = widest(shown.map(where));
    for (const finding of shown) {
      lines.push(`    ${c.dim(where(finding).padEnd(whereWidth))}  ${finding.message}`);
    }
    if (group.length > shown.length) {
      lines.push(c.dim(`    … ${group.length - shown.length} more; --json lists every finding`));
    }
  }
  return lines;
}

function diagnosticsSection(inspection: Inspection, { colors: c }: ReportContext): string[] {
  if (inspection.diagnostics.length === 0) return [`${c.bold('Parse diagnostics')}: none`];
  const locations = inspection.diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line}`);
  const width = widest(locations);
  return [
    c.bold(`Parse diagnostics (${inspection.diagnostics.length}; the rest of the project is reported above)`),
    ...inspection.diagnostics.map(
      (diagnostic, index) => `  ${c.yellow(locations[index]!.padEnd(width))}  ${diagnostic.message}`,
    ),
  ];
}

/** The whole report, ending with a newline. */
export function renderReport(inspection: Inspection, context: ReportContext): string {
  const c = context.colors;
  const sections = [
    [
      `${c.bold('many-first inspect')} ${inspection.root} ${c.dim(`(${inspection.dialect})`)}`,
      summary(inspection, c),
      ...(context.layout === undefined ? [] : [layoutLine(context.layout, c)]),
    ],
    tablesSection(inspection.tables, context),
    modelsSection(inspection.models, context),
    actionsSection(inspection.actions, context),
    findingsSection(inspection.findings, context),
    diagnosticsSection(inspection, context),
  ];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
