/**
 * Recognises data access in source code without type information: Drizzle query chains (by their root
 * binding or by the shape of the chain) and calls of many-first model ops (by the module they are
 * imported from, or by their plural-op shape).
 */
import { ScopeType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  calleeName,
  findVariableOf,
  propertyName,
  resolveIdentifierImport,
  resolveImportedExpression,
  skipTypeWrappers,
} from './import-bindings.js';
import { MODEL_FACTORY_FUNCTION, ROW_OPS, TRANSACTION_METHOD } from '../../conventions/vocabulary.js';
import type { ModuleMatcher } from './module-patterns.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type DataOperation = 'select' | 'insert' | 'update' | 'delete';

export { DATABASE_METHODS } from '../../conventions/vocabulary.js';

const OPERATION_OF_METHOD: Readonly<Record<string, DataOperation>> = {
  select: 'select',
  selectDistinct: 'select',
  selectDistinctOn: 'select',
  insert: 'insert',
  update: 'update',
  delete: 'delete',
  query: 'select',
};

/** One step of a chain: `.where(…)` is `{ name: 'where', call }`, `[0]` is `{ name: '0' }`. */
export interface ChainLink {
  name: string;
  /** The member expression of this step (`….where`, `…[0]`). */
  member: TSESTree.MemberExpression;
  /** The call when the step is called: `.where(cond)`. */
  call?: TSESTree.CallExpression;
}

function linkName(member: TSESTree.MemberExpression): string | undefined {
  const name = propertyName(member);
  if (name !== undefined) return name;
  const { property } = member;
  return member.computed && property.type === AST_NODE_TYPES.Literal && typeof property.value === 'number'
    ? String(property.value)
    : undefined;
}

/** Steps outwards from `member` (included): `db.select` in `db.select().from(t).limit(1)` gives select, from, limit. */
export function chainFrom(member: TSESTree.MemberExpression): { links: ChainLink[]; outer: TSESTree.Node } {
  const links: ChainLink[] = [];
  let current: TSESTree.Node = member;
  for (;;) {
    if (current.type !== AST_NODE_TYPES.MemberExpression) break;
    const name = linkName(current);
    if (name === undefined) break;
    let outer: TSESTree.Node = current;
    let parent: TSESTree.Node | undefined = outer.parent;
    let call: TSESTree.CallExpression | undefined;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === outer) {
      call = parent;
      outer = parent;
      parent = outer.parent;
    }
    links.push({ name, member: current, ...(call === undefined ? {} : { call }) });
    // `x!.y`, `x?.y` keep the chain going.
    while (
      parent !== undefined &&
      (parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.ChainExpression)
    ) {
      outer = parent;
      parent = outer.parent;
    }
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === outer) {
      current = parent;
      continue;
    }
    return { links, outer };
  }
  return { links, outer: member };
}

/**
 * The shape of a Drizzle query after its first method: `select…from`, `insert…values`, `update…set`,
 * `delete…where`, `query.<table>.findFirst/findMany`. An HTTP client's `get`, `Map#delete` or a cache's
 * `set` never takes this shape.
 */
export function hasDrizzleShape(links: readonly ChainLink[]): boolean {
  const [first, ...rest] = links;
  if (first === undefined) return false;
  const names = rest.map((link) => link.name);
  switch (first.name) {
    case 'select':
    case 'selectDistinct':
    case 'selectDistinctOn':
      return first.call !== undefined && names.includes('from');
    case 'insert':
      return first.call !== undefined && names.includes('values');
    case 'update':
      return first.call !== undefined && names.includes('set');
    case 'delete':
      return first.call !== undefined && names.includes('where');
    case 'query':
      return first.call === undefined && rest.length >= 2 && /^find(?:First|Many)$/.test(rest[1]?.name ?? '');
    default:
      return false;
  }
}

