import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { completeSettings, createRule } from '../utils/create-rule.js';
import { hasDirective, isFunctionNode, type FunctionNode } from '../utils/directives.js';
import { findVariableOf, skipTypeWrappers } from '../utils/import-bindings.js';

interface Settings {
  allowCalls: boolean;
}
export type Options = [Partial<Settings>];
export type MessageIds = 'notAsyncFunction' | 'notFunction' | 'makeAsync';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What an exported value is, as far as the module's own code shows. */
type ExportedValue =
  | { kind: 'async' }
  | { kind: 'unknown' }
  | { kind: 'sync-function'; function: FunctionNode }
  | { kind: 'call' }
  | { kind: 'value'; what: string };

type ValueNode =
  | TSESTree.ObjectExpression
  | TSESTree.ArrayExpression
  | TSESTree.ClassExpression
  | TSESTree.Literal
  | TSESTree.TemplateLiteral
  | TSESTree.NewExpression;

function describeValue(node: ValueNode): string {
  switch (node.type) {
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.NewExpression:
      return 'an object';
    case AST_NODE_TYPES.ArrayExpression:
      return 'an array';
    case AST_NODE_TYPES.ClassExpression:
      return 'a class';
    case AST_NODE_TYPES.Literal:
      return node.value === null ? 'null' : `a ${typeof node.value}`;
    case AST_NODE_TYPES.TemplateLiteral:
      return 'a string';
  }
}

/** Reads an expression as an exported value: functions by their `async`, literals and objects as values. */
function valueOf(sourceCode: SourceCode, expression: TSESTree.Node, depth = 0): ExportedValue {
  const node = skipTypeWrappers(expression);
  if (isFunctionNode(node)) {
    return node.async ? { kind: 'async' } : { kind: 'sync-function', function: node };
  }
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return depth > 4 ? { kind: 'unknown' } : localValue(sourceCode, node, depth + 1);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.AwaitExpression:
      // `withAuth(async () => …)`: the wrapper decides; Next.js checks at run time that it is a function.
      return { kind: 'call' };
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ClassExpression:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.NewExpression:
      return { kind: 'value', what: describeValue(node) };
    default:
      return { kind: 'unknown' };
  }
}

/** What a local name holds, when its declaration in this module says (imports and parameters are unknown). */
function localValue(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number): ExportedValue {
  const variable = findVariableOf(sourceCode, identifier);
  if (variable === undefined || variable.defs.length !== 1) return { kind: 'unknown' };
  const [definition] = variable.defs;
  if (definition === undefined) return { kind: 'unknown' };
  const node = definition.node;
  if (definition.type === 'FunctionName' && node.type === AST_NODE_TYPES.FunctionDeclaration) {
    return node.async ? { kind: 'async' } : { kind: 'sync-function', function: node };
  }
  if (definition.type === 'ClassName') return { kind: 'value', what: 'a class' };
  if (definition.type === 'TSEnumName') return { kind: 'value', what: 'an enum' };
  if (
    definition.type === 'Variable' &&
    node.type === AST_NODE_TYPES.VariableDeclarator &&
    node.id.type === AST_NODE_TYPES.Identifier &&
    node.init !== null
  ) {
    const writes = variable.references.filter((reference) => reference.isWrite());
    return writes.length <= 1 ? valueOf(sourceCode, node.init, depth) : { kind: 'unknown' };
  }
  return { kind: 'unknown' };
}

