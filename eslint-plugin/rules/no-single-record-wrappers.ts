import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import picomatch from 'picomatch';
import { DEFAULT_CONVENTIONS } from '../../conventions/index.js';
import { completeSettings, createRule } from '../utils/create-rule.js';
import {
  FIRST_ROW_FUNCTION,
  readDrizzleQuery,
  readModelOpCall,
  type DataOperation,
  type DrizzleQuery,
  type ModelOpCall,
} from '../utils/data-access.js';
import { hasDirective, isFunctionNode, isInServerAction, type FunctionNode } from '../utils/directives.js';
import { calleeName, findVariableOf, propertyName, skipTypeWrappers } from '../utils/import-bindings.js';
import { createModuleMatcher } from '../utils/module-patterns.js';

interface Settings {
  verbs: string[];
  allow: string[];
  models: string[];
}
export type Options = [Partial<Settings>];
export type MessageIds = 'modelOpWrapper' | 'queryWrapper';

type Variable = TSESLint.Scope.Variable;

export const DEFAULT_VERBS = [
  'get',
  'find',
  'fetch',
  'load',
  'read',
  'select',
  'create',
  'add',
  'insert',
  'update',
  'edit',
  'set',
  'patch',
  'change',
  'toggle',
  'mark',
  'rename',
  'archive',
  'restore',
  'delete',
  'remove',
  'destroy',
  'upsert',
  'save',
  'put',
  'store',
];

