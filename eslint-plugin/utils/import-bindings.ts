import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/** What a local name stands for when it comes, directly or through aliases, from a module. */
export interface ImportedBinding {
  /** The module specifier, as written: `'next/navigation'`, `'@/lib/db'`, `'../models/tags'`. */
  source: string;
  /** The export it names: a named export, `'default'`, or `'*'` for the whole module (namespace, require). */
  imported: string;
}

// Aliases are followed this deep (`const a = b; const c = a; ...`), which also ends any cycle.
const MAX_ALIAS_DEPTH = 8;

/** The static name of a member's property: `a.b` and `a['b']` give `b`; `a[b]` and `a.#b` give nothing. */
export function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) {
    return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  }
  const { property } = member;
  if (property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string') return property.value;
  if (property.type === AST_NODE_TYPES.TemplateLiteral && property.expressions.length === 0) {
    return property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** The name a call's callee ends in: `f` for `f(…)`, `b` for `a.b(…)`; undefined for anything else. */
export function calleeName(callee: TSESTree.Node): string | undefined {
  const node = skipTypeWrappers(callee);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  return node.type === AST_NODE_TYPES.MemberExpression ? propertyName(node) : undefined;
}

/** Strips what does not change the value: parentheses are already gone; `x!`, `x as T`, `x satisfies T`. */
export function skipTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion
  ) {
    current = current.expression;
  }
  return current;
}

/** The variable an identifier refers to, found through scope analysis (so a shadowing local wins). */
export function findVariableOf(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
): Variable | undefined {
  return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier) ?? undefined;
}

/** A variable whose only write is its declaration, so its initialiser is what it holds everywhere. */
function singleDefinition(variable: Variable): TSESLint.Scope.Definition | undefined {
  if (variable.defs.length !== 1) return undefined;
  const writes = variable.references.filter((reference) => reference.isWrite());
  if (writes.length > 1) return undefined;
  return variable.defs[0];
}

/** `require('x')` with the global `require`, or `await import('x')`: the whole module `x`. */
function moduleOfInitialiser(sourceCode: SourceCode, init: TSESTree.Node): string | undefined {
  const node = skipTypeWrappers(init);
  if (node.type === AST_NODE_TYPES.AwaitExpression) {
    const awaited = node.argument;
    if (awaited.type === AST_NODE_TYPES.ImportExpression) return staticString(awaited.source);
    return undefined;
  }
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    findVariableOf(sourceCode, node.callee) === undefined
  ) {
    const [argument] = node.arguments;
    return argument === undefined ? undefined : staticString(argument);
  }
  return undefined;
}

/** The text of a string literal or a template without substitutions. */
export function staticString(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** The key a destructuring pattern reads into `identifier`: `const { a: b } = x` gives `a` for `b`. */
function destructuredKey(
  pattern: TSESTree.ObjectPattern,
  identifier: TSESTree.Identifier,
): string | undefined {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const value =
      property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value !== identifier) continue;
    if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
    if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') {
      return property.key.value;
    }
  }
  return undefined;
}

function resolveVariable(
  sourceCode: SourceCode,
  variable: Variable,
  depth: number,
): ImportedBinding | undefined {
  if (depth > MAX_ALIAS_DEPTH) return undefined;
  const definition = singleDefinition(variable);
  if (definition === undefined) return undefined;

  if (definition.type === 'ImportBinding') {
    const { node } = definition;
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = node.moduleReference;
      if (reference.type !== AST_NODE_TYPES.TSExternalModuleReference || node.importKind === 'type')
        return undefined;
      const source = staticString(reference.expression);
      return source === undefined ? undefined : { source, imported: '*' };
    }
    const declaration = definition.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type')
      return undefined;
    const source = declaration.source.value;
    if (node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { source, imported: '*' };
    if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { source, imported: 'default' };
    if (node.type === AST_NODE_TYPES.ImportSpecifier) {
      if (node.importKind === 'type') return undefined;
      const imported =
        node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
      return { source, imported };
    }
    return undefined;
  }

  if (definition.type === 'Variable') {
    const declarator = definition.node;
    if (declarator.init === null) return undefined;
    const name = definition.name;
    if (declarator.id === name) {
      // const go = redirect;  const nav = require('next/navigation');  const d = ns.db;
      const init = skipTypeWrappers(declarator.init);
      const whole = moduleOfInitialiser(sourceCode, init);
      if (whole !== undefined) return { source: whole, imported: '*' };
      if (init.type === AST_NODE_TYPES.Identifier) {
        const aliased = findVariableOf(sourceCode, init);
        return aliased === undefined ? undefined : resolveVariable(sourceCode, aliased, depth + 1);
      }
      if (init.type === AST_NODE_TYPES.MemberExpression) return resolveMember(sourceCode, init, depth + 1);
      return undefined;
    }
    if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
      // const { redirect: go } = nav;  const { redirect } = require('next/navigation');
      const key = destructuredKey(declarator.id, name);
      if (key === undefined) return undefined;
      const init = skipTypeWrappers(declarator.init);
      const whole = moduleOfInitialiser(sourceCode, init);
      if (whole !== undefined) return { source: whole, imported: key };
      if (init.type === AST_NODE_TYPES.Identifier) {
        const object = findVariableOf(sourceCode, init);
        const namespace = object === undefined ? undefined : resolveVariable(sourceCode, object, depth + 1);
        if (namespace !== undefined && isWholeModule(namespace))
          return { source: namespace.source, imported: key };
      }
    }
  }
  return undefined;
}

/** A namespace import, a required module, or a default import (which CommonJS interop makes the module). */
function isWholeModule(binding: ImportedBinding): boolean {
  return binding.imported === '*' || binding.imported === 'default';
}

function resolveMember(
  sourceCode: SourceCode,
  member: TSESTree.MemberExpression,
  depth: number,
): ImportedBinding | undefined {
  const name = propertyName(member);
  const object = skipTypeWrappers(member.object);
  if (name === undefined || object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariableOf(sourceCode, object);
  const namespace = variable === undefined ? undefined : resolveVariable(sourceCode, variable, depth);
  return namespace !== undefined && isWholeModule(namespace)
    ? { source: namespace.source, imported: name }
    : undefined;
}

/** The import an identifier stands for, through aliases and destructuring; undefined for locals and globals. */
export function resolveIdentifierImport(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
): ImportedBinding | undefined {
  const variable = findVariableOf(sourceCode, identifier);
  return variable === undefined ? undefined : resolveVariable(sourceCode, variable, 0);
}

/**
 * The import an expression names: `redirect`, `go` (an alias), `nav.redirect` (a namespace member),
 * `React.lazy` (a default import's member). Anything else — a local, a global, a call result — gives
 * undefined.
 */
export function resolveImportedExpression(
  sourceCode: SourceCode,
  expression: TSESTree.Node,
): ImportedBinding | undefined {
  const node = skipTypeWrappers(expression);
  if (node.type === AST_NODE_TYPES.Identifier) return resolveIdentifierImport(sourceCode, node);
  if (node.type === AST_NODE_TYPES.MemberExpression) return resolveMember(sourceCode, node, 0);
  return undefined;
}
