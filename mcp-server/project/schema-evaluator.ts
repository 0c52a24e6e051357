/**
 * A small abstract interpreter for drizzle schema code: it evaluates expressions, calls functions, binds
 * destructuring patterns and follows imports and re-exports across files, the way JavaScript would at run
 * time, without running anything: whatever it cannot follow becomes `unknown` and a diagnostic, never an
 * exception. It knows nothing of drizzle: imports from drizzle's modules, calls of their values and
 * methods on them go to drizzle-builders.ts, which reads drizzle's vocabulary (drizzle-vocabulary.ts).
 */
import { ts } from 'ts-morph';
import type { Diagnostic } from './model.js';
import {
  callDrizzle,
  drizzleImport,
  drizzleMember,
  drizzleMethod,
  isDrizzleCallable,
  isSqlTag,
  sqlTemplate,
  type BuilderHost,
  type DrizzleCall,
} from './drizzle-builders.js';
import { propertyNameText, startLine, textOf, unwrap } from './file-facts.js';
import {
  ANALYSIS_BUDGETS,
  DiagnosticCollector,
  budgetCut,
  fileStepBudget,
  type BudgetName,
} from './analysis-budgets.js';
import {
  UNDEFINED,
  UNKNOWN,
  type EvaluatedModuleSource,
  type FunctionNode,
  type ModuleState,
  type Scope,
  type TableDraft,
  type Value,
} from './schema-values.js';

export type {
  ColumnDraft,
  ColumnReferenceThunk,
  ColumnSnapshot,
  ConstraintDraft,
  EvaluatedModuleSource,
  IndexColumn,
  RelationDraft,
  TableDraft,
  Value,
} from './schema-values.js';
export { staticOf, valueOf } from './schema-values.js';

export interface EvaluatorHost {
  /** The parsed module of a project file, or undefined when it is not available. */
  module(file: string): EvaluatedModuleSource | undefined;
}

/** Thrown when the running evaluation has spent its step budget; caught where that budget was granted. */
class BudgetExhausted extends Error {
  constructor(
    readonly budget: BudgetName,
    readonly file: string,
    readonly line: number,
    readonly limit: number,
  ) {
    super(`analysis budget exceeded: ${budget}`);
  }
}

interface PendingDiagnostic {
  diagnostic: Diagnostic;
  /** Set for a budget cut, so an abandoned evaluation can take its cut back. */
  cutKey?: string;
}

interface StepAllowance {
  left: number;
}

export class SchemaEvaluator {
  private readonly modules = new Map<string, ModuleState | null>();
  private nextTableId = 1;
  private readonly drafts: TableDraft[] = [];
  private depth = 0;
  private expressionDepth = 0;
  private allowance: StepAllowance | undefined;
  /** Budgets already reported per file: each cut is said once. */
  private readonly cutsReported = new Set<string>();
  private readonly collector = new DiagnosticCollector();
  /** What the running budgeted question reported: kept if it finishes, replaced by the cut if it does not. */
  private pending: PendingDiagnostic[] | undefined;

  constructor(private readonly host: EvaluatorHost) {}

  /** Every table built so far, in order: relations declared in another module are found on these. */
  get tableDrafts(): readonly TableDraft[] {
    return this.drafts;
  }

  /** What the evaluation could not follow, at most a fixed number per file. */
  get diagnostics(): Diagnostic[] {
    return this.collector.list();
  }

  /**
   * Runs one top-level question about a file (an export's value, a table's constraints) on a fixed step
   * allowance (stepsPerDeclaration), while the code of each module also spends from that module's own
   * budget (stepsPerFile). Past either, the answer is unknown and one diagnostic says so. Nested questions
   * share the allowance of the outermost.
   */
  withBudget(file: string, what: string, run: () => Value): Value {
    if (this.allowance !== undefined) return run();
    const owner = this.moduleState(file);
    if (owner !== undefined && owner.stepsLeft <= 0) {
      this.cut(
        file,
        1,
        'stepsPerFile',
        `${what} and the rest of the file were not evaluated`,
        owner.stepLimit,
      );
      return UNKNOWN;
    }
    const allowance: StepAllowance = { left: ANALYSIS_BUDGETS.stepsPerDeclaration };
    this.allowance = allowance;
    const pending: PendingDiagnostic[] = [];
    this.pending = pending;
    let exhausted: BudgetExhausted | undefined;
    try {
      return run();
    } catch (error) {
      if (!(error instanceof BudgetExhausted)) throw error;
      exhausted = error;
      return UNKNOWN;
    } finally {
      this.allowance = undefined;
      this.pending = undefined;
      if (exhausted === undefined) {
        // A cut explains the unknowns that follow it: then only the cuts are said.
        const cut = pending.some((entry) => entry.cutKey !== undefined);
        for (const entry of pending)
          if (!cut || entry.cutKey !== undefined) this.collector.push(entry.diagnostic);
      } else {
        // What an abandoned evaluation said on the way is noise beside the cut itself.
        for (const entry of pending) if (entry.cutKey !== undefined) this.cutsReported.delete(entry.cutKey);
        this.cut(exhausted.file, exhausted.line, exhausted.budget, `${what} is unknown`, exhausted.limit);
      }
    }
  }

