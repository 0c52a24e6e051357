/**
 * The fixed budgets that bound the analysis of one file, whatever its code does. Project code is hostile
 * until proven otherwise: the analysis reads repositories nobody here wrote, inside a long-lived server.
 * Past a budget, the part being analysed is unknown and one diagnostic names the file, the line and the
 * budget; the rest of the file and of the project is still answered. Every cut goes through `budgetCut`.
 */
import { DEFAULT_MAX_FILE_BYTES } from '../../conventions/project-files.js';
import type { Diagnostic } from './model.js';

export const ANALYSIS_BUDGETS = {
  /** Files larger than this are listed in diagnostics instead of parsed. */
  fileBytes: DEFAULT_MAX_FILE_BYTES,
  /**
   * Files larger than this are not linted: ESLint's parser holds hundreds of bytes per token, so a 3 MB file
   * of one literal takes more than 1 GB. The rest of the analysis still reads them.
   */
  lintFileBytes: 1024 * 1024,
  /**
   * Evaluation steps (expressions evaluated, calls made, properties and items copied by spreads) one
   * top-level declaration of a schema module may spend, imports and helpers it runs included.
   */
  stepsPerDeclaration: 100_000,
  /**
   * Evaluation steps all declarations of one file may spend together: a base, plus some per byte so that a
   * large generated schema (thousands of tables in one file) is still read in full.
   */
  stepsPerFile: 400_000,
  stepsPerFileByte: 2,
  /** Nested calls of project functions (recursion included). */
  callDepth: 48,
  /** Nested expressions the evaluator follows; deeper subtrees are unknown. */
  expressionDepth: 400,
  /** Properties of one object or items of one array the evaluator builds. */
  valueSize: 10_000,
  /** Characters of one string the evaluator builds (concatenation, template literals). */
  stringLength: 100_000,
  /** Brackets nested inside each other beyond which a file's deep parts are blanked before parsing. */
  bracketNesting: 256,
  /** Syntax-tree depth the fact walk descends; deeper subtrees are skipped. */
  walkDepth: 1_000,
  /** Diagnostics kept per file; the rest are counted in one last diagnostic. */
  diagnosticsPerFile: 20,
} as const;

export type BudgetName = keyof typeof ANALYSIS_BUDGETS;

/** How each budget reads in a diagnostic. */
const BUDGET_TITLES: Record<BudgetName, string> = {
  fileBytes: 'file size',
  lintFileBytes: 'file size for linting',
  stepsPerDeclaration: 'evaluation steps per declaration',
  stepsPerFile: 'evaluation steps per file',
  stepsPerFileByte: 'evaluation steps per file',
  callDepth: 'call depth',
  expressionDepth: 'expression depth',
  valueSize: 'value size',
  stringLength: 'string length',
  bracketNesting: 'bracket nesting',
  walkDepth: 'syntax depth',
  diagnosticsPerFile: 'diagnostics per file',
};

/** A budget's name as its diagnostics spell it (e.g. `call depth`). */
export function budgetTitle(budget: BudgetName): string {
  return BUDGET_TITLES[budget];
}

/** The diagnostic for one cut: where, which budget and its limit, and what was given up. */
export function budgetCut(
  file: string,
  line: number,
  budget: BudgetName,
  consequence: string,
  limit: number = ANALYSIS_BUDGETS[budget],
): Diagnostic {
  return {
    file,
    line,
    message: `analysis budget exceeded: ${BUDGET_TITLES[budget]} (${limit.toLocaleString('en-US')}); ${consequence}`,
    budget,
  };
}

/** The evaluation steps a file of this size may spend in total. */
export function fileStepBudget(bytes: number): number {
  return ANALYSIS_BUDGETS.stepsPerFile + ANALYSIS_BUDGETS.stepsPerFileByte * bytes;
}

/**
 * Collects diagnostics, at most `diagnosticsPerFile` per file (duplicates dropped), and counts the rest in
 * one last diagnostic per file. Loops, never spreads: a pathological file may produce any number of them.
 */
export class DiagnosticCollector {
  private readonly kept: Diagnostic[] = [];
  private readonly keys = new Set<string>();
  private readonly perFile = new Map<string, number>();
  private readonly dropped = new Map<string, { line: number; count: number }>();

  push(diagnostic: Diagnostic): void {
    const key = `${diagnostic.file}:${diagnostic.line}:${diagnostic.message}`;
    if (this.keys.has(key)) return;
    const count = this.perFile.get(diagnostic.file) ?? 0;
    if (count < ANALYSIS_BUDGETS.diagnosticsPerFile) {
      this.keys.add(key);
      this.perFile.set(diagnostic.file, count + 1);
      this.kept.push(diagnostic);
      return;
    }
    const entry = this.dropped.get(diagnostic.file);
    if (entry === undefined) this.dropped.set(diagnostic.file, { line: diagnostic.line, count: 1 });
    else entry.count++;
  }

  pushAll(diagnostics: Iterable<Diagnostic>): void {
    for (const diagnostic of diagnostics) this.push(diagnostic);
  }

  /** The kept diagnostics in order, then one per file that had more. */
  list(): Diagnostic[] {
    const result = this.kept.slice();
    for (const [file, { line, count }] of this.dropped) {
      result.push(
        budgetCut(file, line, 'diagnosticsPerFile', `${count} more diagnostics of this file left out`),
      );
    }
    return result;
  }
}

/**
 * The first budget cut of each file, and every diagnostic that is not a cut: once a file is cut short,
 * later cuts (the evaluator meeting the same deep code the walk gave up on) add nothing.
 */
export function firstCutPerFile(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const cutFiles = new Set<string>();
  const result: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.budget !== undefined) {
      if (cutFiles.has(diagnostic.file)) continue;
      cutFiles.add(diagnostic.file);
    }
    result.push(diagnostic);
  }
  return result;
}