/** Decides, per file, which expressions are the database: imports of a db module, `drizzle(…)`, `tx`. */
export function createDatabaseResolver(sourceCode: SourceCode, isDbModule: ModuleMatcher) {
  const cache = new Map<TSESLint.Scope.Variable, boolean>();

  function isDrizzleModule(source: string): boolean {
    return source === 'drizzle-orm' || source.startsWith('drizzle-orm/');
  }

  function variableIsDatabase(variable: TSESLint.Scope.Variable, depth: number): boolean {
    const cached = cache.get(variable);
    if (cached !== undefined) return cached;
    cache.set(variable, false); // a cycle through aliases is not a database
    const result = decide(variable, depth);
    cache.set(variable, result);
    return result;
  }

  function decide(variable: TSESLint.Scope.Variable, depth: number): boolean {
    if (depth > 8 || variable.defs.length !== 1) return false;
    const [definition] = variable.defs;
    if (definition === undefined) return false;
    if (definition.type === 'ImportBinding') {
      const identifier = definition.name;
      if (identifier.type !== AST_NODE_TYPES.Identifier) return false;
      const imported = resolveIdentifierImport(sourceCode, identifier);
      return imported !== undefined && isDbModule(imported.source);
    }
    if (definition.type === 'Variable') {
      const { node } = definition;
      if (node.id !== definition.name || node.init === null) return false;
      if (variable.references.filter((reference) => reference.isWrite()).length > 1) return false;
      let init = skipTypeWrappers(node.init);
      if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipTypeWrappers(init.argument);
      if (init.type === AST_NODE_TYPES.CallExpression) {
        // const db = drizzle(client), from any drizzle-orm driver entry.
        const callee = resolveImportedExpression(sourceCode, init.callee);
        return callee !== undefined && isDrizzleModule(callee.source) && callee.imported === 'drizzle';
      }
      return isDatabase(init, depth + 1);
    }
    if (definition.type === 'Parameter') {
      // db.transaction(async (tx) => …): tx is the database inside.
      const fn = definition.node;
      const call = fn.parent;
      if (
        call?.type !== AST_NODE_TYPES.CallExpression ||
        call.arguments[0] !== fn ||
        fn.params[0] !== definition.name
      ) {
        return false;
      }
      const callee = skipTypeWrappers(call.callee);
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        propertyName(callee) === TRANSACTION_METHOD &&
        isDatabase(callee.object, depth + 1)
      );
    }
    return false;
  }

  /** Whether an expression is (an alias of) the project's database client or a transaction on it. */
  function isDatabase(expression: TSESTree.Node, depth = 0): boolean {
    const node = skipTypeWrappers(expression);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariableOf(sourceCode, node);
      return variable !== undefined && variableIsDatabase(variable, depth);
    }
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const imported = resolveImportedExpression(sourceCode, node);
      return imported !== undefined && isDbModule(imported.source);
    }
    return false;
  }

  return isDatabase;
}

/** A Drizzle query found at its first method (`db.select`, `this.db.insert`, `tx.query`). */
export interface DrizzleQuery {
  operation: DataOperation;
  /** The first method's member expression, `db.select`. */
  member: TSESTree.MemberExpression;
  links: ChainLink[];
  /** The outermost expression of the chain. */
  outer: TSESTree.Node;
  /** The table's source text: `from(tasks)`, `insert(tasks)`, `query.tasks`. */
  table?: string;
  /** `.where(…)` arguments and a relational `findFirst({ where })`. */
  conditions: TSESTree.Node[];
  /** `.values(x)` or `.set(x)`. */
  values?: TSESTree.Node;
  /** The chain narrows to one row itself: `.limit(1)`, `findFirst`, `[0]`, `.then((r) => r[0])`, `.get()`. */
  narrowed: boolean;
  /** A select of aggregates (`count()`, `sum(…)`, sql expressions) or grouped rows: a figure, not a record. */
  aggregate: boolean;
  /** A select that sorts or pages its rows (`orderBy`, `offset`): its author expects more than one. */
  ordered: boolean;
  /** A select that joins other tables (`leftJoin`, `innerJoin`, …). */
  joined: boolean;
  /** A relational `findMany`: its author asks for a list. */
  listed: boolean;
  /** A relational read that loads to-many relations (`with: { tasks: true }`): a record with its children. */
  withChildren: boolean;
}