  /** Spends evaluation steps; throws once the running allowance is gone. */
  /**
   * Spends evaluation steps from the running question's allowance and from the file whose code runs (so a
   * barrel re-exporting a large schema charges each module its own steps); throws once either is gone.
   */
  private step(scope: Scope, node: ts.Node, count = 1) {
    const allowance = this.allowance;
    if (allowance === undefined) return;
    const module = scope.module;
    allowance.left -= count;
    module.stepsLeft -= count;
    if (allowance.left >= 0 && module.stepsLeft >= 0) return;
    const line = startLine(module.source.sourceFile, node);
    throw allowance.left < 0
      ? new BudgetExhausted(
          'stepsPerDeclaration',
          module.source.file,
          line,
          ANALYSIS_BUDGETS.stepsPerDeclaration,
        )
      : new BudgetExhausted('stepsPerFile', module.source.file, line, module.stepLimit);
  }

  /** Reports a budget cut once per file and budget. */
  private cut(file: string, line: number, budget: BudgetName, consequence: string, limit?: number) {
    const key = `${file}\0${budget}`;
    if (this.cutsReported.has(key)) return;
    this.cutsReported.add(key);
    this.add(budgetCut(file, line, budget, consequence, limit), key);
  }

  private add(diagnostic: Diagnostic, cutKey?: string) {
    if (this.pending === undefined) this.collector.push(diagnostic);
    else this.pending.push(cutKey === undefined ? { diagnostic } : { diagnostic, cutKey });
  }

  private cutAt(scope: Scope, node: ts.Node, budget: BudgetName, consequence: string) {
    const { source } = scope.module;
    this.cut(source.file, startLine(source.sourceFile, node), budget, consequence);
  }

  /** Every export name of a module, `export *` followed (cycles stop). */
  exportNames(file: string, seen = new Set<string>()): string[] {
    if (seen.has(file)) return [];
    seen.add(file);
    const state = this.moduleState(file);
    if (state === undefined) return [];
    const names = new Set<string>();
    for (const entry of state.source.facts.exports) {
      if (entry.exported !== '*') {
        names.add(entry.exported);
      } else if (entry.from?.resolved !== undefined) {
        for (const name of this.exportNames(entry.from.resolved, seen))
          if (name !== 'default') names.add(name);
      }
    }
    return [...names];
  }

  /** The value a module exports under a name. */
  exportValue(file: string, name: string): Value {
    const state = this.moduleState(file);
    if (state === undefined) return UNKNOWN;
    const cached = state.exports.get(name);
    if (cached !== undefined) return cached;
    if (state.exportsEvaluating.has(name)) return UNKNOWN;
    state.exportsEvaluating.add(name);
    let value: Value | undefined;
    try {
      for (const entry of state.source.facts.exports) {
        if (entry.exported !== name) continue;
        if (entry.local !== undefined) {
          value = this.bindingValue(state, entry.local);
        } else if (entry.from !== undefined) {
          value = this.importedValue(entry.from.specifier, entry.from.resolved, entry.from.imported);
        }
        break;
      }
      if (value === undefined) {
        for (const entry of state.source.facts.exports) {
          if (entry.exported !== '*' || entry.from?.resolved === undefined) continue;
          if (!this.exportNames(entry.from.resolved).includes(name)) continue;
          value = this.exportValue(entry.from.resolved, name);
          break;
        }
      }
    } finally {
      state.exportsEvaluating.delete(name);
    }
    value ??= UNKNOWN;
    state.exports.set(name, value);
    return value;
  }

