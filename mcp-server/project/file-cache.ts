/**
 * The file cache's unit: one file read, parsed and walked once into its facts (and its syntax tree, kept
 * only for the modules the schema evaluator reads), keyed by path and stamp (mtime and size). A file that
 * cannot be read or analysed becomes a diagnostic instead.
 */
import type { ts } from 'ts-morph';
import { readProjectFile, type FileStamp } from '../../conventions/project-files.js';
import { budgetCut } from './analysis-budgets.js';
import { collectFileFacts, type CollectOptions, type FileFacts } from './file-facts.js';
import type { Diagnostic } from './model.js';
import type { ModuleResolver } from './module-resolver.js';
import { parseErrorsOf, parseSourceBounded } from './parse.js';

export interface FileEntry {
  stamp: FileStamp;
  facts?: FileFacts;
  /** Kept for schema modules and the modules they import. */
  sourceFile?: ts.SourceFile;
  diagnostics: Diagnostic[];
}

/** A file's first syntax error as a diagnostic, with how many more there are; undefined when it parses. */
function syntaxDiagnostic(file: string, sourceFile: ts.SourceFile): Diagnostic | undefined {
  const errors = parseErrorsOf(sourceFile);
  if (errors.length === 0) return undefined;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return { file, line: errors[0]!.line, message: `syntax error: ${errors[0]!.message}${more}` };
}

/**
 * Reads, parses and walks one file into an entry with its syntax tree; a file that cannot be read or
 * analysed becomes a diagnostic. Undefined when the file is gone.
 */
export function analyseFile(
  root: string,
  file: string,
  maxFileBytes: number,
  resolver: ModuleResolver,
  options: Pick<CollectOptions, 'declarationsOnly'> = {},
): FileEntry | undefined {
  const read = readProjectFile(root, file, maxFileBytes);
  if (!read.ok) {
    if (read.stamp === undefined && read.message.includes('ENOENT')) return undefined;
    const tooLarge = read.stamp !== undefined && read.stamp.size > maxFileBytes;
    return {
      stamp: read.stamp ?? { mtimeMs: 0, size: 0 },
      diagnostics: [{ file, line: 1, message: read.message, ...(tooLarge ? { budget: 'fileBytes' } : {}) }],
    };
  }
  const diagnostics: Diagnostic[] = [];
  try {
    const { sourceFile, blanked } = parseSourceBounded(file, read.text);
    // Blanking deep code leaves syntax errors of its own: the cut is the one thing to say then.
    const syntax = blanked === undefined ? syntaxDiagnostic(file, sourceFile) : undefined;
    if (blanked !== undefined)
      diagnostics.push(budgetCut(file, blanked.line, blanked.budget, 'the deeper code was not analysed'));
    if (syntax !== undefined) diagnostics.push(syntax);
    const facts = collectFileFacts(sourceFile, {
      resolve: (specifier) => resolver.resolve(specifier, file),
      ...options,
    });
    if (facts.walkCutLine !== undefined && blanked === undefined)
      diagnostics.push(budgetCut(file, facts.walkCutLine, 'walkDepth', 'the deeper code was not analysed'));
    return { stamp: read.stamp, facts, sourceFile, diagnostics };
  } catch (error) {
    diagnostics.push({ file, line: 1, message: `could not analyse: ${(error as Error).message}` });
    return { stamp: read.stamp, diagnostics };
  }
}
