/**
 * One walk over one parsed file that records everything the index needs outside the schema: imports and
 * exports, top-level declarations (with the shape of their initialisers, for model modules), server-action
 * candidates and the calls inside them, `drizzle({ casing })` calls, and references to project symbols
 * (for find_usages). The syntax tree can be dropped afterwards; these facts are small.
 */
import { ts } from 'ts-morph';
import {
  DRIZZLE_CORE_MODULES,
  REVALIDATE_FUNCTIONS,
  TRANSACTION_METHOD,
} from '../../conventions/vocabulary.js';
import { ANALYSIS_BUDGETS } from './analysis-budgets.js';

export interface ImportFact {
  local: string;
  /** The imported name; `default` for a default import, `*` for a namespace import. */
  imported: string;
  specifier: string;
  /** The project file the specifier resolves to; undefined for packages. */
  resolved?: string;
  line: number;
  typeOnly: boolean;
}

export interface ExportFact {
  exported: string;
  /** The local binding exported (`export { a as b }`, `export const a`), when not a re-export. */
  local?: string;
  /** A re-export: `export { a as b } from './x'`, `export * from './x'` (exported `*`). */
  from?: { specifier: string; resolved?: string; imported: string };
  line: number;
}

export type ShapePath = string[];

/** What a top-level initialiser looks like, enough to follow model factories and their ops. */
export type InitShape =
  | { kind: 'ref'; path: ShapePath }
  | { kind: 'call'; callee: ShapePath; args: ArgShape[]; line: number }
  | { kind: 'destructured'; from: InitShape; property: string }
  | { kind: 'function' }
  | { kind: 'other' };

export type ArgShape =
  | { kind: 'string'; value: string }
  | { kind: 'ref'; path: ShapePath }
  /** An object literal's named properties (two levels deep: enough for `defineFactory`'s `traits`). */
  | { kind: 'object'; properties: { key: string; value: ArgShape }[] }
  | { kind: 'other' };