const AGGREGATES = new Set([
  'count',
  'countDistinct',
  'sum',
  'sumDistinct',
  'avg',
  'avgDistinct',
  'min',
  'max',
]);

/** `select({ n: count() })`, `select({ total: sql\`…\` })`: every selected field is computed. */
function selectsAggregates(selection: TSESTree.Node | undefined): boolean {
  if (selection?.type !== AST_NODE_TYPES.ObjectExpression || selection.properties.length === 0) return false;
  return selection.properties.every((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    let value = skipTypeWrappers(property.value);
    // sql<number>`count(*)`.as('n'), sql`…`.mapWith(Number): still a computed figure.
    while (
      value.type === AST_NODE_TYPES.CallExpression &&
      value.callee.type === AST_NODE_TYPES.MemberExpression &&
      /^(?:as|mapWith)$/.test(propertyName(value.callee) ?? '')
    )
      value = skipTypeWrappers(value.callee.object);
    if (value.type === AST_NODE_TYPES.TaggedTemplateExpression) return true;
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    const name = calleeName(value.callee);
    return name !== undefined && AGGREGATES.has(name);
  });
}

/** Whether a callback passed to `.then()` picks the first row: `(r) => r[0]`, `([r]) => r`, `takeFirst`. */
function picksFirst(callback: TSESTree.Node | undefined): boolean {
  if (callback === undefined) return false;
  const node = skipTypeWrappers(callback);
  if (node.type === AST_NODE_TYPES.Identifier) return FIRST_ROW_FUNCTION.test(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression) return FIRST_ROW_FUNCTION.test(propertyName(node) ?? '');
  if (
    node.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
    node.type !== AST_NODE_TYPES.FunctionExpression
  ) {
    return false;
  }
  const [param] = node.params;
  if (param?.type === AST_NODE_TYPES.ArrayPattern) return param.elements.length === 1;
  const body = node.body;
  const returned =
    body.type === AST_NODE_TYPES.BlockStatement
      ? body.body.find((statement) => statement.type === AST_NODE_TYPES.ReturnStatement)?.argument
      : body;
  return returned != null && isFirstElement(returned);
}

/** `x[0]`, `x.at(0)`, `x?.[0]`. */
function isFirstElement(expression: TSESTree.Node): boolean {
  let node = skipTypeWrappers(expression);
  if (node.type === AST_NODE_TYPES.ChainExpression) node = node.expression;
  if (node.type === AST_NODE_TYPES.MemberExpression) return node.computed && isZero(node.property);
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(node.callee) === 'at' &&
    node.arguments.length === 1 &&
    node.arguments[0] !== undefined &&
    isZero(node.arguments[0])
  );
}

function isZero(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && node.value === 0;
}

/** Helpers that return the first row of an array: `first(rows)`, `head(rows)`, a `takeFirst…` picker. */
export const FIRST_ROW_FUNCTION = /^(?:takeFirst\w*|first(?:OrThrow)?|head|single|firstRow)$/;

