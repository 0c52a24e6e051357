import picocolors from 'picocolors';
import { closeProject, openProject, ProjectError, type Inspection } from '../../mcp-server/index.js';
import { renderReport } from '../inspect/report.js';
import { parseCommandLine } from '../arguments.js';
import { CliError, type CliIO, type CommandModule } from '../io.js';
import { directoryArgument, projectDirectory } from '../project-directory.js';

const usage = `Usage: many-first inspect [dir] [--json]

Reads the project in dir (default: the current directory) by static analysis, without running its code,
and prints its SQL dialect, the Drizzle tables with their column counts and models, the model modules and
their ops, the server actions (model ops they call, direct db calls, redirects), the convention findings
per rule (the ESLint plugin's rules and the structure checks) and the files that failed to parse. Paths
follow the project's conventions (many-first.config.json or package.json#manyFirst).

Options:
  --json  print the inspection model instead: { root, dialect, tables, models, actions, findings,
          diagnostics }, root the absolute project path, every other path relative to it

Exit codes: 0 the project was inspected (findings and parse diagnostics included; \`many-first lint\` is
the gate), 1 the project's many-first configuration is malformed, 2 the directory or the options are wrong.`;

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
function colorsFor(stream: CliIO['stdout']): boolean {
  const noColor = process.env.NO_COLOR;
  return (stream as { isTTY?: boolean }).isTTY === true && (noColor === undefined || noColor === '');
}

/** The public `--json` shape (DESIGN.md, "Inspection model"), built key by key so nothing else slips in. */
function jsonOf(inspection: Inspection): Inspection {
  const { root, dialect, tables, models, actions, findings, diagnostics } = inspection;
  return { root, dialect, tables, models, actions, findings, diagnostics };
}

export const inspectCommand: CommandModule = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: 'boolean', default: false } });
    const root = projectDirectory(directoryArgument(positionals) ?? '.', io);

    let project;
    try {
      // One answer and exit: no folder watchers; the rules run on each file from the tree the analysis parses.
      project = await openProject(root, { watch: false, findings: true });
    } catch (error) {
      // The root exists, so what remains is a malformed many-first.config.json or package.json#manyFirst.
      if (error instanceof ProjectError) throw new CliError(error.message, 1);
      throw error;
    }
    try {
      // Runs the plugin's rules over the convention files, as check_conventions does; inspection then has them.
      await project.checkConventions();
      const { inspection } = project;
      if (values.json) {
        io.stdout.write(`${JSON.stringify(jsonOf(inspection), null, 2)}\n`);
      } else {
        const colors = picocolors.createColors(colorsFor(io.stdout));
        io.stdout.write(
          renderReport(inspection, {
            schemaGlobs: project.schemaGlobs,
            layout: project.layout,
            colors,
          }),
        );
      }
      return 0;
    } finally {
      closeProject(root);
    }
  },
};
