import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { DEFAULT_CONVENTIONS } from '../../conventions/index.js';
import { calleeChainNames, createGuardMatcher, DEFAULT_ACTION_GUARDS } from '../utils/action-guards.js';
import { childNodes } from '../utils/ast-children.js';
import { completeSettings, createRule } from '../utils/create-rule.js';
import {
  chainFrom,
  createDatabaseResolver,
  DATABASE_METHODS,
  hasDrizzleShape,
  readModelOpCall,
} from '../utils/data-access.js';
import {
  functionHasDirective,
  hasDirective,
  isFunctionNode,
  type FunctionNode,
} from '../utils/directives.js';
import { findVariableOf, propertyName, skipTypeWrappers } from '../utils/import-bindings.js';
import { createModuleMatcher } from '../utils/module-patterns.js';

interface Settings {
  guards: string[];
  publicActions: string[];
  models: string[];
  dbModules: string[];
}
export type Options = [Partial<Settings>];
export type MessageIds = 'dataBeforeGuard' | 'missingGuard' | 'publicWithoutReason';

/** `// many-first-public: <reason>` before an action marks it public on purpose. */
const PUBLIC_MARK = /^\s*many-first-public\b:?(.*)$/s;

/**
 * Where the walk stands in an action: a guard has run on every path (`guarded`), not yet on some path
 * (`open`), or every path has returned or thrown (`exited`, which the other side of a branch decides).
 */
type State = 'guarded' | 'open' | 'exited';

function merge(a: State, b: State): State {
  if (a === 'exited') return b;
  if (b === 'exited') return a;
  return a === 'guarded' && b === 'guarded' ? 'guarded' : 'open';
}

/** An exported server action: its exported name, the statement that exports it and its function. */
interface ExportedAction {
  name: string;
  nameNode: TSESTree.Node;
  function: FunctionNode;
  /** Statements whose leading comments may carry the public mark: the export, and the local declaration. */
  statements: TSESTree.Node[];
}

