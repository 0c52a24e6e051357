/**
 * Adds the many-first plugin to a project's flat ESLint config. The file is parsed, never pattern-matched:
 * an edit is made only where the syntax tree shows one of the simple shapes below, and the result must
 * parse again; anything else is left to the user with the lines to add.
 */
import { ts } from 'ts-morph';

/** The config file names ESLint looks for, in its own order of precedence. */
export const ESLINT_CONFIG_FILES = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
] as const;

export const PLUGIN_SPECIFIER = 'many-first/eslint-plugin';

export interface PluginLines {
  /** The import statement, e.g. `import manyFirst from 'many-first/eslint-plugin';`. */
  importLine: string;
  /** The config array element, e.g. `manyFirst.configs.recommended` (spread when it is an array). */
  element: string;
}

export type EslintConfigEdit =
  | { kind: 'already-configured' }
  | { kind: 'edited'; text: string; shape: string }
  | { kind: 'manual'; reason: string; lines: PluginLines };

/**
 * The two lines a user adds by hand, for an ES module or a CommonJS config. The element reads the
 * project's layout from the config file's own folder (`configsFor`), so `npx eslint .` lints what
 * `many-first lint` lints; it also ignores build output (`.next/`, `out/`, …) for the whole config.
 */
export function pluginLines(options: {
  binding: string;
  recommendedIsArray: boolean;
  commonJs?: boolean;
}): PluginLines {
  const { binding, recommendedIsArray, commonJs = false } = options;
  const access = `${binding}.configsFor(${commonJs ? '__dirname' : 'import.meta.dirname'}).recommended`;
  return {
    importLine: commonJs
      ? `const ${binding} = require('${PLUGIN_SPECIFIER}').default;`
      : `import ${binding} from '${PLUGIN_SPECIFIER}';`,
    element: recommendedIsArray ? `...${access}` : access,
  };
}

/** A whole new config for a project that has none. */
export function newEslintConfig(recommendedIsArray: boolean): string {
  const lines = pluginLines({ binding: 'manyFirst', recommendedIsArray });
  return [
    '// The many-first conventions: arrays in model ops, result objects from server actions, static imports.',
    lines.importLine,
    '',
    `export default [${lines.element}];`,
    '',
  ].join('\n');
}

function scriptKind(fileName: string): ts.ScriptKind {
  return /\.[cm]?ts$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}

function parse(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
}

function hasSyntaxErrors(source: ts.SourceFile): boolean {
  // parseDiagnostics is internal but stable; it is the only way to learn of syntax errors without a Program.
  const diagnostics = (source as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics !== undefined && diagnostics.length > 0;
}

function importsPlugin(source: ts.SourceFile): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isStringLiteralLike(node) && node.text === PLUGIN_SPECIFIER) {
      const parent = node.parent;
      if (
        ts.isImportDeclaration(parent) ||
        (ts.isCallExpression(parent) &&
          ts.isIdentifier(parent.expression) &&
          parent.expression.text === 'require')
      ) {
        found = true;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function identifiersIn(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** `manyFirst`, or a variant when the file already uses that name. */
function freeBinding(source: ts.SourceFile): string {
  const taken = identifiersIn(source);
  for (const candidate of ['manyFirst', 'manyFirstPlugin', 'manyFirstEslintPlugin']) {
    if (!taken.has(candidate)) return candidate;
  }
  let index = 2;
  while (taken.has(`manyFirst${index}`)) index += 1;
  return `manyFirst${index}`;
}

interface Target {
  /** The array literal or call whose elements/arguments are config objects. */
  list: ts.NodeArray<ts.Expression>;
  /** Position of the closing `]` or `)`. */
  close: number;
  shape: string;
}

const CONFIG_HELPERS = new Set(['defineConfig', 'config']);

/**
 * The list of config objects when the default export is `[...]`, `defineConfig(...)` or `tseslint.config(...)`,
 * directly or through one `const` declared in the same file.
 */
function findTarget(source: ts.SourceFile): Target | undefined {
  let exported: ts.Expression | undefined;
  for (const statement of source.statements) {
    if (ts.isExportAssignment(statement) && !statement.isExportEquals) exported = statement.expression;
  }
  if (exported !== undefined && ts.isIdentifier(exported)) {
    const name = exported.text;
    exported = undefined;
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      if ((statement.declarationList.flags & ts.NodeFlags.Const) === 0) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name)
          exported = declaration.initializer;
      }
    }
  }
  while (exported !== undefined && (ts.isSatisfiesExpression(exported) || ts.isAsExpression(exported))) {
    exported = exported.expression;
  }
  if (exported === undefined) return undefined;
  if (ts.isArrayLiteralExpression(exported)) {
    return { list: exported.elements, close: exported.getEnd() - 1, shape: 'export default [...]' };
  }
  if (ts.isCallExpression(exported)) {
    const callee = exported.expression;
    const name = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : undefined;
    if (name === undefined || !CONFIG_HELPERS.has(name)) return undefined;
    // A single array argument (`defineConfig([...])`) is the list itself.
    const only = exported.arguments.length === 1 ? exported.arguments[0] : undefined;
    if (only !== undefined && ts.isArrayLiteralExpression(only)) {
      return { list: only.elements, close: only.getEnd() - 1, shape: `${callee.getText()}([...])` };
    }
    return { list: exported.arguments, close: exported.getEnd() - 1, shape: `${callee.getText()}(...)` };
  }
  return undefined;
}