  /** The value of a top-level binding of a module (exported or not). */
  topLevelValue(file: string, name: string): Value {
    const state = this.moduleState(file);
    return state === undefined ? UNKNOWN : this.bindingValue(state, name);
  }

  /** Calls a function value (an extra-config callback, a reference thunk, a relations callback). */
  call(fn: Value, args: Value[]): Value {
    return this.guard(() => this.callValue(fn, args, undefined));
  }

  /** A stack overflow or a value too large for the engine (RangeError) makes the value unknown, and says so. */
  private guard(run: () => Value, at?: { scope: Scope; node: ts.Node; name: string }): Value {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      if (at !== undefined)
        this.report(at.scope, at.node, `could not evaluate '${at.name}': ${error.message}`);
      return UNKNOWN;
    }
  }

  private moduleState(file: string): ModuleState | undefined {
    const known = this.modules.get(file);
    if (known !== undefined) return known ?? undefined;
    const source = this.host.module(file);
    if (source === undefined) {
      this.modules.set(file, null);
      return undefined;
    }
    const bindings = new Map<string, ts.Node>();
    for (const statement of source.sourceFile.statements) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name)) bindings.set(declaration.name.text, declaration);
          else collectPatternNames(declaration.name, declaration, bindings);
        }
      } else if (
        (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) &&
        statement.name
      ) {
        bindings.set(statement.name.text, statement);
      } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
        bindings.set('default', statement);
      } else if (ts.isFunctionDeclaration(statement) && statement.name === undefined) {
        bindings.set('default', statement);
      }
    }
    const state: ModuleState = {
      source,
      bindings,
      values: new Map(),
      evaluating: new Set(),
      exports: new Map(),
      exportsEvaluating: new Set(),
      stepLimit: fileStepBudget(source.sourceFile.text.length),
      stepsLeft: fileStepBudget(source.sourceFile.text.length),
    };
    this.modules.set(file, state);
    return state;
  }

  private bindingValue(state: ModuleState, name: string): Value {
    const cached = state.values.get(name);
    if (cached !== undefined) return cached;
    const declaration = state.bindings.get(name);
    if (declaration === undefined) {
      const binding = state.source.facts.imports.find((fact) => fact.local === name);
      if (binding === undefined) return name === 'undefined' ? UNDEFINED : UNKNOWN;
      const value = this.importedValue(binding.specifier, binding.resolved, binding.imported);
      state.values.set(name, value);
      return value;
    }
    if (state.evaluating.has(name)) return UNKNOWN; // used before it is defined, as at run time
    state.evaluating.add(name);
    let value: Value;
    const scope: Scope = { vars: new Map(), module: state };
    try {
      value = this.guard(() => this.declarationValue(declaration, name, scope), {
        scope,
        node: declaration,
        name,
      });
    } finally {
      state.evaluating.delete(name);
    }
    if (value.kind === 'table' && value.table.bindingName === undefined) value.table.bindingName = name;
    state.values.set(name, value);
    return value;
  }

  private declarationValue(declaration: ts.Node, name: string, scope: Scope): Value {
    if (ts.isVariableDeclaration(declaration)) {
      if (declaration.initializer === undefined) return UNDEFINED;
      const value = this.evaluate(declaration.initializer, scope);
      if (ts.isIdentifier(declaration.name)) return value;
      const vars = new Map<string, Value>();
      this.bindPattern(declaration.name, value, { ...scope, vars });
      return vars.get(name) ?? UNKNOWN;
    }
    if (ts.isFunctionDeclaration(declaration)) {
      return { kind: 'function', node: declaration, scope, module: scope.module };
    }
    if (ts.isExportAssignment(declaration)) return this.evaluate(declaration.expression, scope);
    return UNKNOWN;
  }

  private importedValue(specifier: string, resolved: string | undefined, imported: string): Value {
    const drizzle = drizzleImport(specifier, imported);
    if (drizzle !== undefined) return drizzle;
    if (resolved === undefined) return UNKNOWN;
    if (imported === '*') return { kind: 'moduleNamespace', file: resolved };
    return this.exportValue(resolved, imported);
  }

  private lookup(name: string, scope: Scope): Value {
    for (let current: Scope | undefined = scope; current !== undefined; current = current.parent) {
      const value = current.vars.get(name);
      if (value !== undefined) return value;
    }
    return this.bindingValue(scope.module, name);
  }

  private report(scope: Scope, node: ts.Node, message: string) {
    const { source } = scope.module;
    this.add({ file: source.file, line: startLine(source.sourceFile, node), message });
  }

  private text(scope: Scope, node: ts.Node): string {
    return textOf(scope.module.source.sourceFile, node);
  }

  /** One step of the budget per expression, and deep subtrees given up alone (the stack stays bounded). */
  evaluate(expression: ts.Expression, scope: Scope): Value {
    this.step(scope, expression);
    if (this.expressionDepth >= ANALYSIS_BUDGETS.expressionDepth) {
      this.cutAt(scope, expression, 'expressionDepth', 'the deeper expression is unknown');
      return UNKNOWN;
    }
    this.expressionDepth++;
    try {
      return this.evaluateNode(unwrap(expression), scope);
    } finally {
      this.expressionDepth--;
    }
  }

  private evaluateNode(node: ts.Expression, scope: Scope): Value {
    switch (node.kind) {
      case ts.SyntaxKind.Identifier:
        return this.lookup((node as ts.Identifier).text, scope);
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        return { kind: 'literal', value: (node as ts.StringLiteral).text };
      case ts.SyntaxKind.NumericLiteral:
        return { kind: 'literal', value: Number((node as ts.NumericLiteral).text) };
      case ts.SyntaxKind.TrueKeyword:
        return { kind: 'literal', value: true };
      case ts.SyntaxKind.FalseKeyword:
        return { kind: 'literal', value: false };
      case ts.SyntaxKind.NullKeyword:
        return { kind: 'literal', value: null };
      case ts.SyntaxKind.TemplateExpression: {
        const template = node as ts.TemplateExpression;
        let text = template.head.text;
        for (const span of template.templateSpans) {
          const part = this.evaluate(span.expression, scope);
          if (part.kind !== 'literal') return UNKNOWN;
          text += String(part.value) + span.literal.text;
          if (text.length > ANALYSIS_BUDGETS.stringLength) return this.tooLong(scope, node);
        }
        return { kind: 'literal', value: text };
      }
      case ts.SyntaxKind.PrefixUnaryExpression: {
        const prefix = node as ts.PrefixUnaryExpression;
        const operand = this.evaluate(prefix.operand, scope);
        if (operand.kind !== 'literal') return UNKNOWN;
        if (prefix.operator === ts.SyntaxKind.MinusToken && typeof operand.value === 'number') {
          return { kind: 'literal', value: -operand.value };
        }
        if (prefix.operator === ts.SyntaxKind.ExclamationToken)
          return { kind: 'literal', value: !operand.value };
        return UNKNOWN;
      }
      case ts.SyntaxKind.BinaryExpression:
        return this.binary(node as ts.BinaryExpression, scope);
      case ts.SyntaxKind.ConditionalExpression: {
        const conditional = node as ts.ConditionalExpression;
        const condition = this.evaluate(conditional.condition, scope);
        if (condition.kind !== 'literal') return UNKNOWN;
        return this.evaluate(condition.value ? conditional.whenTrue : conditional.whenFalse, scope);
      }
      case ts.SyntaxKind.ArrayLiteralExpression: {
        const items: Value[] = [];
        for (const element of (node as ts.ArrayLiteralExpression).elements) {
          if (ts.isSpreadElement(element)) {
            const spread = this.evaluate(element.expression, scope);
            if (spread.kind === 'array') {
              this.step(scope, element, spread.items.length);
              for (const item of spread.items) items.push(item);
            } else items.push(UNKNOWN);
          } else if (!ts.isOmittedExpression(element)) {
            items.push(this.evaluate(element, scope));
          }
          if (items.length > ANALYSIS_BUDGETS.valueSize) return this.tooLarge(scope, node);
        }
        return { kind: 'array', items };
      }
      case ts.SyntaxKind.ObjectLiteralExpression:
        return this.objectLiteral(node as ts.ObjectLiteralExpression, scope);
      case ts.SyntaxKind.PropertyAccessExpression: {
        const access = node as ts.PropertyAccessExpression;
        if (!ts.isIdentifier(access.name)) return UNKNOWN;
        return this.member(this.evaluate(access.expression, scope), access.name.text);
      }
      case ts.SyntaxKind.ElementAccessExpression: {
        const access = node as ts.ElementAccessExpression;
        const key = this.evaluate(access.argumentExpression, scope);
        if (key.kind !== 'literal' || (typeof key.value !== 'string' && typeof key.value !== 'number'))
          return UNKNOWN;
        const target = this.evaluate(access.expression, scope);
        if (target.kind === 'array' && typeof key.value === 'number')
          return target.items[key.value] ?? UNDEFINED;
        return this.member(target, String(key.value));
      }
      case ts.SyntaxKind.CallExpression:
        return this.callExpression(node as ts.CallExpression, scope);
      case ts.SyntaxKind.TaggedTemplateExpression: {
        const tagged = node as ts.TaggedTemplateExpression;
        const tag = this.evaluate(tagged.tag, scope);
        return isSqlTag(tag) ? sqlTemplate(this.builderHost, tagged.template, scope) : UNKNOWN;
      }
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        return { kind: 'function', node: node as FunctionNode, scope, module: scope.module };
      default:
        return UNKNOWN;
    }
  }

  private binary(node: ts.BinaryExpression, scope: Scope): Value {
    const operator = node.operatorToken.kind;
    const left = this.evaluate(node.left, scope);
    if (operator === ts.SyntaxKind.QuestionQuestionToken) {
      if (left.kind === 'literal' && (left.value === undefined || left.value === null))
        return this.evaluate(node.right, scope);
      return left.kind === 'unknown' ? UNKNOWN : left;
    }
    const right = this.evaluate(node.right, scope);
    if (left.kind !== 'literal' || right.kind !== 'literal') return UNKNOWN;
    const a = left.value;
    const b = right.value;
    switch (operator) {
      case ts.SyntaxKind.PlusToken:
        if (typeof a === 'number' && typeof b === 'number') return { kind: 'literal', value: a + b };
        if (typeof a === 'string' || typeof b === 'string') {
          const text = `${a}${b}`;
          return text.length > ANALYSIS_BUDGETS.stringLength
            ? this.tooLong(scope, node)
            : { kind: 'literal', value: text };
        }
        return UNKNOWN;
      case ts.SyntaxKind.MinusToken:
      case ts.SyntaxKind.AsteriskToken:
        if (typeof a !== 'number' || typeof b !== 'number') return UNKNOWN;
        return { kind: 'literal', value: operator === ts.SyntaxKind.MinusToken ? a - b : a * b };
      case ts.SyntaxKind.EqualsEqualsEqualsToken:
        return { kind: 'literal', value: a === b };
      case ts.SyntaxKind.ExclamationEqualsEqualsToken:
        return { kind: 'literal', value: a !== b };
      case ts.SyntaxKind.BarBarToken:
        return a ? left : right;
      case ts.SyntaxKind.AmpersandAmpersandToken:
        return a ? right : left;
      default:
        return UNKNOWN;
    }
  }

  private objectLiteral(node: ts.ObjectLiteralExpression, scope: Scope): Value {
    const props = new Map<string, Value>();
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property)) {
        const key = this.propertyKey(property.name, scope);
        if (key === undefined) continue;
        props.set(key, this.evaluate(property.initializer, scope));
      } else if (ts.isShorthandPropertyAssignment(property)) {
        props.set(property.name.text, this.lookup(property.name.text, scope));
      } else if (ts.isSpreadAssignment(property)) {
        const spread = this.evaluate(property.expression, scope);
        if (spread.kind === 'object') {
          this.step(scope, property, spread.props.size);
          for (const [key, value] of spread.props) props.set(key, value);
        } else if (spread.kind === 'table') {
          this.step(scope, property, spread.table.columns.length);
          for (const column of spread.table.columns)
            props.set(column.key, { kind: 'tableColumn', table: spread.table, key: column.key });
        } else {
          this.report(
            scope,
            property,
            `cannot follow the spread '${this.text(scope, property.expression)}' statically`,
          );
          props.set(`...${this.text(scope, property.expression)}`, UNKNOWN);
        }
      } else if (ts.isMethodDeclaration(property)) {
        const key = this.propertyKey(property.name, scope);
        if (key !== undefined)
          props.set(key, { kind: 'function', node: property, scope, module: scope.module });
      }
      if (props.size > ANALYSIS_BUDGETS.valueSize) return this.tooLarge(scope, node);
    }
    return { kind: 'object', props };
  }

  private tooLarge(scope: Scope, node: ts.Node): Value {
    this.cutAt(scope, node, 'valueSize', 'the larger object or array is unknown');
    return UNKNOWN;
  }

  private tooLong(scope: Scope, node: ts.Node): Value {
    this.cutAt(scope, node, 'stringLength', 'the longer string is unknown');
    return UNKNOWN;
  }

  private propertyKey(name: ts.PropertyName, scope: Scope): string | undefined {
    const text = propertyNameText(name);
    if (text !== undefined) return text;
    if (ts.isComputedPropertyName(name)) {
      const key = this.evaluate(name.expression, scope);
      if (key.kind === 'literal' && (typeof key.value === 'string' || typeof key.value === 'number'))
        return String(key.value);
    }
    return undefined;
  }

  private member(target: Value, name: string): Value {
    switch (target.kind) {
      case 'object':
        return target.props.get(name) ?? UNDEFINED;
      case 'array':
        return name === 'length' ? { kind: 'literal', value: target.items.length } : UNKNOWN;
      case 'moduleNamespace':
        return this.exportValue(target.file, name);
      default:
        return drizzleMember(target, name) ?? UNKNOWN;
    }
  }

  private callExpression(node: ts.CallExpression, scope: Scope): Value {
    if (++this.depth > ANALYSIS_BUDGETS.callDepth) {
      this.depth--;
      this.cutAt(scope, node, 'callDepth', 'the deeper call is unknown');
      return UNKNOWN;
    }
    try {
      const callee = unwrap(node.expression);
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
        const receiver = this.evaluate(callee.expression, scope);
        return this.method(receiver, callee.name.text, node, scope);
      }
      return this.callValue(this.evaluate(callee, scope), node.arguments, scope, node);
    } finally {
      this.depth--;
    }
  }

  private args(args: readonly ts.Expression[] | Value[], scope: Scope | undefined): Value[] {
    return args.map((arg) =>
      isValue(arg) ? arg : scope === undefined ? UNKNOWN : this.evaluateArgument(arg, scope),
    );
  }

  private evaluateArgument(argument: ts.Expression, scope: Scope): Value {
    return ts.isSpreadElement(argument) ? UNKNOWN : this.evaluate(argument, scope);
  }

  /** Calls a value with arguments given as syntax (evaluated here) or as values. */
  private callValue(
    fn: Value,
    rawArgs: readonly ts.Expression[] | Value[],
    scope: Scope | undefined,
    node?: ts.CallExpression,
  ): Value {
    if (fn.kind === 'function') return this.invoke(fn, this.args(rawArgs, scope));
    if (!isDrizzleCallable(fn)) return UNKNOWN;
    let args: Value[] | undefined;
    const call: DrizzleCall = { args: () => (args ??= this.args(rawArgs, scope)) };
    if (scope !== undefined && node !== undefined) call.site = { node, scope };
    return callDrizzle(this.builderHost, fn, call);
  }

  /** A method call: drizzle's own methods on its values, else the member called as a function. */
  private method(receiver: Value, name: string, node: ts.CallExpression, scope: Scope): Value {
    const drizzle = drizzleMethod(this.builderHost, receiver, name, node, scope);
    if (drizzle !== undefined) return drizzle;
    const fn = this.member(receiver, name);
    return fn.kind === 'unknown' || fn.kind === 'literal'
      ? UNKNOWN
      : this.callValue(fn, node.arguments, scope, node);
  }

  /** What drizzle-builders.ts may ask of this interpreter. */
  private readonly builderHost: BuilderHost = {
    evaluate: (expression, scope) => this.evaluate(expression, scope),
    invoke: (fn, args) => this.invoke(fn, args),
    member: (target, name) => this.member(target, name),
    report: (scope, node, message) => this.report(scope, node, message),
    text: (scope, node) => this.text(scope, node),
    newTableId: () => this.nextTableId++,
    tableBuilt: (table) => this.drafts.push(table),
  };

  /** Runs a user function (or one of drizzle's values held as a callback) on argument values. */
  private invoke(fn: Value, args: Value[]): Value {
    if (isDrizzleCallable(fn)) return this.callValue(fn, args, undefined);
    if (fn.kind !== 'function') return UNKNOWN;
    const scope: Scope = { vars: new Map(), parent: fn.scope, module: fn.module };
    this.step(scope, fn.node);
    if (++this.depth > ANALYSIS_BUDGETS.callDepth) {
      this.depth--;
      this.cutAt(scope, fn.node, 'callDepth', 'the deeper call is unknown');
      return UNKNOWN;
    }
    try {
      fn.node.parameters.forEach((parameter, index) => {
        let value: Value;
        if (parameter.dotDotDotToken !== undefined) value = { kind: 'array', items: args.slice(index) };
        else value = args[index] ?? UNDEFINED;
        if (value.kind === 'literal' && value.value === undefined && parameter.initializer !== undefined) {
          value = this.evaluate(parameter.initializer, scope);
        }
        if (ts.isIdentifier(parameter.name)) scope.vars.set(parameter.name.text, value);
        else this.bindPattern(parameter.name, value, scope);
      });
      const body = fn.node.body;
      if (body === undefined) return UNKNOWN;
      if (!ts.isBlock(body)) return this.evaluate(body, scope);
      return this.execute(body.statements, scope) ?? UNDEFINED;
    } finally {
      this.depth--;
    }
  }

  /** Runs statements until a return; undefined when none returns. */
  private execute(statements: readonly ts.Statement[], scope: Scope): Value | undefined {
    for (const statement of statements) {
      if (ts.isReturnStatement(statement)) {
        return statement.expression === undefined ? UNDEFINED : this.evaluate(statement.expression, scope);
      }
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          const value =
            declaration.initializer === undefined ? UNDEFINED : this.evaluate(declaration.initializer, scope);
          if (ts.isIdentifier(declaration.name)) scope.vars.set(declaration.name.text, value);
          else this.bindPattern(declaration.name, value, scope);
        }
      } else if (ts.isFunctionDeclaration(statement) && statement.name !== undefined) {
        scope.vars.set(statement.name.text, {
          kind: 'function',
          node: statement,
          scope,
          module: scope.module,
        });
      } else if (ts.isIfStatement(statement)) {
        const condition = this.evaluate(statement.expression, scope);
        if (condition.kind !== 'literal') return UNKNOWN;
        const branch = condition.value ? statement.thenStatement : statement.elseStatement;
        if (branch === undefined) continue;
        const result = this.execute(ts.isBlock(branch) ? branch.statements : [branch], {
          vars: new Map(),
          parent: scope,
          module: scope.module,
        });
        if (result !== undefined) return result;
      } else if (ts.isBlock(statement)) {
        const result = this.execute(statement.statements, {
          vars: new Map(),
          parent: scope,
          module: scope.module,
        });
        if (result !== undefined) return result;
      } else if (ts.isExpressionStatement(statement)) {
        this.evaluate(statement.expression, scope); // e.g. a builder modified in place
      } else if (
        !ts.isEmptyStatement(statement) &&
        !ts.isTypeAliasDeclaration(statement) &&
        !ts.isInterfaceDeclaration(statement)
      ) {
        return UNKNOWN; // loops, try, switch: beyond a static reading
      }
    }
    return undefined;
  }

  private bindPattern(pattern: ts.BindingName, value: Value, scope: Scope) {
    if (ts.isIdentifier(pattern)) {
      scope.vars.set(pattern.text, value);
      return;
    }
    if (ts.isObjectBindingPattern(pattern)) {
      for (const element of pattern.elements) {
        if (element.dotDotDotToken !== undefined) {
          if (ts.isIdentifier(element.name)) scope.vars.set(element.name.text, value);
          continue;
        }
        const key =
          element.propertyName !== undefined
            ? this.propertyKey(element.propertyName, scope)
            : ts.isIdentifier(element.name)
              ? element.name.text
              : undefined;
        let member =
          key === undefined
            ? UNKNOWN
            : value.kind === 'object' && !value.props.has(key)
              ? UNDEFINED
              : this.member(value, key);
        if (member.kind === 'literal' && member.value === undefined && element.initializer !== undefined) {
          member = this.evaluate(element.initializer, scope);
        }
        this.bindPattern(element.name, member, scope);
      }
      return;
    }
    pattern.elements.forEach((element, index) => {
      if (ts.isOmittedExpression(element)) return;
      const item =
        value.kind === 'array'
          ? element.dotDotDotToken
            ? { kind: 'array' as const, items: value.items.slice(index) }
            : (value.items[index] ?? UNDEFINED)
          : UNKNOWN;
      this.bindPattern(element.name, item, scope);
    });
  }
}

function collectPatternNames(
  pattern: ts.BindingPattern,
  declaration: ts.VariableDeclaration,
  into: Map<string, ts.Node>,
) {
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name)) into.set(element.name.text, declaration);
    else collectPatternNames(element.name, declaration, into);
  }
}

function isValue(arg: ts.Expression | Value): arg is Value {
  return typeof (arg as { kind: unknown }).kind === 'string';
}