export default createRule<Options, MessageIds>({
  name: 'require-action-auth',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Require every exported server action to call an authentication guard before it reads or writes data',
      recommended: false,
      scope: 'source',
      conventionOptions: { models: 'models', dbModules: 'dbModules' },
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          guards: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              "Calls that check who is calling: function names (`auth`, `getSession`, a wrapper such as `authedAction`) or `module#name` (`@/lib/auth#requireUser`). An action passes when one runs on every path before its first model op or database call. `many-first init` lists the ones the project's actions import.",
          },
          publicActions: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Exported action names that are public on purpose (sign-in, a contact form); a `// many-first-public: <reason>` comment before the action does the same in place.',
          },
          models: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              "Modules whose exports are many-first ops: specifiers (`@/models/*`) or root-relative file globs. Defaults to the conventions' `models`.",
          },
          dbModules: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              "Modules that export the database client: specifiers or root-relative file globs. Defaults to the conventions' `dbModules`.",
          },
        },
      },
    ],
    defaultOptions: [
      {
        guards: [...DEFAULT_ACTION_GUARDS],
        publicActions: [],
        models: [...DEFAULT_CONVENTIONS.models],
        dbModules: [...DEFAULT_CONVENTIONS.dbModules],
      },
    ],
    messages: {
      dataBeforeGuard:
        "Server action '{{name}}' reaches {{call}}(…) on a path that has not called an auth guard ({{guards}}). Every server action is a public POST endpoint: check the session first, or mark it // many-first-public: <reason>.",
      missingGuard:
        "Server action '{{name}}' never calls an auth guard ({{guards}}). Every server action is a public POST endpoint: check the session first, or mark it // many-first-public: <reason>.",
      publicWithoutReason:
        'Say why this action is public: // many-first-public: <reason> (for example "sign-in form").',
    },
  },
  create(context, [options]) {
    const { guards, publicActions, models, dbModules } = completeSettings<Settings>(options);
    const sourceCode = context.sourceCode;
    // Stryker disable next-line ConditionalExpression,StringLiteral: a pre-check that only saves work: without it the same files get no report
    if (!sourceCode.text.includes('use server')) return {};
    const isGuard = createGuardMatcher(sourceCode, guards, context.filename);
    const guardNames = guards.map((guard) => guard.slice(guard.lastIndexOf('#') + 1));
    const isDatabase = createDatabaseResolver(sourceCode, createModuleMatcher(dbModules, context.filename));
    const isModelModule = createModuleMatcher(models, context.filename);
    const publicNames = new Set(publicActions);
    const guardList = guards.slice(0, 4).join(', ') + (guards.length > 4 ? ', …' : '');

    /** The data access a node performs itself: a model op call, or a database method (`db.insert`). */
    function dataAccessOf(node: TSESTree.Node): string | undefined {
      if (node.type === AST_NODE_TYPES.CallExpression) {
        return readModelOpCall(sourceCode, node, isModelModule)?.name;
      }
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        const method = propertyName(node);
        if (method === undefined || !DATABASE_METHODS.has(method)) return undefined;
        if (isDatabase(node.object) || hasDrizzleShape(chainFrom(node).links))
          return sourceCode.getText(node);
      }
      return undefined;
    }

    /** One action's walk: the first data access on an unguarded path, and whether any guard is called. */
    function checkAction(action: ExportedAction): void {
      let unguarded: { node: TSESTree.Node; call: string } | undefined;
      let sawGuard = false;

      function expression(node: TSESTree.Node, state: State): State {
        // Stryker disable next-line ConditionalExpression: a shortcut: walked from a closed state, the code below returns that state and records nothing
        if (state !== 'open') return state;
        if (isFunctionNode(node)) {
          // A callback runs later or not at all: its code is judged from here, its guards do not count after.
          nested(node, state);
          return state;
        }
        switch (node.type) {
          case AST_NODE_TYPES.LogicalExpression: {
            const left = expression(node.left, state);
            expression(node.right, left);
            return left;
          }
          case AST_NODE_TYPES.ConditionalExpression: {
            const test = expression(node.test, state);
            return merge(expression(node.consequent, test), expression(node.alternate, test));
          }
          default:
            break;
        }
        let current: State = state;
        for (const child of childNodes(sourceCode, node)) current = expression(child, current);
        if (current !== 'open') return current;
        if (node.type === AST_NODE_TYPES.CallExpression && isGuard(node)) {
          sawGuard = true;
          return 'guarded';
        }
        const access = dataAccessOf(node);
        if (access !== undefined && unguarded === undefined) unguarded = { node, call: access };
        return current;
      }

      function nested(fn: FunctionNode, state: State): void {
        if (fn.body.type === AST_NODE_TYPES.BlockStatement) statements(fn.body.body, state);
        else expression(fn.body, state);
      }

      function statements(list: readonly TSESTree.Node[], state: State): State {
        let current = state;
        for (const item of list) {
          // Stryker disable next-line ConditionalExpression: a shortcut: statement() returns a closed state as it is
          if (current !== 'open') return current;
          current = statement(item, current);
        }
        return current;
      }

      function statement(node: TSESTree.Node, state: State): State {
        // Stryker disable next-line ConditionalExpression: a shortcut: walked from a closed state, every branch below returns that state and records nothing
        if (state !== 'open') return state;
        switch (node.type) {
          case AST_NODE_TYPES.BlockStatement:
            return statements(node.body, state);
          case AST_NODE_TYPES.ReturnStatement:
          case AST_NODE_TYPES.ThrowStatement: {
            const after = node.argument === null ? state : expression(node.argument, state);
            return after === 'guarded' ? 'guarded' : 'exited';
          }
          case AST_NODE_TYPES.IfStatement: {
            const test = expression(node.test, state);
            const consequent = statement(node.consequent, test);
            const alternate = node.alternate === null ? test : statement(node.alternate, test);
            return merge(consequent, alternate);
          }
          case AST_NODE_TYPES.TryStatement: {
            const block = statement(node.block, state);
            // The catch may start before anything in the block ran.
            const afterCatch =
              node.handler === null ? block : merge(block, statement(node.handler.body, state));
            if (node.finalizer === null) return afterCatch;
            const finalizer = statement(node.finalizer, afterCatch === 'exited' ? state : afterCatch);
            return afterCatch === 'exited' && finalizer !== 'guarded' ? 'exited' : finalizer;
          }
          case AST_NODE_TYPES.ForStatement: {
            const init = node.init === null ? state : expression(node.init, state);
            const test = node.test === null ? init : expression(node.test, init);
            statement(node.body, test);
            if (node.update !== null) expression(node.update, test);
            return test;
          }
          case AST_NODE_TYPES.ForInStatement:
          case AST_NODE_TYPES.ForOfStatement: {
            const right = expression(node.right, state);
            statement(node.body, right);
            return right;
          }
          case AST_NODE_TYPES.WhileStatement: {
            const test = expression(node.test, state);
            statement(node.body, test);
            return test;
          }
          case AST_NODE_TYPES.DoWhileStatement: {
            const body = statement(node.body, state);
            return body === 'exited' ? body : expression(node.test, body);
          }
          case AST_NODE_TYPES.SwitchStatement: {
            const discriminant = expression(node.discriminant, state);
            let result: State = 'exited';
            let hasDefault = false;
            for (const switchCase of node.cases) {
              if (switchCase.test === null) hasDefault = true;
              const test =
                switchCase.test === null ? discriminant : expression(switchCase.test, discriminant);
              result = merge(result, statements(switchCase.consequent, test));
            }
            return hasDefault ? result : merge(result, discriminant);
          }
          case AST_NODE_TYPES.LabeledStatement:
            return statement(node.body, state);
          case AST_NODE_TYPES.FunctionDeclaration:
            nested(node, state);
            return state;
          default:
            return expression(node, state);
        }
      }

      const fn = action.function;
      const body = fn.body;
      if (body.type === AST_NODE_TYPES.BlockStatement) statements(body.body, 'open');
      else expression(body, 'open');

      // Assigned inside the walk's closures, which TypeScript's narrowing does not follow.
      const found = unguarded as { node: TSESTree.Node; call: string } | undefined;
      if (found !== undefined) {
        context.report({
          node: found.node,
          messageId: 'dataBeforeGuard',
          data: { name: action.name, call: found.call, guards: guardList },
        });
      } else if (!sawGuard) {
        context.report({
          node: action.nameNode,
          messageId: 'missingGuard',
          data: { name: action.name, guards: guardList },
        });
      }
    }

    /** Whether a comment before the action marks it public; a mark without a reason is reported. */
    function markedPublic(action: ExportedAction): boolean {
      for (const statement of action.statements) {
        for (const comment of sourceCode.getCommentsBefore(statement)) {
          const mark = PUBLIC_MARK.exec(comment.value.replace(/^\*+/, ''));
          if (mark === null) continue;
          if ((mark[1] ?? '').trim() === '') {
            context.report({ loc: comment.loc, messageId: 'publicWithoutReason', data: {} });
          }
          return true;
        }
      }
      return false;
    }

    /** A wrapper that is itself a guard (`authedAction(async …)`) guards the function it wraps. */
    function wrapped(
      init: TSESTree.Node,
    ): { function: FunctionNode } | { guardedByWrapper: true } | undefined {
      const node = skipTypeWrappers(init);
      if (isFunctionNode(node)) return { function: node };
      if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
      if (calleeChainNames(node.callee).some((name) => guardNames.includes(name)) || isGuard(node)) {
        return { guardedByWrapper: true };
      }
      const inner = node.arguments.toReversed().find((argument) => isFunctionNode(argument));
      return inner === undefined ? undefined : { function: inner as FunctionNode };
    }

    return {
      Program(program: TSESTree.Program) {
        const moduleIsAction = hasDirective(program.body, 'use server');
        const actions: ExportedAction[] = [];
        const isAction = (fn: FunctionNode) => moduleIsAction || functionHasDirective(fn, 'use server');

        const addFromInit = (
          name: string,
          nameNode: TSESTree.Node,
          init: TSESTree.Node,
          statements: TSESTree.Node[],
        ) => {
          const found = wrapped(init);
          if (found === undefined || !('function' in found)) return;
          if (isAction(found.function))
            actions.push({ name, nameNode, function: found.function, statements });
        };

        /** A local exported by name: its function declaration or `const x = async …` in this module. */
        const addLocal = (
          name: string,
          nameNode: TSESTree.Node,
          local: TSESTree.Identifier,
          exportNode: TSESTree.Node,
        ) => {
          const variable = findVariableOf(sourceCode, local);
          const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
          if (definition === undefined) return;
          if (definition.node.type === AST_NODE_TYPES.FunctionDeclaration) {
            if (isAction(definition.node)) {
              actions.push({
                name,
                nameNode,
                function: definition.node,
                statements: [exportNode, definition.node],
              });
            }
          } else if (
            definition.node.type === AST_NODE_TYPES.VariableDeclarator &&
            definition.node.init !== null &&
            // Stryker disable next-line ConditionalExpression: a declarator's definition always has its declaration as parent
            definition.parent !== null
          ) {
            addFromInit(name, nameNode, definition.node.init, [exportNode, definition.parent]);
          }
        };

        for (const statement of program.body) {
          if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
            if (statement.exportKind === 'type') continue;
            const { declaration } = statement;
            if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id !== null) {
              if (isAction(declaration)) {
                actions.push({
                  name: declaration.id.name,
                  nameNode: declaration.id,
                  function: declaration,
                  statements: [statement],
                });
              }
            } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
              for (const declarator of declaration.declarations) {
                if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init === null) continue;
                addFromInit(declarator.id.name, declarator.id, declarator.init, [statement]);
              }
            } else if (declaration === null && statement.source === null) {
              for (const specifier of statement.specifiers) {
                if (specifier.exportKind === 'type' || specifier.local.type !== AST_NODE_TYPES.Identifier)
                  continue;
                const exported =
                  specifier.exported.type === AST_NODE_TYPES.Identifier
                    ? specifier.exported.name
                    : specifier.exported.value;
                addLocal(exported, specifier, specifier.local, statement);
              }
            }
          } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
            const { declaration } = statement;
            if (declaration.type === AST_NODE_TYPES.Identifier) {
              addLocal('default', declaration, declaration, statement);
            } else if (isFunctionNode(declaration) || declaration.type === AST_NODE_TYPES.CallExpression) {
              const nameNode =
                isFunctionNode(declaration) && declaration.id != null ? declaration.id : statement;
              addFromInit('default', nameNode, declaration, [statement]);
            }
          }
        }

        const seen = new Set<FunctionNode>();
        for (const action of actions) {
          if (seen.has(action.function)) continue;
          seen.add(action.function);
          if (publicNames.has(action.name) || markedPublic(action)) continue;
          checkAction(action);
        }
      },
    };
  },
});