/** Reads a Drizzle query starting at `member` when its root is the database or its shape is Drizzle's. */
export function readDrizzleQuery(
  member: TSESTree.MemberExpression,
  isDatabase: (node: TSESTree.Node) => boolean,
): DrizzleQuery | undefined {
  const method = propertyName(member);
  const operation = method === undefined ? undefined : OPERATION_OF_METHOD[method];
  if (operation === undefined) return undefined;
  const { links, outer } = chainFrom(member);
  if (!hasDrizzleShape(links) && !(isDatabase(member.object) && links[0]?.call !== undefined))
    return undefined;

  const [first, ...rest] = links;
  const firstArgument = first?.call?.arguments[0];
  const aggregate =
    operation === 'select' &&
    (selectsAggregates(firstArgument) ||
      rest.some((link) => link.name === 'groupBy' || link.name === 'having'));
  const query: DrizzleQuery = {
    operation,
    member,
    links,
    outer,
    conditions: [],
    narrowed: false,
    aggregate,
    ordered: false,
    joined: false,
    listed: false,
    withChildren: false,
  };
  if (method === 'query') {
    query.table = rest[0]?.name;
    const finder = rest[1];
    if (finder?.name === 'findFirst') query.narrowed = true;
    if (finder?.name === 'findMany') query.listed = true;
    const config = finder?.call?.arguments[0];
    if (config?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of config.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
        if (key === 'where') query.conditions.push(property.value);
        if (key === 'limit' && isOne(property.value)) query.narrowed = true;
        if (key === 'orderBy' || key === 'offset') query.ordered = true;
        if (key === 'with') query.withChildren = loadsChildren(property.value);
      }
    }
  } else if (operation !== 'select' && firstArgument !== undefined) {
    query.table = tableText(firstArgument);
  }
  for (const link of rest) {
    const argument = link.call?.arguments[0];
    switch (link.name) {
      case 'from':
        if (argument !== undefined) query.table ??= tableText(argument);
        break;
      case 'where':
        if (argument !== undefined) query.conditions.push(argument);
        break;
      case 'values':
      case 'set':
        if (argument !== undefined) query.values = argument;
        break;
      case 'limit':
        if (argument !== undefined && isOne(argument)) query.narrowed = true;
        break;
      case 'orderBy':
      case 'offset':
        query.ordered = true;
        break;
      case 'leftJoin':
      case 'rightJoin':
      case 'innerJoin':
      case 'fullJoin':
      case 'crossJoin':
      case 'leftJoinLateral':
      case 'innerJoinLateral':
      case 'crossJoinLateral':
        query.joined = true;
        break;
      case '0':
        if (link.call === undefined) query.narrowed = true;
        break;
      case 'at':
        if (argument !== undefined && isZero(argument)) query.narrowed = true;
        break;
      case 'get':
        if (link.call !== undefined && link.call.arguments.length === 0) query.narrowed = true;
        break;
      case 'then':
        if (picksFirst(argument)) query.narrowed = true;
        break;
      default:
        break;
    }
  }
  return query;
}

/** A relation name that reads as a plural (`tasks`, `teamMembers`, `children`): a to-many relation. */
const PLURAL_RELATION = /(?:[^su]s|children|people)$/;
/** Options drizzle's relational queries accept only on to-many relations. */
const MANY_RELATION_OPTIONS = new Set(['limit', 'offset', 'orderBy']);

/**
 * Whether a relational `with` loads children: a relation named in the plural or configured with
 * `limit`/`offset`/`orderBy`. A parent (`with: { owner: true }`) still reads as one record.
 */
function loadsChildren(node: TSESTree.Node): boolean {
  const relations = skipTypeWrappers(node);
  if (relations.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return relations.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) return false;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
    if (key !== undefined && PLURAL_RELATION.test(key)) return true;
    const config = skipTypeWrappers(property.value);
    return (
      config.type === AST_NODE_TYPES.ObjectExpression &&
      config.properties.some(
        (option) =>
          option.type === AST_NODE_TYPES.Property &&
          !option.computed &&
          option.key.type === AST_NODE_TYPES.Identifier &&
          MANY_RELATION_OPTIONS.has(option.key.name),
      )
    );
  });
}

function isOne(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && node.value === 1;
}

function tableText(node: TSESTree.Node): string | undefined {
  const table = skipTypeWrappers(node);
  if (table.type === AST_NODE_TYPES.Identifier) return table.name;
  if (table.type === AST_NODE_TYPES.MemberExpression) return propertyName(table);
  return undefined;
}

/** A call of a many-first model op: `insertTags([data])`, `updateTasks([eq(tasks.id, id)], values)`. */
export interface ModelOpCall {
  operation: DataOperation;
  call: TSESTree.CallExpression;
  /** The op as written: `selectTasks`, `tasks.select`, `Tasks.selectTasks`. */
  name: string;
  /** The op resolves to one row itself: the factory's `takeFirst` (`takeFirstTasks([…])`). */
  firstRow: boolean;
}

