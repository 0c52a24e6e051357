/**
 * One parse per file for the findings: ESLint runs the rules with a parser that is handed the TypeScript
 * tree the analysis already made of exactly the text being linted, and typescript-estree converts that
 * tree instead of parsing the text again (its `parseForESLint` accepts a `ts.SourceFile`). Everything else
 * — ESTree conversion, scope analysis, options — is typescript-eslint's own, so findings match a plain run.
 * Text with no tree handed over (a `.js` file, a file changed since, blanked deep code) is parsed as usual.
 */
import * as typescriptParser from '@typescript-eslint/parser';
import { ts } from 'ts-morph';

/** Trees waiting for ESLint to ask for them, by absolute path; each is the parse of `text`. */
const handed = new Map<string, { text: string; tree: ts.SourceFile }>();

const counts = { handedOver: 0, parsedAgain: 0 };

/** How many files ESLint linted from a handed-over tree, and how many it had to parse itself. */
export function lintParseCounts(): Readonly<typeof counts> {
  return { ...counts };
}

type ParserOptions = Parameters<typeof typescriptParser.parseForESLint>[1];
type ParseResult = ReturnType<typeof typescriptParser.parseForESLint>;

/** typescript-eslint's parser (its types, not ESLint's, as configs.ts uses it), taking the handed-over tree when it is the parse of this exact text. */
export const analysisTreeParser = {
  meta: { name: 'many-first/analysis-tree' },
  parseForESLint(code: string, options?: ParserOptions): ParseResult {
    const path = options?.filePath;
    const waiting = path === undefined ? undefined : handed.get(path);
    if (waiting !== undefined && waiting.text === code) {
      counts.handedOver++;
      return typescriptParser.parseForESLint(waiting.tree as never, options);
    }
    counts.parsedAgain++;
    return typescriptParser.parseForESLint(code, options);
  },
};

/**
 * Sets (or clears) parent pointers in constant stack. The analysis parses without them, so a subtree it
 * keeps holds no reference to the rest of the file; typescript-estree's converter needs them.
 */
function setParents(tree: ts.SourceFile, set: boolean) {
  const stack: ts.Node[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    ts.forEachChild(node, (child) => {
      (child as { parent: ts.Node | undefined }).parent = set ? node : undefined;
      stack.push(child);
    });
  }
}

/** Runs `lint` with `tree` (the parse of `text`) handed to the parser for `absolutePath`. */
export async function withAnalysisTree<T>(
  absolutePath: string,
  text: string,
  tree: ts.SourceFile,
  lint: () => Promise<T>,
): Promise<T> {
  setParents(tree, true);
  handed.set(absolutePath, { text, tree });
  try {
    return await lint();
  } finally {
    handed.delete(absolutePath);
    setParents(tree, false);
  }
}