/** An argument's shape; object literals are followed `depth` levels (spreads and computed keys are left out). */
function argShapeOf(argument: ts.Expression, depth: number): ArgShape {
  const inner = unwrap(argument);
  if (ts.isStringLiteralLike(inner)) return { kind: 'string', value: inner.text };
  if (ts.isObjectLiteralExpression(inner) && depth > 0) {
    const properties: { key: string; value: ArgShape }[] = [];
    for (const property of inner.properties) {
      const name = property.name;
      if (
        name === undefined ||
        !(ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
      )
        continue;
      const value: ArgShape = ts.isPropertyAssignment(property)
        ? argShapeOf(property.initializer, depth - 1)
        : ts.isShorthandPropertyAssignment(property)
          ? { kind: 'ref', path: [property.name.text] }
          : { kind: 'other' };
      properties.push({ key: name.text, value });
    }
    return { kind: 'object', properties };
  }
  const path = pathOf(inner);
  return path === undefined ? { kind: 'other' } : { kind: 'ref', path };
}

export interface DeclarationFact {
  name: string;
  line: number;
  kind: 'variable' | 'function' | 'class' | 'other';
  init?: InitShape;
}

export interface CallFact {
  /** The callee as a chain of names: `['db', 'insert']`, `['redirect']`, `['nav', 'redirect']`. */
  path: ShapePath;
  line: number;
  /** Source text of the arguments; kept only for revalidatePath / revalidateTag. */
  args?: string[];
}

export interface FunctionFact {
  name: string;
  line: number;
  /** `module`: a top-level function of a 'use server' module; `inline`: its body starts with 'use server'. */
  directive: 'module' | 'inline';
  calls: CallFact[];
}

export interface ReferenceFact {
  /** The local name referenced (an import binding or a top-level declaration). */
  name: string;
  /** For `ns.member` on a namespace import: the member. */
  member?: string;
  line: number;
  enclosingFunction?: string;
}

export interface FileFacts {
  /** String directives of the module prologue, e.g. `use server`. */
  directives: string[];
  imports: ImportFact[];
  exports: ExportFact[];
  declarations: Map<string, DeclarationFact>;
  functions: FunctionFact[];
  references: ReferenceFact[];
  /** `casing` options passed to drizzle(...) calls. */
  drizzleCasing: { casing: string; line: number }[];
  importsDrizzleCore: boolean;
  /** The first line where the walk gave up on a subtree nested deeper than its budget. */
  walkCutLine?: number;
}

/**
 * How the walk treats each node kind. A switch over `ts.SyntaxKind.X` labels would load two properties per
 * label for every node; a lookup table costs one.
 */
// 0: every other kind, walked child by child.
const IDENTIFIER = 1;
const SKIP = 2;
const PROPERTY_ACCESS = 3;
const QUALIFIED_NAME = 4;
const CALL = 5;
const PASS_HINT = 6;
const TYPE_QUERY = 7;
const TYPE_REFERENCE = 8;
const TYPE = 9;
const FUNCTION = 10;
const VARIABLE = 11;
const EXPORT_ASSIGNMENT = 12;
const BINDING = 13;
const PROPERTY_ASSIGNMENT = 14;
const SHORTHAND = 15;
const NAMED = 16;
const SCOPE = 17;
const KIND_CLASS = new Uint8Array(ts.SyntaxKind.Count);
for (const [group, kinds] of [
  [IDENTIFIER, [ts.SyntaxKind.Identifier]],
  [
    SKIP,
    [
      ts.SyntaxKind.ImportDeclaration,
      ts.SyntaxKind.ImportEqualsDeclaration,
      ts.SyntaxKind.ExportDeclaration,
      ts.SyntaxKind.BreakStatement,
      ts.SyntaxKind.ContinueStatement,
      ts.SyntaxKind.LiteralType,
      ts.SyntaxKind.ImportType,
    ],
  ],
  [PROPERTY_ACCESS, [ts.SyntaxKind.PropertyAccessExpression]],
  [QUALIFIED_NAME, [ts.SyntaxKind.QualifiedName]],
  [CALL, [ts.SyntaxKind.CallExpression]],
  [
    PASS_HINT,
    [
      ts.SyntaxKind.ParenthesizedExpression,
      ts.SyntaxKind.AsExpression,
      ts.SyntaxKind.SatisfiesExpression,
      ts.SyntaxKind.AwaitExpression,
    ],
  ],
  [TYPE_QUERY, [ts.SyntaxKind.TypeQuery]],
  [TYPE_REFERENCE, [ts.SyntaxKind.TypeReference]],
  [
    TYPE,
    [
      ts.SyntaxKind.TypeLiteral,
      ts.SyntaxKind.UnionType,
      ts.SyntaxKind.IntersectionType,
      ts.SyntaxKind.ArrayType,
      ts.SyntaxKind.TupleType,
      ts.SyntaxKind.FunctionType,
      ts.SyntaxKind.TypeOperator,
      ts.SyntaxKind.IndexedAccessType,
      ts.SyntaxKind.MappedType,
      ts.SyntaxKind.ConditionalType,
      ts.SyntaxKind.ParenthesizedType,
      ts.SyntaxKind.InterfaceDeclaration,
      ts.SyntaxKind.TypeAliasDeclaration,
    ],
  ],
  [
    FUNCTION,
    [
      ts.SyntaxKind.ArrowFunction,
      ts.SyntaxKind.FunctionExpression,
      ts.SyntaxKind.FunctionDeclaration,
      ts.SyntaxKind.MethodDeclaration,
      ts.SyntaxKind.Constructor,
      ts.SyntaxKind.GetAccessor,
      ts.SyntaxKind.SetAccessor,
    ],
  ],
  [VARIABLE, [ts.SyntaxKind.VariableDeclaration]],
  [EXPORT_ASSIGNMENT, [ts.SyntaxKind.ExportAssignment]],
  [BINDING, [ts.SyntaxKind.Parameter, ts.SyntaxKind.BindingElement]],
  [PROPERTY_ASSIGNMENT, [ts.SyntaxKind.PropertyAssignment]],
  [SHORTHAND, [ts.SyntaxKind.ShorthandPropertyAssignment]],
  [
    NAMED,
    [
      ts.SyntaxKind.PropertyDeclaration,
      ts.SyntaxKind.PropertySignature,
      ts.SyntaxKind.MethodSignature,
      ts.SyntaxKind.EnumMember,
      ts.SyntaxKind.JsxAttribute,
      ts.SyntaxKind.ClassDeclaration,
      ts.SyntaxKind.ClassExpression,
      ts.SyntaxKind.EnumDeclaration,
      ts.SyntaxKind.ModuleDeclaration,
      ts.SyntaxKind.TypeParameter,
      ts.SyntaxKind.LabeledStatement,
    ],
  ],
  [
    SCOPE,
    [
      ts.SyntaxKind.Block,
      ts.SyntaxKind.CaseBlock,
      ts.SyntaxKind.ForStatement,
      ts.SyntaxKind.ForInStatement,
      ts.SyntaxKind.ForOfStatement,
      ts.SyntaxKind.CatchClause,
    ],
  ],
] as const) {
  for (const kind of kinds) KIND_CLASS[kind] = group;
}

export function lineOf(sourceFile: ts.SourceFile, position: number): number {
  return ts.getLineAndCharacterOfPosition(sourceFile, position).line + 1;
}

export function startLine(sourceFile: ts.SourceFile, node: ts.Node): number {
  return lineOf(sourceFile, node.getStart(sourceFile));
}

export function textOf(sourceFile: ts.SourceFile, node: ts.Node): string {
  return sourceFile.text.slice(node.getStart(sourceFile), node.end);
}

/** Parentheses, `as`, `satisfies` and `!` change nothing at run time. */
export function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  // One table lookup per node: the walk and the evaluator call this on nearly every expression.
  while (WRAPPER_KINDS[current.kind] === 1) {
    current = (current as ts.ParenthesizedExpression).expression;
  }
  return current;
}

