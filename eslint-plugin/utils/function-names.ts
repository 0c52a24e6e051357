/**
 * The name a function is known by, as a reader of the code sees it: its declaration, or the variable,
 * property, method or export slot it is assigned to, through the higher-order helpers that wrap it.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from './directives.js';
import { propertyName, skipTypeWrappers } from './import-bindings.js';

/** Array methods whose callback runs once per element: an op inside is a batch, not a wrapper. */
export const ITERATING_METHODS = new Set([
  'map',
  'flatMap',
  'forEach',
  'reduce',
  'filter',
  'some',
  'every',
  'find',
  'all',
  'allSettled',
]);
/** Methods that take a callback without wrapping it into a function of their own. */
const CALLBACK_METHODS = new Set([...ITERATING_METHODS, 'then', 'catch', 'finally']);

/**
 * A callee that builds a function from the function passed to it: `cache`, `React.cache`, a curried
 * `someLib.fn('name')` or `withAuth('admin')`, a builder chain `client.schema(s).action` — names, member
 * accesses and calls, none of them a method that merely runs its callback (`map`, `then`).
 */
function isWrappingHelper(input: TSESTree.Node, depth = 0): boolean {
  if (depth > 8) return false;
  const callee = skipTypeWrappers(input);
  if (callee.type === AST_NODE_TYPES.Identifier) return true;
  if (callee.type === AST_NODE_TYPES.CallExpression) return isWrappingHelper(callee.callee, depth + 1);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !CALLBACK_METHODS.has(propertyName(callee) ?? '') &&
    isWrappingHelper(callee.object, depth + 1)
  );
}

export interface NamedFunction {
  name: string;
  node: TSESTree.Node;
}

/** The name a function is known by: its declaration, variable, property, method or export slot. */
function nameOfSlot(slot: TSESTree.Node, child: TSESTree.Node, depth: number): NamedFunction | undefined {
  switch (slot.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return slot.init === child && slot.id.type === AST_NODE_TYPES.Identifier
        ? { name: slot.id.name, node: slot.id }
        : undefined;
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition: {
      if (slot.value !== child || slot.computed) return undefined;
      const { key } = slot;
      if (key.type === AST_NODE_TYPES.Identifier) return { name: key.name, node: key };
      if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string')
        return { name: key.value, node: key };
      return undefined;
    }
    case AST_NODE_TYPES.AssignmentExpression: {
      if (slot.right !== child) return undefined;
      const { left } = slot;
      if (left.type === AST_NODE_TYPES.Identifier) return { name: left.name, node: left };
      if (left.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(left);
        return name === undefined ? undefined : { name, node: left.property };
      }
      return undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      // cache(async (id) => …), React.cache(…), someLib.fn('name')(…), client.schema(s).action(…): the
      // wrapper takes the name of the slot the helper's result is assigned to.
      if (depth > 2 || !slot.arguments.includes(child as TSESTree.CallExpressionArgument)) return undefined;
      return isWrappingHelper(slot.callee) && slot.parent !== undefined
        ? nameOfSlot(slot.parent, slot, depth + 1)
        : undefined;
    }
    default:
      return undefined;
  }
}

export function functionName(fn: FunctionNode): NamedFunction | undefined {
  if (fn.id != null) return { name: fn.id.name, node: fn.id };
  return fn.parent === undefined ? undefined : nameOfSlot(fn.parent, fn, 0);
}

/** `getTaskById` → `get`, `get_task` → `get`, `GetTask` → `get`. */
export function leadingWord(name: string): string {
  return /^[_$]*([A-Za-z][a-z\d]*)/.exec(name)?.[1]?.toLowerCase() ?? '';
}
