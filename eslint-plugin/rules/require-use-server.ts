import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { completeSettings, createRule } from '../utils/create-rule.js';
import {
  directivePrologue,
  functionBodyStatements,
  hasDirective,
  isFunctionNode,
  stringStatementValue,
  type FunctionNode,
} from '../utils/directives.js';

interface Settings {
  requireModuleDirective: boolean;
}
export type Options = [Partial<Settings>];
export type MessageIds =
  | 'missingDirective'
  | 'misplacedDirective'
  | 'ignoredDirective'
  | 'addDirective'
  | 'moveDirective'
  | 'removeDirective'
  | 'removeIgnoredDirective';

type SourceCode = Readonly<TSESLint.SourceCode>;

const DIRECTIVES = new Set(['use server', 'use client']);

// Why a directive that no move can fix is ignored, and what would work instead (the `reason` of the report).
const IN_BLOCK_SERVER =
  "only the first statements of a module or of an async function's body are directives, never a string inside a block or another statement. Remove it, or start the module (if every export is an action) or the async function (for an inline action) with it";
const CLIENT_IS_MODULE_WIDE =
  "'use client' marks a whole module and counts only at the top of the file. Remove it, or start the file with it if every export is client code";
const ACTION_NOT_ASYNC =
  'only an async function can be an inline server action. Remove it, or make the function async and start its body with it';

/** Parents whose statements form a list, so one of them can be deleted without changing the others. */
const STATEMENT_LISTS = new Set<string>([
  AST_NODE_TYPES.Program,
  AST_NODE_TYPES.BlockStatement,
  AST_NODE_TYPES.StaticBlock,
  AST_NODE_TYPES.SwitchCase,
  AST_NODE_TYPES.TSModuleBlock,
]);

/** Whether a module exports anything at run time; a module of types alone is not an action module. */
function hasRuntimeExports(program: TSESTree.Program): boolean {
  return program.body.some((statement) => {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        return statement.declaration.type !== AST_NODE_TYPES.TSInterfaceDeclaration;
      case AST_NODE_TYPES.ExportAllDeclaration:
        return statement.exportKind !== 'type';
      case AST_NODE_TYPES.TSExportAssignment:
        return true;
      case AST_NODE_TYPES.ExportNamedDeclaration: {
        if (statement.exportKind === 'type') return false;
        const { declaration } = statement;
        if (declaration === null)
          return statement.specifiers.some((specifier) => specifier.exportKind !== 'type');
        if ('declare' in declaration && declaration.declare === true) return false;
        return (
          declaration.type !== AST_NODE_TYPES.TSTypeAliasDeclaration &&
          declaration.type !== AST_NODE_TYPES.TSInterfaceDeclaration &&
          declaration.type !== AST_NODE_TYPES.TSDeclareFunction
        );
      }
      case AST_NODE_TYPES.ExpressionStatement:
        return isCommonJsExport(statement.expression);
      default:
        return false;
    }
  });
}

/** `module.exports = …`, `exports.x = …`, `module.exports.x = …`. */
function isCommonJsExport(expression: TSESTree.Expression): boolean {
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression) return false;
  let target: TSESTree.Node = expression.left;
  while (target.type === AST_NODE_TYPES.MemberExpression) {
    const object: TSESTree.Node = target.object;
    if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'exports' || object.name === 'module'))
      return true;
    target = object;
  }
  return false;
}

/** Where a directive goes at the top of the module: after a `#!` line, else at the very start. */
function moduleTop(sourceCode: SourceCode): number {
  const { text } = sourceCode;
  // A file that is one `#!` line has no statement to report, so the line break is there.
  return text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
}

/** The file's own quote and semicolon habits, so an inserted directive reads like its neighbours. */
function directiveText(sourceCode: SourceCode, directive: string): string {
  const firstString = sourceCode.ast.tokens.find((token) => token.type === AST_TOKEN_TYPES.String);
  const quote = firstString?.value.startsWith('"') === true ? '"' : "'";
  // Statements that take a semicolon in a file that uses them; declarations like `function f() {}` never do.
  const sample = sourceCode.ast.body.find(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.VariableDeclaration ||
      statement.type === AST_NODE_TYPES.ExpressionStatement ||
      (statement.type === AST_NODE_TYPES.ExportNamedDeclaration &&
        statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration),
  );
  const semicolon = sample === undefined || sourceCode.getText(sample).endsWith(';') ? ';' : '';
  return `${quote}${directive}${quote}${semicolon}`;
}

