import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import picomatch from 'picomatch';
import { DEFAULT_CONVENTIONS } from '../../conventions/index.js';
import { TRANSACTION_METHOD } from '../../conventions/vocabulary.js';
import { completeSettings, createRule } from '../utils/create-rule.js';
import {
  FIRST_ROW_FUNCTION,
  readDrizzleQuery,
  readModelOpCall,
  type DataOperation,
  type DrizzleQuery,
  type ModelOpCall,
} from '../utils/data-access.js';
import { isFunctionNode, type FunctionNode } from '../utils/directives.js';
import { calleeName, findVariableOf, propertyName, skipTypeWrappers } from '../utils/import-bindings.js';
import { functionName, ITERATING_METHODS, leadingWord } from '../utils/function-names.js';
import { createModuleMatcher } from '../utils/module-patterns.js';
import { hasScalarAnnotation, isArrayParameter } from '../utils/parameter-types.js';
import { serverActionRole } from '../utils/server-action-role.js';

interface Settings {
  verbs: string[];
  allow: string[];
  models: string[];
}
export type Options = [Partial<Settings>];
export type MessageIds = 'modelOpWrapper' | 'queryWrapper' | 'serverActionWrapper';

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
/** Columns of a composite key, as in a join table: `taskId` + `tagId` (a plain `id` is a key alone). */
const ID_COLUMN = /Id$|_id$/;
/**
 * Filters that select many rows whatever their arguments: a set or a range next to a key's equality
 * (`and(eq(documents.id, id), gt(documents.createdAt, since))`) picks versions or a slice, not one record.
 */
