/**
 * drizzle.config.ts read statically: the `schema` paths or globs, `dialect`, `casing` and `out` of a
 * `defineConfig({...})` call or a plain object export. The file is parsed, never executed; a value that
 * is not a literal (an environment variable, a computed path) is reported and ignored. Paths are read as
 * drizzle-kit reads them: from the folder it runs in (the project root), wherever the config file lives.
 */
import { posix } from 'node:path';
import { ts } from 'ts-morph';
import type { Casing } from './drizzle-columns.js';
import { propertyNameText, startLine, unwrap } from './file-facts.js';
import type { Dialect, Diagnostic } from './model.js';
import { parseErrorsOf, parseSource } from './parse.js';
import { readProjectFile } from '../../conventions/project-files.js';

export interface DrizzleConfig {
  /** Root-relative path of the config file that was read. */
  file: string;
  /** Root-relative globs of the schema files. */
  schema?: string[];
  dialect?: Dialect;
  /** drizzle-kit's own spelling: `postgresql`, `sqlite`, `turso`, `mysql`, … */
  dialectName?: string;
  casing?: Casing;
  out?: string;
}

const CONFIG_NAMES = [
  'drizzle.config.ts',
  'drizzle.config.mts',
  'drizzle.config.js',
  'drizzle.config.mjs',
  'drizzle.config.cjs',
];

const DIALECTS: Record<string, Dialect> = {
  postgresql: 'pg',
  sqlite: 'sqlite',
  turso: 'sqlite',
  mysql: 'mysql',
  singlestore: 'mysql',
};

const GLOB_CHARS = /[*?[\]{}]/;

/** The files drizzle-kit takes from a folder given as a schema path: those directly inside it. */
const FOLDER_FILES = '*.{ts,mts,cts,js,mjs,cjs}';

/** A drizzle-kit schema path (a file, folder or glob, relative to the root) as a root-relative glob. */
export function schemaPathToGlob(path: string): string | undefined {
  const normalized = posix.normalize(path);
  if (normalized.startsWith('..') || posix.isAbsolute(normalized)) return undefined;
  const clean = normalized === '.' ? '' : normalized.replace(/\/$/, '');
  if (GLOB_CHARS.test(clean) || posix.extname(clean) !== '') return clean;
  // A folder: drizzle-kit reads the files directly in it (readdirSync), not its subfolders.
  return clean === '' ? FOLDER_FILES : `${clean}/${FOLDER_FILES}`;
}

/**
 * Finds and reads the drizzle config. `explicit` is the conventions' `drizzleConfig` path; when that file
 * is missing, the usual names are tried. Returns undefined when the project has none.
 */
export function readDrizzleConfig(
  root: string,
  explicit: string | undefined,
  diagnostics: Diagnostic[],
): DrizzleConfig | undefined {
  const candidates =
    explicit === undefined ? CONFIG_NAMES : [explicit, ...CONFIG_NAMES.filter((name) => name !== explicit)];
  for (const candidate of candidates) {
    const read = readProjectFile(root, candidate, 1024 * 1024);
    if (!read.ok) {
      if (read.stamp !== undefined || !/ENOENT|ENOTDIR/.test(read.message)) {
        diagnostics.push({ file: candidate, line: 1, message: read.message });
      }
      continue;
    }
    return parseDrizzleConfig(candidate, read.text, diagnostics);
  }
  return undefined;
}

/** Reads a drizzle config's source text. */
export function parseDrizzleConfig(file: string, text: string, diagnostics: Diagnostic[]): DrizzleConfig {
  const sourceFile = parseSource(file, text);
  const config: DrizzleConfig = { file };
  const [firstError] = parseErrorsOf(sourceFile);
  if (firstError !== undefined) {
    diagnostics.push({
      file,
      line: firstError.line,
      message: `cannot parse the drizzle config: ${firstError.message}`,
    });
    return config;
  }
  const object = findConfigObject(sourceFile);
  if (object === undefined) {
    diagnostics.push({
      file,
      line: 1,
      message: 'no static config object found (expected `export default defineConfig({ … })`)',
    });
    return config;
  }
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const name = propertyNameText(property.name);
    const value = unwrap(property.initializer);
    const line = startLine(sourceFile, property);
    const notStatic = () =>
      diagnostics.push({
        file,
        line,
        message: `'${name}' is not a string literal; it cannot be read without running the config`,
      });
    switch (name) {
      case 'schema': {
        const paths = ts.isArrayLiteralExpression(value) ? [...value.elements] : [value];
        const globs: string[] = [];
        for (const element of paths) {
          const inner = unwrap(element as ts.Expression);
          if (!ts.isStringLiteralLike(inner)) {
            notStatic();
            continue;
          }
          const glob = schemaPathToGlob(inner.text);
          if (glob === undefined) {
            diagnostics.push({
              file,
              line,
              message: `schema path '${inner.text}' is outside the project root; ignored`,
            });
          } else {
            globs.push(glob);
          }
        }
        if (globs.length > 0) config.schema = globs;
        break;
      }
      case 'dialect':
        if (ts.isStringLiteralLike(value)) {
          config.dialectName = value.text;
          const dialect = DIALECTS[value.text];
          if (dialect !== undefined) config.dialect = dialect;
          else
            diagnostics.push({
              file,
              line,
              message: `dialect '${value.text}' is not one many-first reads (postgresql, sqlite, turso, mysql)`,
            });
        } else notStatic();
        break;
      case 'casing':
        if (ts.isStringLiteralLike(value) && (value.text === 'snake_case' || value.text === 'camelCase'))
          config.casing = value.text;
        else notStatic();
        break;
      case 'out':
        if (ts.isStringLiteralLike(value)) config.out = posix.normalize(value.text);
        break;
    }
  }
  return config;
}

function findConfigObject(sourceFile: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  const locals = new Map<string, ts.Expression>();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer !== undefined) {
        locals.set(declaration.name.text, declaration.initializer);
      }
    }
  }
  const objectOf = (expression: ts.Expression, depth = 0): ts.ObjectLiteralExpression | undefined => {
    if (depth > 4) return undefined;
    const node = unwrap(expression);
    if (ts.isObjectLiteralExpression(node)) return node;
    if (ts.isCallExpression(node) && node.arguments.length > 0)
      return objectOf(node.arguments[0]!, depth + 1);
    if (ts.isIdentifier(node)) {
      const local = locals.get(node.text);
      return local === undefined ? undefined : objectOf(local, depth + 1);
    }
    return undefined;
  };
  for (const statement of sourceFile.statements) {
    if (ts.isExportAssignment(statement)) return objectOf(statement.expression);
    // module.exports = defineConfig({...})
    if (
      ts.isExpressionStatement(statement) &&
      ts.isBinaryExpression(statement.expression) &&
      statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(statement.expression.left) &&
      ts.isIdentifier(statement.expression.left.expression) &&
      statement.expression.left.expression.text === 'module' &&
      statement.expression.left.name.text === 'exports'
    ) {
      return objectOf(statement.expression.right);
    }
  }
  return undefined;
}