function lineIndent(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

interface Insertion {
  position: number;
  text: string;
}

/** The import goes after the last top-level import, or at the top below leading comments. */
function importInsertion(text: string, source: ts.SourceFile, importLine: string): Insertion {
  const last = source.statements.filter(ts.isImportDeclaration).at(-1);
  if (last !== undefined) return { position: last.getEnd(), text: `\n${importLine}` };
  const first = source.statements[0];
  return { position: first === undefined ? text.length : first.getStart(source), text: `${importLine}\n\n` };
}

/** The elements go last in the list, keeping the list's layout and trailing-comma style. */
function elementInsertion(text: string, target: Target, elements: readonly string[]): Insertion {
  const last = target.list.at(-1);
  if (last === undefined) return { position: target.close, text: elements.join(', ') };
  const afterLast = last.getEnd();
  const between = text.slice(afterLast, target.close);
  const multiline = between.includes('\n');
  const indent = lineIndent(text, last.getStart());
  const element = elements.join(multiline ? `,\n${indent}` : ', ');
  if (target.list.hasTrailingComma) {
    return {
      position: afterLast + between.indexOf(',') + 1,
      text: multiline ? `\n${indent}${element},` : ` ${element},`,
    };
  }
  return { position: afterLast, text: multiline ? `,\n${indent}${element}` : `, ${element}` };
}

function applyInsertions(text: string, insertions: Insertion[]): string {
  // From the end backwards, so earlier positions stay valid.
  return [...insertions]
    .sort((a, b) => b.position - a.position)
    .reduce(
      (result, { position, text: inserted }) => result.slice(0, position) + inserted + result.slice(position),
      text,
    );
}

/**
 * Plans the edit of an existing config file. `recommendedIsArray` tells whether the plugin's recommended
 * config must be spread into a plain array.
 */
export function planEslintConfigEdit(
  fileName: string,
  text: string,
  recommendedIsArray: boolean,
): EslintConfigEdit {
  const source = parse(fileName, text);
  const commonJs = fileName.endsWith('.cjs') || fileName.endsWith('.cts');
  const manual = (reason: string, binding = 'manyFirst'): EslintConfigEdit => ({
    kind: 'manual',
    reason,
    lines: pluginLines({ binding, recommendedIsArray, commonJs }),
  });
  if (hasSyntaxErrors(source)) return manual(`${fileName} does not parse`);
  if (importsPlugin(source)) return { kind: 'already-configured' };
  if (commonJs) return manual(`${fileName} is CommonJS`);
  const target = findTarget(source);
  if (target === undefined) {
    return manual(`${fileName} does not default-export an array, defineConfig(...) or tseslint.config(...)`);
  }
  const binding = freeBinding(source);
  const lines = pluginLines({ binding, recommendedIsArray });
  const edited = applyInsertions(text, [
    elementInsertion(text, target, [lines.element]),
    importInsertion(text, source, lines.importLine),
  ]);
  if (hasSyntaxErrors(parse(fileName, edited)) || findTarget(parse(fileName, edited)) === undefined) {
    return manual(`editing ${fileName} would not leave valid code`, binding);
  }
  return { kind: 'edited', text: edited, shape: target.shape };
}