const MULTI_ROW_FILTERS = new Set([
  'or',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'notBetween',
  'inArray',
  'notInArray',
  'arrayContains',
  'arrayOverlaps',
  'arrayContained',
]);
/** The same in a relational `where` object: `{ createdAt: { gt: since } }`. */
const MULTI_ROW_OPERATORS = new Set([
  'in',
  'notIn',
  'arrayContains',
  'arrayOverlaps',
  'arrayContained',
  'gt',
  'gte',
  'lt',
  'lte',
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

interface KeyCondition {
  column: string | undefined;
  params: Set<Variable>;
}

interface Operation {
  /** The op's call or the Drizzle chain's outermost expression: what the op returns. */
  node: TSESTree.Node;
  operation: DataOperation;
  /** The op as the message names it. */
  label: string;
  isModelOp: boolean;
  single: boolean;
  /** A read of many rows: a list, or a record with its children. */
  list: boolean;
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
      serverActionWrapper:
        "'{{name}}' is a server action that returns what {{op}}(…) returns for one record: a single-record wrapper exposed as an endpoint. Read the record where it is rendered (call {{op}}([…]) in the Server Component) and let actions return a result object ({ success, … }).",
    },
  },
  create(context, [options]) {
    const { verbs, allow, models } = completeSettings<Settings>(options);
    const sourceCode = context.sourceCode;
    const program = sourceCode.ast;
    const verbSet = new Set(verbs.map((verb) => verb.toLowerCase()));
    // An empty list matches no name.
    const isAllowed = picomatch(allow);
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
            containsNode(fn, definition.node) &&
            !containsNode(definition.node, node)
          ) {
            // A previous op's result (`const [inbox] = await …`) is another record's data: the local
            // itself stands for it, and an op keyed by it composes records.
            if (containsDataOp(definition.node.init)) {
              found.add(variable);
              return;
            }
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
                  if (operatorName !== undefined && MULTI_ROW_OPERATORS.has(operatorName)) multi = true;
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
          if (variable === undefined) return false;
          const reads = variable.references.filter((reference) => !reference.init);
          // rows[0] next to rows[1] or rows.map(…) reads a list that happens to start with a row.
          if (reads.some((reference) => readsAsList(reference.identifier))) return false;
          return reads.some(
            (reference) =>
              reference.identifier.parent !== undefined &&
              picksFirstRow(reference.identifier, reference.identifier.parent, false),
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

    /** `rows[1]`, `rows.map(…)`, `for (const row of rows)`, `[...rows]`: rows used as many. */
    function readsAsList(identifier: TSESTree.Node): boolean {
      const parent = identifier.parent;
      if (parent === undefined) return false;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
        if (parent.computed)
          return parent.property.type === AST_NODE_TYPES.Literal && parent.property.value !== 0;
        const method = propertyName(parent);
        return method !== undefined && (ITERATING_METHODS.has(method) || method === 'slice');
      }
      return (
        (parent.type === AST_NODE_TYPES.ForOfStatement && parent.right === identifier) ||
        parent.type === AST_NODE_TYPES.SpreadElement
      );
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

    function classifyModelOp(
      op: ModelOpCall,
      fn: FunctionNode,
      params: ReadonlySet<Variable>,
    ): Operation | undefined {
      const [first] = op.call.arguments;
      // takeFirstTasks(await selectTasks(…)) picks a row of another op's result: that op is the one to judge.
      if (op.firstRow && first !== undefined && !isConditionList(first)) return undefined;
      const narrowed = op.firstRow || keepsFirstRow(op.call);
      const base = { node: op.call, operation: op.operation, label: op.name, isModelOp: true };
      if (op.operation === 'insert') {
        const record = insertedRecord(first, fn, params, narrowed, true);
        return {
          ...base,
          single: record !== undefined,
          list: false,
          params: record ?? parametersIn(op.call, fn, params),
        };
      }
      const conditions = first === undefined ? [] : [first];
      const ordered = op.operation === 'select' && hasOption(op.call.arguments[1], 'orderBy');
      const classified = classifyConditions(conditions, fn, params, op.operation, narrowed && !ordered);
      if (op.operation === 'update') addResultsIn(op.call.arguments[1], classified.params, fn, params);
      return { ...base, ...classified, list: op.operation === 'select' && !classified.single };
    }

    /** `{ orderBy: … }` among a select op's options. */
    function hasOption(options: TSESTree.Node | undefined, name: string): boolean {
      const value = options === undefined ? undefined : skipTypeWrappers(options);
      return (
        value?.type === AST_NODE_TYPES.ObjectExpression &&
        value.properties.some(
          (property) =>
            property.type === AST_NODE_TYPES.Property &&
            !property.computed &&
            property.key.type === AST_NODE_TYPES.Identifier &&
            property.key.name === name,
        )
      );
    }

    /** `[eq(…)]`, `conditions`, `[]`: what an op takes first, as opposed to another op's awaited rows. */
    function isConditionList(node: TSESTree.Node): boolean {
      const value = skipTypeWrappers(node);
      return value.type === AST_NODE_TYPES.ArrayExpression || value.type === AST_NODE_TYPES.Identifier;
    }

    function classifyQuery(query: DrizzleQuery, fn: FunctionNode, params: ReadonlySet<Variable>): Operation {
      const narrowed = query.narrowed || keepsFirstRow(query.outer);
      const table =
        query.table === undefined ? 'Table' : query.table.charAt(0).toUpperCase() + query.table.slice(1);
      const base = {
        node: query.outer,
        operation: query.operation,
        label: `${query.operation}${table}`,
        isModelOp: false,
      };
      if (query.operation === 'insert') {
        const record = insertedRecord(query.values, fn, params, narrowed, false);
        return {
          ...base,
          single: record !== undefined,
          list: false,
          params: record ?? parametersIn(query.outer, fn, params),
        };
      }
      // The first row of a sort (the latest, the highest) is the top of a list unless a key names it.
      const classified = classifyConditions(
        query.conditions,
        fn,
        params,
        query.operation,
        narrowed && !query.ordered,
      );
      // Sorted or joined rows that nothing narrows are a list (or a record with its children); so is a
      // relational read that loads to-many relations.
      if (query.operation === 'update') addResultsIn(query.values, classified.params, fn, params);
      const many = query.withChildren || (!narrowed && (query.ordered || query.joined || query.listed));
      const single = classified.single && !query.aggregate && !many;
      return {
        ...base,
        ...classified,
        single,
        list: query.operation === 'select' && !single && !query.aggregate,
      };
    }

    /**
     * Values an update writes from a previous op's result (read, modify, write back) make it a use case:
     * those results join the op's keys, so it composes.
     */
    function addResultsIn(
      values: TSESTree.Node | undefined,
      into: Set<Variable>,
      fn: FunctionNode,
      params: ReadonlySet<Variable>,
    ): void {
      if (values === undefined) return;
      for (const variable of parametersIn(values, fn, params)) if (!params.has(variable)) into.add(variable);
    }

    /** The function's data operations, unless its body shows it is more than a wrapper. */
    function collectOperations(fn: FunctionNode, params: ReadonlySet<Variable>): Operation[] | undefined {
      const operations: Operation[] = [];
      let disqualified = false;
      const visit = (node: TSESTree.Node, inLoop: boolean): void => {
        if (disqualified) return;
        if (node !== fn && isFunctionNode(node)) {
          // Callbacks and helper closures belong to this function (a named one is also examined alone).
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
      if (isDataOp(expression) || groupsDataOps(expression)) return false;
      const callee = skipTypeWrappers(expression.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        if (propertyName(callee) === TRANSACTION_METHOD) return false;
        if (callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'console')
          return false;
      }
      return true;
    }

    /** A model op call, or any part of a Drizzle chain: `db.delete(t).where(…)`, `….returning()`. */
    function isDataOp(input: TSESTree.Node): boolean {
      let node = skipTypeWrappers(input);
      if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipTypeWrappers(node.argument);
      if (node.type === AST_NODE_TYPES.ChainExpression) node = node.expression;
      if (node.type === AST_NODE_TYPES.CallExpression && readModelOpCall(sourceCode, node, isModelModule))
        return true;
      let root: TSESTree.Node = node;
      while (root.type === AST_NODE_TYPES.MemberExpression || root.type === AST_NODE_TYPES.CallExpression) {
        if (
          root.type === AST_NODE_TYPES.MemberExpression &&
          readDrizzleQuery(root, notDatabase) !== undefined
        )
          return true;
        root = skipTypeWrappers(root.type === AST_NODE_TYPES.MemberExpression ? root.object : root.callee);
      }
      return false;
    }

    /**
     * A call that only groups data ops: `Promise.all([op, op])`, `db.batch([…])`, `inParallel(op, op)`,
     * `withRetry(() => op)`. Its ops are the function's own, not an unrelated side effect.
     */
    function groupsDataOps(call: TSESTree.CallExpression): boolean {
      let direct = 0;
      let grouped = 0;
      for (const argument of call.arguments) {
        const value = skipTypeWrappers(argument);
        if (value.type === AST_NODE_TYPES.ArrayExpression) {
          const elements = value.elements.filter((element) => element !== null);
          if (elements.length === 0 || !elements.every((element) => isDataOp(element))) return false;
          grouped += elements.length;
        } else if (isFunctionNode(value)) {
          if (!containsDataOp(value.body)) return false;
          grouped += 1;
        } else if (isDataOp(value)) {
          direct += 1;
        } else {
          return false;
        }
      }
      // One op handed to a function is that function's input (`notify(await op)`), not a group.
      return grouped > 0 || direct >= 2;
    }

    function containsDataOp(node: TSESTree.Node): boolean {
      if (
        (node.type === AST_NODE_TYPES.CallExpression &&
          readModelOpCall(sourceCode, node, isModelModule) !== undefined) ||
        (node.type === AST_NODE_TYPES.MemberExpression && readDrizzleQuery(node, notDatabase) !== undefined)
      )
        return true;
      return children(node).some(containsDataOp);
    }

    /** The values a function returns: its expression body, or the arguments of its own returns. */
    function returnedValues(fn: FunctionNode): TSESTree.Node[] {
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
      const values: TSESTree.Node[] = [];
      const visit = (node: TSESTree.Node): void => {
        if (isFunctionNode(node)) return;
        if (node.type === AST_NODE_TYPES.ReturnStatement) {
          if (node.argument !== null) values.push(node.argument);
          return;
        }
        for (const child of children(node)) visit(child);
      };
      for (const statement of fn.body.body) visit(statement);
      return values;
    }

    /** `null`, `undefined`, `void 0`: what a function returns when the record is missing. */
    function isNothing(input: TSESTree.Node): boolean {
      const node = skipTypeWrappers(input);
      return (
        (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
        (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') ||
        (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void')
      );
    }

    /**
     * Whether every value the function returns is what one of `ops` returns: the rows or the row
     * (`[0]`, `const [row] = …`, `takeFirst…`), its fields (`row.title`, `{ id: row.id }`), or nothing.
     */
    function returnsRecordOf(fn: FunctionNode, ops: readonly Operation[]): boolean {
      const values = returnedValues(fn).filter((value) => !isNothing(value));
      return values.length > 0 && values.every((value) => derivesFrom(value, fn, ops, 0));
    }

    function derivesFrom(
      input: TSESTree.Node,
      fn: FunctionNode,
      ops: readonly Operation[],
      depth: number,
    ): boolean {
      if (depth > 8) return false;
      let node = skipTypeWrappers(input);
      if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipTypeWrappers(node.argument);
      if (node.type === AST_NODE_TYPES.ChainExpression) node = node.expression;
      if (ops.some((op) => op.node === node)) return true;
      const next = (value: TSESTree.Node): boolean => derivesFrom(value, fn, ops, depth + 1);
      const nextOrNothing = (value: TSESTree.Node): boolean => isNothing(value) || next(value);
      switch (node.type) {
        case AST_NODE_TYPES.MemberExpression:
          return next(node.object);
        case AST_NODE_TYPES.CallExpression: {
          const callee = skipTypeWrappers(node.callee);
          // rows.at(0), row.toJSON(), query.then((rows) => rows[0]); first(rows), takeFirst(rows).
          if (callee.type === AST_NODE_TYPES.MemberExpression) return next(callee.object);
          const [argument] = node.arguments;
          return (
            callee.type === AST_NODE_TYPES.Identifier &&
            FIRST_ROW_FUNCTION.test(callee.name) &&
            argument !== undefined &&
            next(argument)
          );
        }
        case AST_NODE_TYPES.LogicalExpression:
          return next(node.left) && nextOrNothing(node.right);
        case AST_NODE_TYPES.ConditionalExpression:
          return (
            nextOrNothing(node.consequent) &&
            nextOrNothing(node.alternate) &&
            !(isNothing(node.consequent) && isNothing(node.alternate))
          );
        case AST_NODE_TYPES.ObjectExpression:
          return (
            node.properties.length > 0 &&
            node.properties.every((property) =>
              property.type === AST_NODE_TYPES.SpreadElement ? next(property.argument) : next(property.value),
            )
          );
        case AST_NODE_TYPES.Identifier: {
          const variable = findVariableOf(sourceCode, node);
          const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
          // A variable declared outside the function cannot hold what its ops return: its value would have
          // to contain the function itself, and the walk does not enter functions.
          if (
            definition?.type !== 'Variable' ||
            definition.node.init === null ||
            variable?.references.some((reference) => reference.isWrite() && !reference.init) !== false
          )
            return false;
          return next(elementOf(definition.node.id, definition.name, definition.node.init));
        }
        default:
          return false;
      }
    }

    /** In `const [a, b] = await Promise.all([x, y])`, the expression `b` comes from: `y`. */
    function elementOf(
      pattern: TSESTree.Node,
      name: TSESTree.Node,
      init: TSESTree.Expression,
    ): TSESTree.Node {
      let value = skipTypeWrappers(init);
      if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipTypeWrappers(value.argument);
      if (
        pattern.type !== AST_NODE_TYPES.ArrayPattern ||
        value.type !== AST_NODE_TYPES.CallExpression ||
        value.callee.type !== AST_NODE_TYPES.MemberExpression ||
        !/^all(?:Settled)?$/.test(propertyName(value.callee) ?? '')
      )
        return init;
      const [group] = value.arguments;
      if (group?.type !== AST_NODE_TYPES.ArrayExpression) return init;
      const index = pattern.elements.findIndex((element) => element !== null && containsNode(element, name));
      const element = index >= 0 ? group.elements[index] : undefined;
      return element == null || element.type === AST_NODE_TYPES.SpreadElement ? init : element;
    }

    function check(fn: FunctionNode): void {
      const named = functionName(fn);
      if (named === undefined || !verbSet.has(leadingWord(named.name)) || isAllowed(named.name)) return;
      // Stryker disable next-line ConditionalExpression: a pre-check that only saves work: with no parameter no op is keyed by one, so none is single
      if (fn.params.length === 0) return;
      if (fn.params.some(isArrayParameter)) return;
      const role = serverActionRole(program, sourceCode.getAncestors(fn), fn);
      if (role === 'action code') return;
      // Stryker disable MethodExpression,ConditionalExpression: besides the parameters, a function declares only its own name, and no op is keyed by the function itself
      const params = new Set(
        sourceCode
          .getDeclaredVariables(fn)
          .filter((variable) => variable.defs.some((definition) => definition.type === 'Parameter')),
      );
      // Stryker restore MethodExpression,ConditionalExpression
      const operations = collectOperations(fn, params);
      if (operations === undefined) return;
      const singles = operations.filter((operation) => operation.single);
      const [first] = singles;
      if (first === undefined) return;
      // A list read next to the record (its tasks, its members) assembles more than one record.
      if (operations.some((operation) => operation.list)) return;
      // Cascades and ownership checks keyed by the same parameters are still one record's wrapper;
      // an op keyed by anything else (another record, a previous result) makes it real composition.
      const keys = new Set(singles.flatMap((operation) => [...operation.params]));
      const composes = operations.some(
        (operation) =>
          operation.params.size === 0 ||
          [...operation.params].some((param) => !keys.has(param) || !params.has(param)),
      );
      if (composes) return;
      if (role === 'endpoint') {
        // An action that answers with a result object, or nothing, is what actions are for.
        if (!returnsRecordOf(fn, singles)) return;
        context.report({
          node: named.node,
          messageId: 'serverActionWrapper',
          data: { name: named.name, op: first.label },
        });
      } else if (first.isModelOp) {
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