/** Columns that name one record on their own: a primary key or a column that is unique by nature. */
const KEY_COLUMN = /^(?:id|_id|uuid|email|token|slug|username|handle)$/i;
/** Columns of a composite key, as in a join table: `taskId` + `tagId`. */
const ID_COLUMN = /^id$|Id$|_id$/;
/** Filters that select many rows whatever their arguments. */
const MULTI_ROW_FILTERS = new Set([
  'or',
  'inArray',
  'notInArray',
  'arrayContains',
  'arrayOverlaps',
  'arrayContained',
]);
/** Array methods whose callback runs once per element: an op inside is a batch, not a wrapper. */
const ITERATING_METHODS = new Set([
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
const LOOPS = new Set<string>([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);
/** Properties of a returned object that make it a result object, as server actions return. */
const RESULT_KEYS = new Set(['success', 'ok', 'error', 'errors']);

interface NamedFunction {
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
      // cache(async (id) => …), unstable_cache(…), React.cache(…): the wrapper takes the slot's name.
      if (depth > 2 || !slot.arguments.includes(child as TSESTree.CallExpressionArgument)) return undefined;
      const callee = skipTypeWrappers(slot.callee);
      const isWrapper =
        callee.type === AST_NODE_TYPES.Identifier ||
        (callee.type === AST_NODE_TYPES.MemberExpression &&
          callee.object.type === AST_NODE_TYPES.Identifier &&
          !ITERATING_METHODS.has(propertyName(callee) ?? ''));
      return isWrapper && slot.parent !== undefined ? nameOfSlot(slot.parent, slot, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

function functionName(fn: FunctionNode): NamedFunction | undefined {
  if (fn.id != null) return { name: fn.id.name, node: fn.id };
  return fn.parent === undefined ? undefined : nameOfSlot(fn.parent, fn, 0);
}

/** `getTaskById` → `get`, `get_task` → `get`, `GetTask` → `get`. */
function leadingWord(name: string): string {
  return /^[_$]*([A-Za-z][a-z\d]*)/.exec(name)?.[1]?.toLowerCase() ?? '';
}

/** A parameter that holds many values: `...ids`, `ids: string[]`, `rows: Array<T>`, `ids = []`. */
function isArrayParameter(param: TSESTree.Parameter): boolean {
  if (param.type === AST_NODE_TYPES.RestElement) return true;
  if (param.type === AST_NODE_TYPES.AssignmentPattern && param.right.type === AST_NODE_TYPES.ArrayExpression)
    return true;
  const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  const annotation = 'typeAnnotation' in target ? target.typeAnnotation?.typeAnnotation : undefined;
  return annotation !== undefined && isArrayType(annotation);
}

function isArrayType(type: TSESTree.TypeNode): boolean {
  switch (type.type) {
    case AST_NODE_TYPES.TSArrayType:
    case AST_NODE_TYPES.TSTupleType:
      return true;
    case AST_NODE_TYPES.TSTypeOperator:
      return type.typeAnnotation !== undefined && isArrayType(type.typeAnnotation);
    case AST_NODE_TYPES.TSTypeReference:
      return (
        type.typeName.type === AST_NODE_TYPES.Identifier && /^(?:Readonly)?Array$/.test(type.typeName.name)
      );
    case AST_NODE_TYPES.TSUnionType:
      return type.types.every(isArrayType);
    default:
      return false;
  }
}

/** Whether a parameter carries a type annotation that is not an array (`data: NewTask`). */
function hasScalarAnnotation(param: TSESTree.Node): boolean {
  const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.ObjectPattern) return false;
  const annotation = target.typeAnnotation?.typeAnnotation;
  return annotation !== undefined && !isArrayType(annotation);
}

interface KeyCondition {
  column: string | undefined;
  params: Set<Variable>;
}

interface Operation {
  operation: DataOperation;
  /** The op as the message names it. */
  label: string;
  isModelOp: boolean;
  single: boolean;
  /** The function's parameters the op is keyed by (conditions) or built from (inserted rows). */
  params: Set<Variable>;
}

export default createRule<Options, MessageIds>({
  name: 'no-single-record-wrappers',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Disallow functions that wrap one model op or Drizzle query for a single record; call the many-first op where it is needed',
      recommended: true,
      scope: 'source',
      conventionOptions: { models: 'models' },
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          verbs: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Leading words of the function names the rule examines (`get` covers `getTaskById` and `get_task`); a function whose name starts otherwise is never reported.',
          },
          allow: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Function names never reported; globs allowed (`get*ForAdmin`).',
          },
          models: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              "Modules whose exports are many-first ops: specifiers (`@/models/*`) or root-relative file globs. Defaults to the conventions' `models`.",
          },
        },
      },
    ],
    defaultOptions: [{ verbs: DEFAULT_VERBS, allow: [], models: [...DEFAULT_CONVENTIONS.models] }],
    messages: {
      modelOpWrapper:
        "'{{name}}' only wraps {{op}}(…) for one record. Call {{op}}([…]) where you need it and destructure the rows it returns (const [row] = await {{op}}(…)); a wrapper per record and field hides the many-first API.",
      queryWrapper:
        "'{{name}}' wraps a Drizzle {{operation}} of one record. Call the model's many-first op ({{op}}([…])) where you need it and destructure the rows it returns, instead of adding a function per record.",
    },
  },
  create(context, [options]) {
    const { verbs, allow, models } = completeSettings<Settings>(options);
    const sourceCode = context.sourceCode;
    const program = sourceCode.ast;
    // A 'use server' module is all server actions, and those are free to return one record's result.
    if (hasDirective(program.body, 'use server')) return {};
    const verbSet = new Set(verbs.map((verb) => verb.toLowerCase()));
    const isAllowed = allow.length > 0 ? picomatch(allow) : () => false;
    const isModelModule = createModuleMatcher(models, context.filename);
    const visitorKeys = sourceCode.visitorKeys;
    const notDatabase = () => false;

    function children(node: TSESTree.Node): TSESTree.Node[] {
      const result: TSESTree.Node[] = [];
      for (const key of visitorKeys[node.type] ?? []) {
        const value = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
          for (const item of value) if (isNode(item)) result.push(item);
        } else if (isNode(value)) {
          result.push(value);
        }
      }
      return result;
    }

    function isNode(value: unknown): value is TSESTree.Node {
      return (
        typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
      );
    }

    /** The parameters of `fn` an expression reads, directly or through locals of `fn` built from them. */
    function parametersIn(
      expression: TSESTree.Node,
      fn: FunctionNode,
      params: ReadonlySet<Variable>,
      depth = 0,
    ): Set<Variable> {
      const found = new Set<Variable>();
      const visit = (node: TSESTree.Node): void => {
        if (node.type === AST_NODE_TYPES.Identifier) {
          const variable = findVariableOf(sourceCode, node);
          if (variable === undefined) return;
          if (params.has(variable)) {
            found.add(variable);
            return;
          }
          const definition = variable.defs.length === 1 ? variable.defs[0] : undefined;
          if (
            depth < 3 &&
            definition?.type === 'Variable' &&
            definition.node.init !== null &&
            definition.node.range[0] >= fn.range[0] &&
            definition.node.range[1] <= fn.range[1] &&
            !containsNode(definition.node, node)
          ) {
            for (const variableOf of parametersIn(definition.node.init, fn, params, depth + 1))
              found.add(variableOf);
          }
          return;
        }
        if (node.type === AST_NODE_TYPES.MemberExpression) {
          visit(node.object);
          if (node.computed) visit(node.property);
          return;
        }
        if (node.type === AST_NODE_TYPES.Property) {
          if (node.computed) visit(node.key);
          visit(node.value);
          return;
        }
        if (isFunctionNode(node)) {
          visit(node.body);
          return;
        }
        for (const child of children(node)) visit(child);
      };
      visit(expression);
      return found;
    }

    function containsNode(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
      return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
    }

    /** Key conditions of `eq(t.col, value)`, `and(…)`, relational `{ id }` and `(t, { eq }) => …` forms. */
    function readConditions(
      nodes: readonly TSESTree.Node[],
      fn: FunctionNode,
      params: ReadonlySet<Variable>,
    ): { keys: KeyCondition[]; multi: boolean } {
      const keys: KeyCondition[] = [];
      let multi = false;
      const visit = (input: TSESTree.Node, depth: number): void => {
        if (depth > 6) return;
        const node = skipTypeWrappers(input);
        switch (node.type) {
          case AST_NODE_TYPES.ArrayExpression:
            for (const element of node.elements)
              if (element !== null && element.type !== AST_NODE_TYPES.SpreadElement)
                visit(element, depth + 1);
            return;
          case AST_NODE_TYPES.CallExpression: {
            const name = calleeName(node.callee);
            if (name === 'eq' && node.arguments.length === 2) {
              const [left, right] = node.arguments as [TSESTree.Node, TSESTree.Node];
              const leftIsColumn = skipTypeWrappers(left).type === AST_NODE_TYPES.MemberExpression;
              const [column, value] = leftIsColumn ? [left, right] : [right, left];
              const columnNode = skipTypeWrappers(column);
              keys.push({
                column:
                  columnNode.type === AST_NODE_TYPES.MemberExpression ? propertyName(columnNode) : undefined,
                params: parametersIn(value, fn, params),
              });
            } else if (name === 'and') {
              for (const argument of node.arguments) visit(argument, depth + 1);
            } else if (name !== undefined && MULTI_ROW_FILTERS.has(name)) {
              multi = true;
            }
            return;
          }
          case AST_NODE_TYPES.ObjectExpression:
            for (const property of node.properties) {
              if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
              const column = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
              const value = skipTypeWrappers(property.value);
              if (column === 'OR') multi = true;
              else if (column === 'AND') visit(value, depth + 1);
              else if (value.type === AST_NODE_TYPES.ObjectExpression) {
                for (const operator of value.properties) {
                  if (operator.type !== AST_NODE_TYPES.Property || operator.computed) continue;
                  const operatorName =
                    operator.key.type === AST_NODE_TYPES.Identifier ? operator.key.name : undefined;
                  if (operatorName === 'eq')
                    keys.push({ column, params: parametersIn(operator.value, fn, params) });
                  if (operatorName === 'in' || operatorName === 'notIn' || operatorName === 'arrayContains')
                    multi = true;
                }
              } else {
                keys.push({ column, params: parametersIn(value, fn, params) });
              }
            }
            return;
          case AST_NODE_TYPES.ArrowFunctionExpression:
          case AST_NODE_TYPES.FunctionExpression: {
            const { body } = node;
            if (body.type !== AST_NODE_TYPES.BlockStatement) visit(body, depth + 1);
            else
              for (const statement of body.body)
                if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument)
                  visit(statement.argument, depth + 1);
            return;
          }
          case AST_NODE_TYPES.Identifier: {
            const variable = findVariableOf(sourceCode, node);
            const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
            if (
              definition?.type === 'Variable' &&
              definition.node.init !== null &&
              containsNode(fn, definition.node)
            ) {
              visit(definition.node.init, depth + 1);
            }
            return;
          }
          default:
            return;
        }
      };
      for (const node of nodes) visit(node, 0);
      return { keys, multi };
    }

    /** Whether the code around an op keeps one row of its result: `[0]`, `const [row] =`, `takeFirst(…)`. */
    function keepsFirstRow(expression: TSESTree.Node): boolean {
      let node = expression;
      let parent = node.parent;
      while (
        parent !== undefined &&
        (parent.type === AST_NODE_TYPES.AwaitExpression ||
          parent.type === AST_NODE_TYPES.TSNonNullExpression ||
          parent.type === AST_NODE_TYPES.TSAsExpression ||
          parent.type === AST_NODE_TYPES.ChainExpression)
      ) {
        node = parent;
        parent = node.parent;
      }
      if (parent === undefined) return false;
      return picksFirstRow(node, parent, true);
    }

    function picksFirstRow(node: TSESTree.Node, parent: TSESTree.Node, followVariable: boolean): boolean {
      switch (parent.type) {
        case AST_NODE_TYPES.MemberExpression: {
          if (parent.object !== node) return false;
          if (parent.computed)
            return parent.property.type === AST_NODE_TYPES.Literal && parent.property.value === 0;
          const method = propertyName(parent);
          const call = parent.parent;
          if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return false;
          const [argument] = call.arguments;
          if (method === 'at') return argument?.type === AST_NODE_TYPES.Literal && argument.value === 0;
          if (method === 'then' && argument !== undefined) return thenPicksFirst(argument);
          return false;
        }
        case AST_NODE_TYPES.VariableDeclarator: {
          if (parent.init !== node) return false;
          if (parent.id.type === AST_NODE_TYPES.ArrayPattern) return isSingleElementPattern(parent.id);
          if (!followVariable || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
          const [variable] = sourceCode.getDeclaredVariables(parent);
          return (
            variable !== undefined &&
            variable.references.some(
              (reference) =>
                !reference.init &&
                reference.identifier.parent !== undefined &&
                picksFirstRow(reference.identifier, reference.identifier.parent, false),
            )
          );
        }
        case AST_NODE_TYPES.AssignmentExpression:
          return (
            parent.right === node &&
            parent.left.type === AST_NODE_TYPES.ArrayPattern &&
            isSingleElementPattern(parent.left)
          );
        case AST_NODE_TYPES.CallExpression: {
          if (!parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
          const callee = skipTypeWrappers(parent.callee);
          const name =
            callee.type === AST_NODE_TYPES.Identifier
              ? callee.name
              : callee.type === AST_NODE_TYPES.MemberExpression
                ? propertyName(callee)
                : undefined;
          return name !== undefined && FIRST_ROW_FUNCTION.test(name);
        }
        default:
          return false;
      }
    }

    function isSingleElementPattern(pattern: TSESTree.ArrayPattern): boolean {
      return pattern.elements.length === 1 && pattern.elements[0]?.type !== AST_NODE_TYPES.RestElement;
    }

    function thenPicksFirst(callback: TSESTree.Node): boolean {
      const node = skipTypeWrappers(callback);
      if (node.type === AST_NODE_TYPES.Identifier) return FIRST_ROW_FUNCTION.test(node.name);
      if (node.type === AST_NODE_TYPES.MemberExpression)
        return FIRST_ROW_FUNCTION.test(propertyName(node) ?? '');
      if (
        node.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
        node.type !== AST_NODE_TYPES.FunctionExpression
      )
        return false;
      const [param] = node.params;
      if (param?.type === AST_NODE_TYPES.ArrayPattern) return isSingleElementPattern(param);
      const returned =
        node.body.type === AST_NODE_TYPES.BlockStatement
          ? node.body.body.find((statement) => statement.type === AST_NODE_TYPES.ReturnStatement)?.argument
          : node.body;
      if (returned == null) return false;
      const value = skipTypeWrappers(returned);
      return (
        value.type === AST_NODE_TYPES.MemberExpression &&
        value.computed &&
        value.property.type === AST_NODE_TYPES.Literal &&
        value.property.value === 0
      );
    }

    /** Rows an insert adds from the function's parameters, when it adds exactly one. */
    function insertedRecord(
      rows: TSESTree.Node | undefined,
      fn: FunctionNode,
      params: ReadonlySet<Variable>,
      narrowed: boolean,
      arrayOnly: boolean,
    ): Set<Variable> | undefined {
      if (rows === undefined) return undefined;
      const node = skipTypeWrappers(rows);
      if (node.type === AST_NODE_TYPES.ArrayExpression) {
        const [element] = node.elements;
        if (node.elements.length !== 1 || element == null || element.type === AST_NODE_TYPES.SpreadElement)
          return undefined;
        const used = parametersIn(element, fn, params);
        return used.size > 0 ? used : undefined;
      }
      if (arrayOnly) return undefined;
      if (node.type === AST_NODE_TYPES.ObjectExpression) {
        const used = parametersIn(node, fn, params);
        return used.size > 0 ? used : undefined;
      }
      if (node.type === AST_NODE_TYPES.Identifier) {
        // .values(data): one row when `data` is typed as one, or when the caller keeps one row back.
        const variable = findVariableOf(sourceCode, node);
        if (variable === undefined || !params.has(variable)) return undefined;
        const declared = variable.defs[0]?.name;
        const param = fn.params.find(
          (candidate) => declared !== undefined && containsNode(candidate, declared),
        );
        const scalar = param !== undefined && hasScalarAnnotation(param);
        return scalar || narrowed ? new Set([variable]) : undefined;
      }
      return undefined;
    }

    function classifyConditions(
      conditions: readonly TSESTree.Node[],
      fn: FunctionNode,
      params: ReadonlySet<Variable>,
      operation: DataOperation,
      narrowed: boolean,
    ): { single: boolean; params: Set<Variable> } {
      const { keys, multi } = readConditions(conditions, fn, params);
      const keyed = keys.filter((key) => key.params.size > 0);
      const used = new Set(keyed.flatMap((key) => [...key.params]));
      if (multi || used.size === 0) return { single: false, params: used };
      const byKeyColumn = keyed.some((key) => key.column !== undefined && KEY_COLUMN.test(key.column));
      const byCompositeKey =
        operation !== 'select' &&
        keyed.length >= 2 &&
        keyed.every((key) => key.column !== undefined && ID_COLUMN.test(key.column));
      return { single: narrowed || byKeyColumn || byCompositeKey, params: used };
    }

    function classifyModelOp(op: ModelOpCall, fn: FunctionNode, params: ReadonlySet<Variable>): Operation {
      const narrowed = keepsFirstRow(op.call);
      const [first] = op.call.arguments;
      const base = { operation: op.operation, label: op.name, isModelOp: true };
      if (op.operation === 'insert') {
        const record = insertedRecord(first, fn, params, narrowed, true);
        return { ...base, single: record !== undefined, params: record ?? parametersIn(op.call, fn, params) };
      }
      const conditions = first === undefined ? [] : [first];
      return { ...base, ...classifyConditions(conditions, fn, params, op.operation, narrowed) };
    }

    function classifyQuery(query: DrizzleQuery, fn: FunctionNode, params: ReadonlySet<Variable>): Operation {
      const narrowed = query.narrowed || keepsFirstRow(query.outer);
      const table =
        query.table === undefined ? 'Table' : query.table.charAt(0).toUpperCase() + query.table.slice(1);
      const base = { operation: query.operation, label: `${query.operation}${table}`, isModelOp: false };
      if (query.operation === 'insert') {
        const record = insertedRecord(query.values, fn, params, narrowed, false);
        return {
          ...base,
          single: record !== undefined,
          params: record ?? parametersIn(query.outer, fn, params),
        };
      }
      const classified = classifyConditions(query.conditions, fn, params, query.operation, narrowed);
      return { ...base, ...classified, single: classified.single && !query.aggregate };
    }

    /** The function's data operations, unless its body shows it is more than a wrapper. */
    function collectOperations(fn: FunctionNode, params: ReadonlySet<Variable>): Operation[] | undefined {
      const operations: Operation[] = [];
      let disqualified = false;
      const visit = (node: TSESTree.Node, inLoop: boolean): void => {
        if (disqualified) return;
        if (node !== fn && isFunctionNode(node)) {
          // A nested named function is examined on its own; a callback belongs to this one.
          if (functionName(node) !== undefined && node.parent?.type !== AST_NODE_TYPES.CallExpression) return;
          const call = node.parent;
          const iterates =
            call?.type === AST_NODE_TYPES.CallExpression &&
            call.callee.type === AST_NODE_TYPES.MemberExpression &&
            ITERATING_METHODS.has(propertyName(call.callee) ?? '');
          for (const child of children(node)) visit(child, inLoop || iterates);
          return;
        }
        if (node.type === AST_NODE_TYPES.ReturnStatement && isResultObject(node.argument)) {
          disqualified = true;
          return;
        }
        if (
          node.type === AST_NODE_TYPES.ArrowFunctionExpression &&
          node === fn &&
          isResultObject(node.body)
        ) {
          disqualified = true;
          return;
        }
        if (node.type === AST_NODE_TYPES.ExpressionStatement && isSideEffect(node)) {
          disqualified = true;
          return;
        }
        let found: Operation | undefined;
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const op = readModelOpCall(sourceCode, node, isModelModule);
          if (op !== undefined) found = classifyModelOp(op, fn, params);
        } else if (node.type === AST_NODE_TYPES.MemberExpression) {
          const query = readDrizzleQuery(node, notDatabase);
          if (query !== undefined) found = classifyQuery(query, fn, params);
        }
        if (found !== undefined) {
          if (inLoop) {
            disqualified = true;
            return;
          }
          operations.push(found);
        }
        const loop = LOOPS.has(node.type);
        for (const child of children(node)) visit(child, inLoop || loop);
      };
      visit(fn, false);
      return disqualified ? undefined : operations;
    }

    function isResultObject(node: TSESTree.Node | null | undefined): boolean {
      if (node == null) return false;
      const value = skipTypeWrappers(node);
      return (
        value.type === AST_NODE_TYPES.ObjectExpression &&
        value.properties.some(
          (property) =>
            property.type === AST_NODE_TYPES.Property &&
            !property.computed &&
            property.key.type === AST_NODE_TYPES.Identifier &&
            RESULT_KEYS.has(property.key.name),
        )
      );
    }

    /** A statement that calls something other than a data op for its effect: an email, a cache purge. */
    function isSideEffect(statement: TSESTree.ExpressionStatement): boolean {
      let expression = skipTypeWrappers(statement.expression);
      if (expression.type === AST_NODE_TYPES.AwaitExpression)
        expression = skipTypeWrappers(expression.argument);
      if (expression.type === AST_NODE_TYPES.ChainExpression) expression = expression.expression;
      if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
      if (sourceCode.getAncestors(statement).some((ancestor) => ancestor.type === AST_NODE_TYPES.CatchClause))
        return false;
      if (readModelOpCall(sourceCode, expression, isModelModule) !== undefined) return false;
      const callee = skipTypeWrappers(expression.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = propertyName(callee);
        if (method === 'transaction') return false;
        if (callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'console')
          return false;
        // The outer call of a Drizzle chain: db.delete(t).where(…), db.update(t).set(v).where(…).
        let root: TSESTree.Node = callee;
        while (root.type === AST_NODE_TYPES.MemberExpression || root.type === AST_NODE_TYPES.CallExpression) {
          if (
            root.type === AST_NODE_TYPES.MemberExpression &&
            readDrizzleQuery(root, notDatabase) !== undefined
          )
            return false;
          root = root.type === AST_NODE_TYPES.MemberExpression ? root.object : root.callee;
        }
      }
      return true;
    }

    function check(fn: FunctionNode): void {
      const named = functionName(fn);
      if (named === undefined || !verbSet.has(leadingWord(named.name)) || isAllowed(named.name)) return;
      if (fn.params.length === 0 || fn.params.some(isArrayParameter)) return;
      if (isInServerAction(program, sourceCode.getAncestors(fn), fn)) return;
      const params = new Set(
        sourceCode
          .getDeclaredVariables(fn)
          .filter((variable) => variable.defs.some((definition) => definition.type === 'Parameter')),
      );
      if (params.size === 0) return;
      const operations = collectOperations(fn, params);
      if (operations === undefined) return;
      const singles = operations.filter((operation) => operation.single);
      const [first] = singles;
      if (first === undefined) return;
      // Cascades and ownership checks keyed by the same parameters are still one record's wrapper;
      // an op keyed by anything else (another record, a previous result) makes it real composition.
      const keys = new Set(singles.flatMap((operation) => [...operation.params]));
      const composes = operations.some(
        (operation) => operation.params.size === 0 || [...operation.params].some((param) => !keys.has(param)),
      );
      if (composes) return;
      if (first.isModelOp) {
        context.report({
          node: named.node,
          messageId: 'modelOpWrapper',
          data: { name: named.name, op: first.label },
        });
      } else {
        context.report({
          node: named.node,
          messageId: 'queryWrapper',
          data: { name: named.name, operation: first.operation, op: first.label },
        });
      }
    }

    return {
      FunctionDeclaration: check,
      FunctionExpression: check,
      ArrowFunctionExpression: check,
    };
  },
});