const WRAPPER_KINDS = new Uint8Array(ts.SyntaxKind.Count);
for (const kind of [
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.AsExpression,
  ts.SyntaxKind.SatisfiesExpression,
  ts.SyntaxKind.NonNullExpression,
  ts.SyntaxKind.TypeAssertionExpression,
])
  WRAPPER_KINDS[kind] = 1;

/** `a.b.c` as `['a', 'b', 'c']`, or undefined when it is not a plain chain of names. */
export function pathOf(expression: ts.Expression): ShapePath | undefined {
  // A loop, not recursion: a member chain thousands long must not overflow the stack.
  const names: string[] = [];
  let node = unwrap(expression);
  while (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) {
    names.push(node.name.text);
    node = unwrap(node.expression);
  }
  if (!ts.isIdentifier(node)) return undefined;
  names.push(node.text);
  return names.reverse();
}

/** The string directives at the start of a block or file. */
export function prologueDirectives(statements: ts.NodeArray<ts.Statement>): string[] {
  const directives: string[] = [];
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    directives.push(statement.expression.text);
  }
  return directives;
}

export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isPrivateIdentifier(name)) return undefined;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

function isFunctionLike(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

function shapeOf(sourceFile: ts.SourceFile, expression: ts.Expression): InitShape {
  const node = unwrap(expression);
  const path = pathOf(node);
  if (path !== undefined) return { kind: 'ref', path };
  if (isFunctionLike(node)) return { kind: 'function' };
  if (ts.isCallExpression(node)) {
    const callee = pathOf(node.expression);
    if (callee !== undefined) {
      const args = node.arguments.map((argument) => argShapeOf(argument, 2));
      return { kind: 'call', callee, args, line: startLine(sourceFile, node) };
    }
  }
  return { kind: 'other' };
}

export interface CollectOptions {
  resolve: (specifier: string) => string | undefined;
  /**
   * Top-level facts only (imports, exports, declarations, directives): what the schema evaluator and the
   * module graph read. The deep walk (references, server-action calls) is skipped, except in a file that
   * imports `drizzle` from drizzle-orm, whose `drizzle({ casing })` calls are still collected.
   */
  declarationsOnly?: boolean;
}

/** Collects the facts of one file in a single walk of its syntax tree. */
/** `tx` in `x.transaction(async (tx) => …)`: the callback's first parameter, when it is a plain name. */
function transactionParameter(node: ts.CallExpression, path: ShapePath): string | undefined {
  if (path[path.length - 1] !== TRANSACTION_METHOD) return undefined;
  const callback = node.arguments[0];
  if (callback === undefined || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) {
    return undefined;
  }
  const first = callback.parameters[0];
  return first !== undefined && ts.isIdentifier(first.name) ? first.name.text : undefined;
}

export function collectFileFacts(sourceFile: ts.SourceFile, options: CollectOptions): FileFacts {
  const facts: FileFacts = {
    directives: prologueDirectives(sourceFile.statements),
    imports: [],
    exports: [],
    declarations: new Map(),
    functions: [],
    references: [],
    drizzleCasing: [],
    importsDrizzleCore: false,
  };
  const moduleUseServer = facts.directives.includes('use server');

  // Pass 1, top level only: imports, exports and declarations, so the deep walk knows the names.
  const namespaceLocals = new Set<string>();
  const referenceNames = new Set<string>();
  const importByLocal = new Map<string, ImportFact>();
  const exportedLocals = new Set<string>();
  const moduleFunctions = new Map<ts.Node, string>();

  const addDeclaration = (fact: DeclarationFact) => {
    if (!facts.declarations.has(fact.name)) facts.declarations.set(fact.name, fact);
    referenceNames.add(fact.name);
  };

  for (const statement of sourceFile.statements) {
    const line = () => startLine(sourceFile, statement);
    if (ts.isImportDeclaration(statement)) {
      if (!ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const specifier = statement.moduleSpecifier.text;
      if (DRIZZLE_CORE_MODULES.has(specifier)) facts.importsDrizzleCore = true;
      const clause = statement.importClause;
      if (clause === undefined) continue;
      const resolved = options.resolve(specifier);
      const clauseTypeOnly = clause.isTypeOnly;
      const push = (local: string, imported: string, typeOnly: boolean) => {
        const fact: ImportFact = { local, imported, specifier, line: line(), typeOnly };
        if (resolved !== undefined) fact.resolved = resolved;
        facts.imports.push(fact);
        importByLocal.set(local, fact);
        if (resolved !== undefined) referenceNames.add(local);
      };
      if (clause.name !== undefined) push(clause.name.text, 'default', clauseTypeOnly);
      const bindings = clause.namedBindings;
      if (bindings !== undefined) {
        if (ts.isNamespaceImport(bindings)) {
          push(bindings.name.text, '*', clauseTypeOnly);
          namespaceLocals.add(bindings.name.text);
        } else {
          for (const element of bindings.elements) {
            push(
              element.name.text,
              (element.propertyName ?? element.name).text,
              clauseTypeOnly || element.isTypeOnly,
            );
          }
        }
      }
      continue;
    }
    if (ts.isExportDeclaration(statement)) {
      const specifier =
        statement.moduleSpecifier !== undefined && ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier.text
          : undefined;
      const from = (imported: string) => {
        const resolved = options.resolve(specifier!);
        return resolved === undefined
          ? { specifier: specifier!, imported }
          : { specifier: specifier!, resolved, imported };
      };
      const clause = statement.exportClause;
      if (clause === undefined) {
        if (specifier !== undefined) facts.exports.push({ exported: '*', from: from('*'), line: line() });
      } else if (ts.isNamespaceExport(clause)) {
        if (specifier !== undefined)
          facts.exports.push({ exported: clause.name.text, from: from('*'), line: line() });
      } else {
        for (const element of clause.elements) {
          const local = (element.propertyName ?? element.name).text;
          if (specifier !== undefined) {
            facts.exports.push({ exported: element.name.text, from: from(local), line: line() });
          } else {
            facts.exports.push({ exported: element.name.text, local, line: line() });
            exportedLocals.add(local);
          }
        }
      }
      continue;
    }
    let exported = false;
    let isDefault = false;
    const modifiers = (statement as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
    if (modifiers !== undefined) {
      for (const modifier of modifiers) {
        if (modifier.kind === ts.SyntaxKind.ExportKeyword) exported = true;
        else if (modifier.kind === ts.SyntaxKind.DefaultKeyword) isDefault = true;
      }
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const declLine = startLine(sourceFile, declaration);
        if (ts.isIdentifier(declaration.name)) {
          const name = declaration.name.text;
          const fact: DeclarationFact = { name, line: declLine, kind: 'variable' };
          if (declaration.initializer !== undefined) {
            fact.init = shapeOf(sourceFile, declaration.initializer);
            if (moduleUseServer && containsFunction(declaration.initializer)) {
              moduleFunctions.set(declaration, name);
            }
          }
          addDeclaration(fact);
          if (exported) {
            facts.exports.push({ exported: name, local: name, line: declLine });
            exportedLocals.add(name);
          }
        } else if (ts.isObjectBindingPattern(declaration.name) && declaration.initializer !== undefined) {
          const from = shapeOf(sourceFile, declaration.initializer);
          for (const element of declaration.name.elements) {
            if (!ts.isIdentifier(element.name) || element.dotDotDotToken !== undefined) continue;
            const property =
              element.propertyName === undefined ? element.name.text : propertyNameText(element.propertyName);
            if (property === undefined) continue;
            const name = element.name.text;
            addDeclaration({
              name,
              line: declLine,
              kind: 'variable',
              init: { kind: 'destructured', from, property },
            });
            if (exported) {
              facts.exports.push({ exported: name, local: name, line: declLine });
              exportedLocals.add(name);
            }
          }
        }
      }
    } else if (ts.isFunctionDeclaration(statement)) {
      const name = statement.name?.text ?? (isDefault ? 'default' : undefined);
      if (name !== undefined) {
        addDeclaration({ name, line: line(), kind: 'function' });
        if (moduleUseServer) moduleFunctions.set(statement, name);
        if (exported) {
          facts.exports.push({ exported: isDefault ? 'default' : name, local: name, line: line() });
          exportedLocals.add(name);
        }
      }
    } else if (ts.isClassDeclaration(statement)) {
      const name = statement.name?.text ?? (isDefault ? 'default' : undefined);
      if (name !== undefined) {
        addDeclaration({ name, line: line(), kind: 'class' });
        if (exported)
          facts.exports.push({ exported: isDefault ? 'default' : name, local: name, line: line() });
      }
    } else if (ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) {
      if (ts.isIdentifier(statement.name)) {
        addDeclaration({ name: statement.name.text, line: line(), kind: 'other' });
        if (exported)
          facts.exports.push({ exported: statement.name.text, local: statement.name.text, line: line() });
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const target = unwrap(statement.expression);
      if (ts.isIdentifier(target)) {
        facts.exports.push({ exported: 'default', local: target.text, line: line() });
        exportedLocals.add(target.text);
      } else {
        addDeclaration({
          name: 'default',
          line: line(),
          kind: 'variable',
          init: shapeOf(sourceFile, statement.expression),
        });
        facts.exports.push({ exported: 'default', local: 'default', line: line() });
        if (moduleUseServer && containsFunction(statement.expression))
          moduleFunctions.set(statement, 'default');
      }
    }
  }

  if (options.declarationsOnly === true && !importsDrizzleClient(facts.imports)) return facts;

  // Pass 2: the deep walk.
  const nextCasingImport = (path: ShapePath) => {
    const binding = importByLocal.get(path[0]!);
    return (
      binding !== undefined &&
      binding.specifier.startsWith('drizzle-orm') &&
      path.length === 1 &&
      binding.imported === 'drizzle'
    );
  };

  let enclosing: string | undefined;
  let action: FunctionFact | undefined;
  /** Set while a module action is entered and its own function not yet reached (see enterFunction). */
  let awaitingModuleFunction = false;

  // Parameters and locals named like an import or a top-level declaration shadow it inside their scope:
  // what they reference there is the local, not the module's symbol. Counted per name for nested scopes.
  const shadowed = new Map<string, number>();
  const isShadowed = (name: string) => shadowed.size > 0 && shadowed.has(name);
  /**
   * The transaction handle of a `db.transaction(async (tx) => …)` around the code being walked, with the
   * path of the client it came from: `tx.insert(…)` inside is that client's `insert`.
   */
  const transactionHandles = new Map<string, ShapePath>();
  const bindingNames = (name: ts.BindingName, into: string[] | undefined): string[] | undefined => {
    if (ts.isIdentifier(name)) {
      if (!referenceNames.has(name.text) && !importByLocal.has(name.text)) return into;
      (into ??= []).push(name.text);
      return into;
    }
    for (const element of name.elements) {
      if (!ts.isOmittedExpression(element)) into = bindingNames(element.name, into);
    }
    return into;
  };
  const declaredIn = (statements: readonly ts.Statement[], into: string[] | undefined) => {
    for (const statement of statements) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations)
          into = bindingNames(declaration.name, into);
      } else if (
        (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) &&
        statement.name !== undefined
      ) {
        into = bindingNames(statement.name, into);
      }
    }
    return into;
  };
  const enterScope = (names: readonly string[]) => {
    for (const name of names) shadowed.set(name, (shadowed.get(name) ?? 0) + 1);
  };
  const leaveScope = (names: readonly string[]) => {
    for (const name of names) {
      const count = shadowed.get(name)! - 1;
      if (count === 0) shadowed.delete(name);
      else shadowed.set(name, count);
    }
  };
  const scopeNames = (node: ts.Node): string[] | undefined => {
    if (ts.isBlock(node)) return declaredIn(node.statements, undefined);
    if (ts.isCaseBlock(node)) {
      let names: string[] | undefined;
      for (const clause of node.clauses) names = declaredIn(clause.statements, names);
      return names;
    }
    if (ts.isCatchClause(node)) {
      const declaration = node.variableDeclaration;
      return declaration === undefined ? undefined : bindingNames(declaration.name, undefined);
    }
    const initializer = (node as ts.ForStatement | ts.ForInStatement | ts.ForOfStatement).initializer;
    if (initializer === undefined || !ts.isVariableDeclarationList(initializer)) return undefined;
    let names: string[] | undefined;
    for (const declaration of initializer.declarations) names = bindingNames(declaration.name, names);
    return names;
  };

  const recordReference = (name: string, node: ts.Node, member?: string) => {
    const reference: ReferenceFact = { name, line: startLine(sourceFile, node) };
    if (member !== undefined) reference.member = member;
    if (enclosing !== undefined) reference.enclosingFunction = enclosing;
    facts.references.push(reference);
  };

  const enterFunction = (
    node: ts.FunctionLikeDeclaration,
    hint: string | undefined,
    visitInside: () => void,
  ) => {
    const ownName =
      node.name !== undefined && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))
        ? node.name.text
        : undefined;
    const name = ownName ?? hint ?? enclosing;
    const savedEnclosing = enclosing;
    const savedAction = action;
    enclosing = name;
    const body = node.body;
    const inline =
      body !== undefined && ts.isBlock(body) && prologueDirectives(body.statements).includes('use server');
    // The first function inside a module action is that action's own: its directive repeats the module's.
    const ownOfModuleAction = awaitingModuleFunction;
    awaitingModuleFunction = false;
    if (inline && !ownOfModuleAction) {
      action = {
        name: name ?? '(anonymous)',
        line: startLine(sourceFile, node),
        directive: 'inline',
        calls: [],
      };
      facts.functions.push(action);
    }
    visitInside();
    enclosing = savedEnclosing;
    action = savedAction;
  };

  // Shared callbacks: a closure per node would cost as much as the walk itself.
  const visitPlain = (child: ts.Node): undefined => {
    visit(child, undefined);
    return undefined;
  };
  let passedHint: string | undefined;
  const visitHinted = (child: ts.Node): undefined => {
    visit(child, passedHint);
    return undefined;
  };
  const visitChildren = (node: ts.Node) => ts.forEachChild(node, visitPlain);
  let skippedChild: ts.Node | undefined;
  const visitExceptName = (child: ts.Node): undefined => {
    if (child === skippedChild) {
      if (ts.isComputedPropertyName(child)) visit(child.expression, undefined);
      return undefined;
    }
    visit(child, passedHint);
    return undefined;
  };

  const visitFunction = (node: ts.FunctionLikeDeclaration, hint: string | undefined) => {
    let parameters: string[] | undefined;
    for (const parameter of node.parameters) parameters = bindingNames(parameter.name, parameters);
    enterFunction(node, hint, () => {
      if (parameters !== undefined) enterScope(parameters);
      for (const parameter of node.parameters) visitBindingDefaults(parameter);
      if (node.type !== undefined) visit(node.type, undefined);
      if (node.body !== undefined) visit(node.body, undefined);
      if (parameters !== undefined) leaveScope(parameters);
    });
  };

  const visitBindingDefaults = (
    node: ts.ParameterDeclaration | ts.BindingElement | ts.VariableDeclaration,
  ) => {
    if (ts.isParameter(node) && node.type !== undefined) visit(node.type, undefined);
    if (ts.isVariableDeclaration(node) && node.type !== undefined) visit(node.type, undefined);
    if (!ts.isIdentifier(node.name)) {
      for (const element of node.name.elements) {
        if (ts.isBindingElement(element)) {
          if (element.propertyName !== undefined && ts.isComputedPropertyName(element.propertyName)) {
            visit(element.propertyName.expression, undefined);
          }
          visitBindingDefaults(element);
        }
      }
    }
    if (node.initializer !== undefined) {
      visit(node.initializer, ts.isIdentifier(node.name) ? node.name.text : undefined);
    }
  };

  const visitCall = (node: ts.CallExpression, hint: string | undefined) => {
    // Call paths matter inside actions, and for drizzle(...) wherever the client is created.
    const callee = node.expression;
    const maybeDrizzle = ts.isIdentifier(callee) && importByLocal.get(callee.text)?.imported === 'drizzle';
    let path = action !== undefined || maybeDrizzle ? pathOf(callee) : undefined;
    const handle = path === undefined ? undefined : transactionHandles.get(path[0]!);
    if (path !== undefined && handle !== undefined) path = [...handle, ...path.slice(1)];
    // A call on a local that shadows an import (`(db) => db.insert(…)`) says nothing about the import.
    if (path !== undefined && (handle !== undefined || !isShadowed(path[0]!))) {
      if (action !== undefined) {
        const call: CallFact = { path, line: startLine(sourceFile, node) };
        const last = path[path.length - 1]!;
        if (
          REVALIDATE_FUNCTIONS.has(last) ||
          REVALIDATE_FUNCTIONS.has(importByLocal.get(path[0]!)?.imported ?? '')
        ) {
          call.args = node.arguments.map((argument) => textOf(sourceFile, argument));
        }
        action.calls.push(call);
      }
      if (nextCasingImport(path)) {
        for (const argument of node.arguments) {
          const inner = unwrap(argument);
          if (!ts.isObjectLiteralExpression(inner)) continue;
          for (const property of inner.properties) {
            if (
              ts.isPropertyAssignment(property) &&
              propertyNameText(property.name) === 'casing' &&
              ts.isStringLiteralLike(property.initializer)
            ) {
              facts.drizzleCasing.push({
                casing: property.initializer.text,
                line: startLine(sourceFile, node),
              });
            }
          }
        }
      }
    }
    visit(node.expression, undefined);
    if (node.typeArguments !== undefined) for (const type of node.typeArguments) visit(type, undefined);
    const known = path !== undefined && (handle !== undefined || !isShadowed(path[0]!));
    const txName = known && path!.length >= 2 ? transactionParameter(node, path!) : undefined;
    const outer = txName === undefined ? undefined : transactionHandles.get(txName);
    if (txName !== undefined) transactionHandles.set(txName, path!.slice(0, -1));
    // A function passed straight to a call at module level (`cache(async (id) => …)`) takes the name being
    // declared; inside a function (`const result = await db.transaction(async (tx) => …)`) it belongs to
    // that function, not to the local variable.
    const argumentHint = enclosing === undefined ? hint : undefined;
    for (const argument of node.arguments) visit(argument, argumentHint);
    if (txName !== undefined) {
      if (outer === undefined) transactionHandles.delete(txName);
      else transactionHandles.set(txName, outer);
    }
  };

  // A depth guard, not a try/catch: the deep subtree alone is skipped and the stack never overflows.
  let depth = 0;
  function visit(node: ts.Node, hint: string | undefined): void {
    if (depth >= ANALYSIS_BUDGETS.walkDepth) {
      facts.walkCutLine ??= startLine(sourceFile, node);
      return;
    }
    depth++;
    visitNode(node, hint);
    depth--;
  }

  function visitNode(node: ts.Node, hint: string | undefined): void {
    switch (KIND_CLASS[node.kind]) {
      case IDENTIFIER: {
        const name = (node as ts.Identifier).text;
        if (referenceNames.has(name) && !isShadowed(name)) recordReference(name, node);
        return;
      }
      case SKIP:
        return;
      case PROPERTY_ACCESS: {
        const access = node as ts.PropertyAccessExpression;
        const target = access.expression;
        if (
          ts.isIdentifier(target) &&
          namespaceLocals.has(target.text) &&
          ts.isIdentifier(access.name) &&
          !isShadowed(target.text)
        ) {
          recordReference(target.text, target, access.name.text);
          return;
        }
        visit(target, undefined);
        return;
      }
      case QUALIFIED_NAME: {
        const qualified = node as ts.QualifiedName;
        if (
          ts.isIdentifier(qualified.left) &&
          namespaceLocals.has(qualified.left.text) &&
          !isShadowed(qualified.left.text)
        ) {
          recordReference(qualified.left.text, qualified.left, qualified.right.text);
          return;
        }
        visit(qualified.left, undefined);
        return;
      }
      case CALL:
        visitCall(node as ts.CallExpression, hint);
        return;
      case PASS_HINT: {
        const saved = passedHint;
        passedHint = hint;
        ts.forEachChild(node, visitHinted);
        passedHint = saved;
        return;
      }
      case TYPE_QUERY:
        // `typeof users` names a value; the rest of a type names none.
        visit((node as ts.TypeQueryNode).exprName, undefined);
        return;
      case TYPE_REFERENCE:
        for (const argument of (node as ts.TypeReferenceNode).typeArguments ?? []) visit(argument, undefined);
        return;
      case TYPE:
        visitChildren(node);
        return;
      case FUNCTION: {
        const fn = node as ts.FunctionLikeDeclaration;
        const topLevelName = moduleFunctions.get(node);
        if (topLevelName !== undefined) {
          visitModuleFunction(fn, topLevelName);
          return;
        }
        if (fn.name !== undefined && ts.isComputedPropertyName(fn.name)) visit(fn.name.expression, undefined);
        visitFunction(fn, hint);
        return;
      }
      case VARIABLE: {
        const declaration = node as ts.VariableDeclaration;
        const topLevelName = moduleFunctions.get(node);
        if (topLevelName !== undefined) {
          withModuleAction(topLevelName, startLine(sourceFile, declaration), () =>
            visitBindingDefaults(declaration),
          );
          return;
        }
        visitBindingDefaults(declaration);
        return;
      }
      case EXPORT_ASSIGNMENT: {
        const topLevelName = moduleFunctions.get(node);
        const expression = (node as ts.ExportAssignment).expression;
        if (topLevelName !== undefined) {
          withModuleAction(topLevelName, startLine(sourceFile, node), () => visit(expression, 'default'));
          return;
        }
        visit(expression, 'default');
        return;
      }
      case BINDING:
        visitBindingDefaults(node as ts.ParameterDeclaration | ts.BindingElement);
        return;
      case PROPERTY_ASSIGNMENT: {
        const property = node as ts.PropertyAssignment;
        if (ts.isComputedPropertyName(property.name)) visit(property.name.expression, undefined);
        visit(property.initializer, propertyNameText(property.name) ?? hint);
        return;
      }
      case SHORTHAND: {
        const shorthand = node as ts.ShorthandPropertyAssignment;
        const name = shorthand.name.text;
        if (referenceNames.has(name) && !isShadowed(name)) recordReference(name, shorthand.name);
        if (shorthand.objectAssignmentInitializer !== undefined)
          visit(shorthand.objectAssignmentInitializer, undefined);
        return;
      }
      case NAMED: {
        // Their own names are declarations, not references; everything else inside may be.
        const savedSkip = skippedChild;
        const savedHint = passedHint;
        skippedChild =
          node.kind === ts.SyntaxKind.LabeledStatement
            ? (node as ts.LabeledStatement).label
            : (node as ts.Node & { name?: ts.Node }).name;
        passedHint = ts.isPropertyDeclaration(node) ? propertyNameText(node.name) : undefined;
        ts.forEachChild(node, visitExceptName);
        skippedChild = savedSkip;
        passedHint = savedHint;
        return;
      }
      case SCOPE: {
        const names = scopeNames(node);
        if (names !== undefined) enterScope(names);
        visitChildren(node);
        if (names !== undefined) leaveScope(names);
        return;
      }
      default:
        visitChildren(node);
    }
  }

  function withModuleAction(name: string, line: number, inside: () => void) {
    const saved = action;
    const savedEnclosing = enclosing;
    action = { name, line, directive: 'module', calls: [] };
    facts.functions.push(action);
    enclosing = name;
    awaitingModuleFunction = true;
    inside();
    awaitingModuleFunction = false;
    action = saved;
    enclosing = savedEnclosing;
  }

  function visitModuleFunction(fn: ts.FunctionLikeDeclaration, name: string) {
    withModuleAction(name, startLine(sourceFile, fn), () => visitFunction(fn, name));
  }

  for (const statement of sourceFile.statements) visit(statement, undefined);
  return facts;
}

/** Whether `drizzle` is imported from drizzle-orm: the only way the deep walk finds a `casing`. */
function importsDrizzleClient(imports: readonly ImportFact[]): boolean {
  return imports.some(
    (binding) => binding.imported === 'drizzle' && binding.specifier.startsWith('drizzle-orm'),
  );
}

/** True when the expression is a function or passes one to a call (`withAuth(async () => …)`). */
function containsFunction(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  if (isFunctionLike(node)) return true;
  if (ts.isCallExpression(node)) return node.arguments.some((argument) => containsFunction(argument));
  return false;
}
