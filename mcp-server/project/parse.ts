/**
 * Parsing one file with ts-morph's bundled TypeScript (never the project's own): a syntax tree only, no
 * Program and no type checker, which is what keeps a cold index near the cost of reading the files.
 */
import { ts } from 'ts-morph';

export interface ParseError {
  line: number;
  message: string;
}

function scriptKindOf(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (file.endsWith('.js') || file.endsWith('.mjs') || file.endsWith('.cjs')) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Parses without parent pointers: a kept subtree then holds no reference to the rest of the file. */
export function parseSource(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKindOf(file));
}

/** The syntax errors the parser recovered from (TypeScript keeps them on the source file). */
export function parseErrorsOf(sourceFile: ts.SourceFile): ParseError[] {
  const errors =
    (sourceFile as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ??
    [];
  return errors.map((error) => ({
    line: ts.getLineAndCharacterOfPosition(sourceFile, error.start).line + 1,
    message: ts.flattenDiagnosticMessageText(error.messageText, ' '),
  }));
}