export default createRule<Options, MessageIds>({
  name: 'server-action-exports',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description:
        "Require every export of a `'use server'` module to be an async function, as Next.js does when it builds",
      recommended: true,
      scope: 'source',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowCalls: {
            type: 'boolean',
            description:
              'Accept an export whose value is a call (`export const save = withAuth(async (…) => …)`), which only the wrapper can say is an async function (Next.js checks at run time that it is a function).',
          },
        },
      },
    ],
    defaultOptions: [{ allowCalls: true }],
    messages: {
      notAsyncFunction:
        "'{{name}}' is exported from a 'use server' module but is not an async function: Next.js refuses to build it. Make it async, or move it to a module without 'use server'.",
      notFunction:
        "'{{name}}' is {{what}} exported from a 'use server' module: Next.js refuses to build it, since such a module may export only async functions. Move it to a module without 'use server' (types may stay).",
      makeAsync: "Make '{{name}}' async.",
    },
  },
  create(context, [options]) {
    const { allowCalls } = completeSettings<Settings>(options);
    const sourceCode = context.sourceCode;
    // Stryker disable next-line ConditionalExpression,StringLiteral: a pre-check that only saves work: without it the same files get no report
    if (!sourceCode.text.includes('use server')) return {};
    if (!hasDirective(sourceCode.ast.body, 'use server')) return {};

    function check(name: string, reportAt: TSESTree.Node, value: ExportedValue): void {
      switch (value.kind) {
        case 'async':
        case 'unknown':
          return;
        case 'call':
          if (!allowCalls) {
            context.report({
              node: reportAt,
              messageId: 'notFunction',
              data: { name, what: 'a call result' },
            });
          }
          return;
        case 'value':
          context.report({ node: reportAt, messageId: 'notFunction', data: { name, what: value.what } });
          return;
        case 'sync-function': {
          const fn = value.function;
          const generator = fn.generator;
          context.report({
            node: reportAt,
            messageId: 'notAsyncFunction',
            data: { name },
            suggest: generator
              ? []
              : [
                  {
                    messageId: 'makeAsync',
                    data: { name },
                    fix: (fixer) => fixer.insertTextBefore(fn, 'async '),
                  },
                ],
          });
        }
      }
    }

    function checkDeclaration(declaration: TSESTree.NamedExportDeclarations): void {
      switch (declaration.type) {
        case AST_NODE_TYPES.FunctionDeclaration:
          if (declaration.id !== null) {
            check(declaration.id.name, declaration.id, valueOf(sourceCode, declaration));
          }
          return;
        case AST_NODE_TYPES.VariableDeclaration:
          if (declaration.declare) return;
          for (const declarator of declaration.declarations) {
            if (declarator.id.type !== AST_NODE_TYPES.Identifier) {
              // `export const { a, b } = …` exports whatever the pattern reads: not a function declaration.
              context.report({
                node: declarator.id,
                messageId: 'notFunction',
                data: { name: sourceCode.getText(declarator.id), what: 'a destructured value' },
              });
              continue;
            }
            const value: ExportedValue =
              declarator.init === null
                ? { kind: 'value', what: 'an uninitialised variable' }
                : valueOf(sourceCode, declarator.init);
            check(declarator.id.name, declarator.id, value);
          }
          return;
        case AST_NODE_TYPES.ClassDeclaration:
          if (declaration.declare) return;
          check(declaration.id?.name ?? 'class', declaration.id ?? declaration, {
            kind: 'value',
            what: 'a class',
          });
          return;
        case AST_NODE_TYPES.TSEnumDeclaration:
          if (declaration.declare) return;
          check(declaration.id.name, declaration.id, { kind: 'value', what: 'an enum' });
          return;
        default:
          // Types, interfaces, namespaces of types and `declare` forms emit no value.
          return;
      }
    }

    return {
      ExportNamedDeclaration(node: TSESTree.ExportNamedDeclaration) {
        if (node.exportKind === 'type') return;
        if (node.declaration !== null) {
          checkDeclaration(node.declaration);
          return;
        }
        // `export { a } from './other'` re-exports what this file cannot see; only local names are judged.
        if (node.source !== null) return;
        for (const specifier of node.specifiers) {
          if (specifier.exportKind === 'type') continue;
          const exported =
            specifier.exported.type === AST_NODE_TYPES.Identifier
              ? specifier.exported.name
              : specifier.exported.value;
          check(exported, specifier, valueOf(sourceCode, specifier.local));
        }
      },
      ExportDefaultDeclaration(node: TSESTree.ExportDefaultDeclaration) {
        const { declaration } = node;
        if (declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration) return;
        if (declaration.type === AST_NODE_TYPES.TSDeclareFunction) return;
        if (declaration.type === AST_NODE_TYPES.ClassDeclaration) {
          check('default', declaration, { kind: 'value', what: 'a class' });
          return;
        }
        check('default', declaration, valueOf(sourceCode, declaration));
      },
    };
  },
});
