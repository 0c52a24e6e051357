/**
 * Parsing one file with ts-morph's bundled TypeScript (never the project's own): a syntax tree only, no
 * Program and no type checker, which is what keeps a cold index near the cost of reading the files.
 */
import { ts } from 'ts-morph';
import { ANALYSIS_BUDGETS, type BudgetName } from './analysis-budgets.js';

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

const parses = new Map<string, number>();

/** How many times this process parsed each file's text for the analysis, by the name given (tests count). */
export function parseCounts(): ReadonlyMap<string, number> {
  return new Map(parses);
}

/** Parses without parent pointers: a kept subtree then holds no reference to the rest of the file. */
export function parseSource(file: string, text: string): ts.SourceFile {
  parses.set(file, (parses.get(file) ?? 0) + 1);
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKindOf(file));
}

/** Trees of text that was partly blanked: not the parse of the file as it is, so never linted as one. */
const blankedTrees = new WeakSet<ts.SourceFile>();

/** Whether `tree` is the parse of partly blanked text rather than of the file as it is. */
export function isBlanked(tree: ts.SourceFile): boolean {
  return blankedTrees.has(tree);
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

/** A parse that survived pathological nesting: the tree, and where code was blanked to get it. */
export interface BoundedParse {
  sourceFile: ts.SourceFile;
  /** Where code was blanked first (the parser recurses per nesting level and would overflow the stack). */
  blanked?: { line: number; budget: Extract<BudgetName, 'bracketNesting' | 'walkDepth'> };
}

/**
 * Parses like parseSource. When TypeScript's recursive-descent parser overflows the stack on code nested
 * thousands deep, blanks what is too deep (line breaks kept, so lines stay true) and parses again, so the
 * rest of the file is still read: first every bracket nested deeper than the budget, then, for deep
 * nesting without brackets (`!!!…x`, `a ? b : a ? b : …`, `() => () => …`), each top-level statement that
 * cannot be parsed on its own. Throws only if that fails too.
 */
export function parseSourceBounded(file: string, text: string): BoundedParse {
  try {
    return { sourceFile: parseSource(file, text) };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  const variant = file.endsWith('x') ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  let current = text;
  let blanked: BoundedParse['blanked'];
  const attempts = [
    {
      budget: 'bracketNesting',
      spans: () => deepBracketSpans(current, ANALYSIS_BUDGETS.bracketNesting, variant),
    },
    { budget: 'walkDepth', spans: () => overflowingStatementSpans(file, current, variant) },
  ] as const;
  let lastError: unknown = new RangeError('nesting too deep to parse');
  for (const attempt of attempts) {
    const spans = attempt.spans();
    if (spans.length === 0) continue;
    const line = lineOf(current, spans[0]![0]);
    if (blanked === undefined || line < blanked.line) blanked = { line, budget: attempt.budget };
    current = blank(current, spans);
    try {
      const sourceFile = parseSource(file, current);
      blankedTrees.add(sourceFile);
      return { sourceFile, blanked };
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

/** Stands in for blanked code: an identifier no project binds, so the evaluator reads it as unknown. */
const BLANK_MARK = '\u01C2';

function blank(text: string, spans: readonly (readonly [number, number])[]): string {
  let result = '';
  let from = 0;
  for (const [start, end] of spans) {
    result += text.slice(from, start) + BLANK_MARK + text.slice(start + 1, end).replace(/[^\r\n]/g, ' ');
    from = end;
  }
  return result + text.slice(from);
}

function lineOf(text: string, position: number): number {
  let line = 1;
  for (
    let index = text.indexOf('\n');
    index !== -1 && index < position;
    index = text.indexOf('\n', index + 1)
  )
    line++;
  return line;
}

/**
 * Scans tokens in constant stack, calling `visit` with the bracket depth after each token (`()`, `[]`,
 * `{}` and a template's `${}` count alike).
 */
function scanBrackets(
  text: string,
  variant: ts.LanguageVariant,
  visit: (token: ts.SyntaxKind, depth: number, scanner: ts.Scanner) => void,
) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, variant, text);
  /** Depths at which a template's `${` is open, so its `}` is rescanned as the template's continuation. */
  const templates: number[] = [];
  let depth = 0;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    switch (token) {
      case ts.SyntaxKind.OpenParenToken:
      case ts.SyntaxKind.OpenBracketToken:
      case ts.SyntaxKind.OpenBraceToken:
        depth++;
        break;
      case ts.SyntaxKind.TemplateHead:
        depth++;
        templates.push(depth);
        break;
      case ts.SyntaxKind.CloseBraceToken:
        if (templates[templates.length - 1] === depth) {
          token = scanner.reScanTemplateToken(false);
          if (token === ts.SyntaxKind.TemplateTail) {
            templates.pop();
            depth--;
          }
        } else if (depth > 0) depth--;
        break;
      case ts.SyntaxKind.CloseParenToken:
      case ts.SyntaxKind.CloseBracketToken:
        if (depth > 0) depth--;
        break;
    }
    visit(token, depth, scanner);
  }
}

/** The bracket pairs opened deeper than `limit`, outermost only. */
function deepBracketSpans(text: string, limit: number, variant: ts.LanguageVariant): [number, number][] {
  const spans: [number, number][] = [];
  let start = -1;
  let previous = 0;
  scanBrackets(text, variant, (_token, depth, scanner) => {
    if (depth === limit + 1 && previous === limit) start = scanner.getTokenStart();
    if (depth === limit && previous === limit + 1 && start >= 0) {
      spans.push([start, scanner.getTokenEnd()]);
      start = -1;
    }
    previous = depth;
  });
  if (start >= 0) spans.push([start, text.length]);
  return spans;
}

const STATEMENT_KEYWORDS = new Set([
  ts.SyntaxKind.ExportKeyword,
  ts.SyntaxKind.ImportKeyword,
  ts.SyntaxKind.ConstKeyword,
  ts.SyntaxKind.LetKeyword,
  ts.SyntaxKind.VarKeyword,
  ts.SyntaxKind.FunctionKeyword,
  ts.SyntaxKind.ClassKeyword,
  ts.SyntaxKind.InterfaceKeyword,
  ts.SyntaxKind.TypeKeyword,
  ts.SyntaxKind.EnumKeyword,
  ts.SyntaxKind.DeclareKeyword,
]);

/**
 * The top-level statements (split at `;` and at a line starting with a declaration keyword, outside any
 * bracket) that overflow the parser even when parsed alone.
 */
function overflowingStatementSpans(
  file: string,
  text: string,
  variant: ts.LanguageVariant,
): [number, number][] {
  const statements: [number, number][] = [];
  let start = 0;
  scanBrackets(text, variant, (token, depth, scanner) => {
    if (depth !== 0) return;
    if (token === ts.SyntaxKind.SemicolonToken) {
      statements.push([start, scanner.getTokenEnd()]);
      start = scanner.getTokenEnd();
    } else if (STATEMENT_KEYWORDS.has(token) && scanner.hasPrecedingLineBreak()) {
      if (scanner.getTokenStart() > start) statements.push([start, scanner.getTokenStart()]);
      start = scanner.getTokenStart();
    }
  });
  if (start < text.length) statements.push([start, text.length]);
  return statements.filter(([from, to]) => {
    try {
      parseSource(file, text.slice(from, to));
      return false;
    } catch (error) {
      if (error instanceof RangeError) return true;
      throw error;
    }
  });
}
