/**
 * Which calls check who is calling a server action: the `guards` of require-action-auth, written as a
 * function name (`auth`, `getSession`) or `module#name` (`@/lib/auth#requireUser`). `many-first init` finds
 * the guards a project already uses with the same names (`DEFAULT_ACTION_GUARDS`).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { calleeName, resolveImportedExpression, skipTypeWrappers } from './import-bindings.js';
import { createModuleMatcher } from './module-patterns.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The session and authorisation helpers of the common Next.js auth libraries and of Next.js's own
 * authentication guide: Auth.js `auth`, NextAuth 4 `getServerSession`, Clerk `auth` / `currentUser`, Better
 * Auth `auth.api.getSession`, Lucia `validateRequest`, the guide's `verifySession`, and the usual hand-written
 * names.
 */
export const DEFAULT_ACTION_GUARDS = [
  'auth',
  'getSession',
  'getServerSession',
  'currentUser',
  'getCurrentUser',
  'requireUser',
  'requireAuth',
  'requireSession',
  'verifySession',
  'validateRequest',
] as const;

/** A guard option parsed: `name`, or `module#name` when it must come from that module. */
interface Guard {
  name: string;
  module?: (specifier: string) => boolean;
}

export type GuardMatcher = (call: TSESTree.CallExpression) => boolean;

/** The names along a callee: `authedAction` in `authedAction(…)`; `client`, `schema`, `action` in `client.schema(s).action(…)`. */
export function calleeChainNames(callee: TSESTree.Node): string[] {
  const names: string[] = [];
  let node: TSESTree.Node | undefined = skipTypeWrappers(callee);
  while (node !== undefined) {
    if (node.type === AST_NODE_TYPES.Identifier) {
      names.push(node.name);
      return names;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = calleeName(node);
      if (name !== undefined) names.push(name);
      node = skipTypeWrappers(node.object);
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      node = skipTypeWrappers(node.callee);
    } else {
      return names;
    }
  }
  return names;
}

/** Decides whether a call is one of `guards`, through the import a callee stands for (aliases count). */
export function createGuardMatcher(
  sourceCode: SourceCode,
  guards: readonly string[],
  filename: string,
): GuardMatcher {
  const parsed: Guard[] = guards.map((entry) => {
    const hash = entry.lastIndexOf('#');
    if (hash <= 0) return { name: entry };
    return { name: entry.slice(hash + 1), module: createModuleMatcher([entry.slice(0, hash)], filename) };
  });
  return (call) => {
    const local = calleeName(call.callee);
    const imported = resolveImportedExpression(sourceCode, call.callee);
    return parsed.some((guard) => {
      if (guard.module !== undefined) {
        return imported !== undefined && imported.imported === guard.name && guard.module(imported.source);
      }
      return local === guard.name || imported?.imported === guard.name;
    });
  };
}