/** Removes a statement with its line when it stands alone there, else just the statement. */
function removalRange(sourceCode: SourceCode, statement: TSESTree.Node): TSESTree.Range {
  const { text } = sourceCode;
  let [start, end] = statement.range;
  // A statement removed here never starts the file (there it would be a directive) and reading past either
  // end of the text gives undefined, which is no blank: the walks stop at the edges by themselves.
  let lineStart = start;
  while (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t') lineStart -= 1;
  let lineEnd = end;
  while (text[lineEnd] === ' ' || text[lineEnd] === '\t') lineEnd += 1;
  const startsLine = text[lineStart - 1] === '\n';
  const endsLine = lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r';
  if (startsLine && endsLine) {
    start = lineStart;
    end = text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : Math.min(lineEnd + 1, text.length);
  }
  return [start, end];
}

/**
 * The indentation of the first statement of a block, for a directive moved to its top; none when that
 * statement shares the brace's line (`{ await log(); … }`), where the directive goes beside it.
 */
function blockIndent(sourceCode: SourceCode, block: TSESTree.BlockStatement): string {
  const first = block.body[0];
  if (first === undefined || first.loc.start.line === block.loc.start.line) return '';
  const line = sourceCode.lines[first.loc.start.line - 1] ?? '';
  return line.slice(0, line.length - line.trimStart().length);
}

export default createRule<Options, MessageIds>({
  name: 'require-use-server',
  meta: {
    type: 'problem',
    docs: {
      description:
        "Require `'use server'` at the top of modules in the actions folder, and flag directives Next.js ignores because they are not first",
      recommended: true,
      scope: 'actions',
      restOfSourceOptions: [{ requireModuleDirective: false }],
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requireModuleDirective: {
            type: 'boolean',
            description:
              "Require `'use server'` in the prologue of every module the rule runs on that exports something at run time. The shipped configs set it for the actions folder and turn it off elsewhere, where only misplaced directives are reported.",
          },
        },
      },
    ],
    defaultOptions: [{ requireModuleDirective: true }],
    messages: {
      missingDirective:
        "Modules in the actions folder are server actions: start this one with 'use server' (before the imports), or move what is not an action out of the folder.",
      misplacedDirective:
        "'{{directive}}' here is not a directive, so Next.js ignores it and treats this code as {{consequence}}. Move it to the top of the {{place}}, before any other statement.",
      addDirective: "Insert 'use server' at the top of the module.",
      moveDirective: "Move '{{directive}}' to the top of the {{place}}.",
      removeDirective: "Remove this '{{directive}}'; the {{place}} already starts with it.",
      ignoredDirective: "'{{directive}}' here is not a directive, so Next.js ignores it: {{reason}}.",
      removeIgnoredDirective: "Remove the ignored '{{directive}}' string.",
    },
  },
  create(context, [options]) {
    const { requireModuleDirective } = completeSettings<Settings>(options);
    const sourceCode = context.sourceCode;
    const program = sourceCode.ast;
    const mentionsDirective =
      // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a pre-check that only saves work: without it the same files get no report
      sourceCode.text.includes('use server') || sourceCode.text.includes('use client');
    let movableModuleDirective = false;

    function checkStatement(node: TSESTree.ExpressionStatement): void {
      const directive = stringStatementValue(node);
      if (directive === undefined || !DIRECTIVES.has(directive)) return;
      const parent = node.parent;
      if (parent.type === AST_NODE_TYPES.Program) {
        if (directivePrologue(program.body).includes(node)) return;
        if (directive === 'use server') movableModuleDirective = true;
        reportMisplaced(node, directive, program);
        return;
      }
      const owner =
        parent.type === AST_NODE_TYPES.BlockStatement &&
        parent.parent !== undefined &&
        isFunctionNode(parent.parent) &&
        parent.parent.body === parent
          ? parent.parent
          : undefined;
      if (owner === undefined) {
        reportIgnored(node, directive, directive === 'use server' ? IN_BLOCK_SERVER : CLIENT_IS_MODULE_WIDE);
      } else if (directive === 'use client') {
        reportIgnored(node, directive, CLIENT_IS_MODULE_WIDE);
      } else if (!directivePrologue(functionBodyStatements(owner)).includes(node)) {
        // Moved to the top of a function that is not async, it would make a build error, not an action.
        if (owner.async) reportMisplaced(node, directive, owner);
        else reportIgnored(node, directive, ACTION_NOT_ASYNC);
      }
    }

    /** A directive in its own module or function body, below other statements: moving it up makes it work. */
    function reportMisplaced(
      node: TSESTree.ExpressionStatement,
      directive: string,
      target: TSESTree.Program | FunctionNode,
    ): void {
      const targetBody =
        target.type === AST_NODE_TYPES.Program ? target.body : functionBodyStatements(target);
      const place = target.type === AST_NODE_TYPES.Program ? 'module' : 'function body';
      const consequence =
        directive === 'use client'
          ? 'a Server Component module'
          : place === 'module'
            ? 'ordinary server code, not actions'
            : 'an ordinary function, not an action';
      const already = hasDirective(targetBody, directive);
      const removal = removalRange(sourceCode, node);
      // The statement moves as written, with its own quotes and semicolon.
      const text = sourceCode.getText(node);
      context.report({
        node,
        messageId: 'misplacedDirective',
        data: { directive, place, consequence },
        suggest: [
          already
            ? {
                messageId: 'removeDirective',
                data: { directive, place },
                fix: (fixer) => fixer.removeRange(removal),
              }
            : {
                messageId: 'moveDirective',
                data: { directive, place },
                fix: (fixer) => {
                  if (target.type === AST_NODE_TYPES.Program) {
                    const top = moduleTop(sourceCode);
                    return [fixer.insertTextAfterRange([top, top], `${text}\n`), fixer.removeRange(removal)];
                  }
                  const block = target.body as TSESTree.BlockStatement;
                  const indent = blockIndent(sourceCode, block);
                  const opening = block.range[0] + 1;
                  const insertion = indent === '' ? ` ${text}` : `\n${indent}${text}`;
                  return [
                    fixer.insertTextAfterRange([opening, opening], insertion),
                    fixer.removeRange(removal),
                  ];
                },
              },
        ],
      });
    }

    /**
     * A directive where no move can make it work: moving it to the top of the file would change what the
     * whole module is, so the only suggestion is to delete the string; the reason says what would work.
     */
    function reportIgnored(node: TSESTree.ExpressionStatement, directive: string, reason: string): void {
      // Where a statement is required (`if (x) 'use server';`), deleting it would capture the next one.
      const inStatementList = STATEMENT_LISTS.has(node.parent.type);
      const removal = removalRange(sourceCode, node);
      context.report({
        node,
        messageId: 'ignoredDirective',
        data: { directive, reason },
        suggest: inStatementList
          ? [
              {
                messageId: 'removeIgnoredDirective',
                data: { directive },
                fix: (fixer) => fixer.removeRange(removal),
              },
            ]
          : [],
      });
    }

    return {
      ExpressionStatement(node) {
        // Stryker disable next-line ConditionalExpression: the same pre-check; checkStatement ignores other strings
        if (mentionsDirective) checkStatement(node);
      },
      'Program:exit'() {
        if (!requireModuleDirective || movableModuleDirective) return;
        if (hasDirective(program.body, 'use server') || !hasRuntimeExports(program)) return;
        const isClientModule = hasDirective(program.body, 'use client');
        const top = moduleTop(sourceCode);
        context.report({
          loc: { start: sourceCode.getLocFromIndex(top), end: sourceCode.getLocFromIndex(top) },
          messageId: 'missingDirective',
          suggest: isClientModule
            ? []
            : [
                {
                  messageId: 'addDirective',
                  fix: (fixer) =>
                    fixer.insertTextAfterRange([top, top], `${directiveText(sourceCode, 'use server')}\n`),
                },
              ],
        });
      },
    };
  },
});