const PLURAL_OP = new RegExp(`^(${ROW_OPS.join('|')})[A-Z_$\\d]`);
const FACTORY_OP = new RegExp(`^(${ROW_OPS.join('|')})$`);

// Scopes whose bindings live as long as the module: its top level and a TypeScript namespace's body.
const MODULE_LEVEL_SCOPES = new Set<string>([ScopeType.global, ScopeType.module, ScopeType.tsModule]);

/** A parameter or a binding declared inside a function: a local that only shares an op's name. */
function isFunctionLocal(variable: TSESLint.Scope.Variable): boolean {
  if (variable.defs.some((definition) => definition.type === 'Parameter')) return true;
  return !MODULE_LEVEL_SCOPES.has(variable.scope.variableScope.type);
}

/** `const { insert, delete: remove } = createModelFactory(…)` at module level: the op a local names. */
function factoryOpOf(variable: TSESLint.Scope.Variable): string | undefined {
  const definition = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || isFunctionLocal(variable)) return undefined;
  const { node, name } = definition;
  if (node.id.type !== AST_NODE_TYPES.ObjectPattern || node.init === null) return undefined;
  let init = skipTypeWrappers(node.init);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipTypeWrappers(init.argument);
  if (init.type !== AST_NODE_TYPES.CallExpression) return undefined;
  if (calleeName(init.callee) !== MODEL_FACTORY_FUNCTION) return undefined;
  for (const property of node.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const value =
      property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value !== name) continue;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
    return key === undefined ? undefined : FACTORY_OP.exec(key)?.[1];
  }
  return undefined;
}

function opCall(verb: string, call: TSESTree.CallExpression, name: string): ModelOpCall {
  const operation = verb === 'upsert' ? 'insert' : verb === 'takeFirst' ? 'select' : (verb as DataOperation);
  return { operation, call, name, firstRow: verb === 'takeFirst' };
}

/**
 * Reads a call as a many-first op when its callee is imported from a models module (`selectTasks`,
 * `Tasks.selectTasks`, a factory object's `tasks.select`), is destructured from `createModelFactory(…)` at
 * module level, or is named like a plural op and called with an array literal first (`insertTags([data])`)
 * — unless scope analysis finds that name bound to a parameter or a function's local.
 */
export function readModelOpCall(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  isModelModule: ModuleMatcher,
): ModelOpCall | undefined {
  const callee = skipTypeWrappers(call.callee);
  const name = sourceCode.getText(callee);
  const local =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression
        ? propertyName(callee)
        : undefined;
  if (local === undefined) return undefined;

  const imported = resolveImportedExpression(sourceCode, callee);
  if (imported !== undefined && isModelModule(imported.source)) {
    const verb = PLURAL_OP.exec(imported.imported)?.[1] ?? FACTORY_OP.exec(imported.imported)?.[1];
    if (verb !== undefined) return opCall(verb, call, name);
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // tasks.select([...]) on a factory object imported from a models module.
    const object = skipTypeWrappers(callee.object);
    const verb = FACTORY_OP.exec(local)?.[1];
    if (verb !== undefined && object.type === AST_NODE_TYPES.Identifier) {
      const owner = resolveIdentifierImport(sourceCode, object);
      if (owner !== undefined && owner.imported !== '*' && isModelModule(owner.source)) {
        return opCall(verb, call, name);
      }
    }
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariableOf(sourceCode, callee);
    if (variable !== undefined) {
      if (isFunctionLocal(variable)) return undefined;
      const factoryVerb = factoryOpOf(variable);
      if (factoryVerb !== undefined) return opCall(factoryVerb, call, name);
    }
  }
  const verb = PLURAL_OP.exec(local)?.[1];
  if (verb !== undefined && call.arguments[0]?.type === AST_NODE_TYPES.ArrayExpression) {
    return opCall(verb, call, name);
  }
  return undefined;
}
