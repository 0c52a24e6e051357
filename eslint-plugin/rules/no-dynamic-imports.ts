import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import picomatch from 'picomatch';
import { completeSettings, createRule } from '../utils/create-rule.js';
import { isFunctionNode } from '../utils/directives.js';
import { resolveImportedExpression, staticString } from '../utils/import-bindings.js';

interface Settings {
  allow: string[];
  allowLazyComponents: boolean;
}
export type Options = [Partial<Settings>];
export type MessageIds = 'dynamicImport' | 'lazyComponent' | 'useStaticImport';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `next/dynamic(() => import('x'))` or `React.lazy(() => import('x'))`: the wrapper's source text. */
function lazyComponentWrapper(sourceCode: SourceCode, node: TSESTree.ImportExpression): string | undefined {
  const loader = sourceCode.getAncestors(node).findLast(isFunctionNode);
  const call = loader?.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== loader) return undefined;
  const imported = resolveImportedExpression(sourceCode, call.callee);
  if (imported === undefined) return undefined;
  const isNextDynamic = imported.source === 'next/dynamic' && imported.imported === 'default';
  const isReactLazy = imported.source === 'react' && imported.imported === 'lazy';
  return isNextDynamic || isReactLazy ? sourceCode.getText(call.callee) : undefined;
}

interface StaticImportPlan {
  declaration: TSESTree.VariableDeclaration;
  text: string;
}

/** The import clause for `const m = …` or `const { default: A, b, c: d } = …`; undefined when there is none. */
function importClause(id: TSESTree.Node): { clause: string; names: string[] } | undefined {
  if (id.type === AST_NODE_TYPES.Identifier) return { clause: `* as ${id.name}`, names: [id.name] };
  if (id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  let defaultName: string | undefined;
  const named: string[] = [];
  const names: string[] = [];
  for (const property of id.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) return undefined;
    if (property.value.type !== AST_NODE_TYPES.Identifier) return undefined;
    const key =
      property.key.type === AST_NODE_TYPES.Identifier
        ? property.key.name
        : property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string'
          ? property.key.value
          : undefined;
    if (key === undefined || !/^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u.test(key))
      return undefined;
    const local = property.value.name;
    names.push(local);
    if (key === 'default') {
      if (defaultName !== undefined) return undefined;
      defaultName = local;
    } else {
      named.push(key === local ? key : `${key} as ${local}`);
    }
  }
  const parts = [
    ...(defaultName === undefined ? [] : [defaultName]),
    ...(named.length > 0 ? [`{ ${named.join(', ')} }`] : []),
  ];
  return { clause: parts.join(', '), names };
}

/**
 * Plans the suggestion for `const m = await import('x')` and `const { a } = await import('x')`: the static
 * import that replaces it, when moving the names to the top of the module changes nothing else.
 */
function planStaticImport(
  sourceCode: SourceCode,
  node: TSESTree.ImportExpression,
): StaticImportPlan | undefined {
  const source = node.source;
  if (source.type !== AST_NODE_TYPES.Literal || typeof source.value !== 'string') return undefined;
  if ((node.options ?? null) !== null) return undefined;
  const awaited = node.parent;
  if (awaited?.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
  const declarator = awaited.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== awaited) return undefined;
  const declaration = declarator.parent;
  if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) {
    return undefined;
  }
  const container = declaration.parent;
  if (container?.type !== AST_NODE_TYPES.Program && container?.type !== AST_NODE_TYPES.BlockStatement)
    return undefined;
  const program = sourceCode.ast;
  if (program.sourceType !== 'module') return undefined;

  const clause = importClause(declarator.id);
  if (clause === undefined) return undefined;
  // Import bindings are read-only, so a name written after its declaration cannot become one.
  const variables = sourceCode.getDeclaredVariables(declarator);
  if (
    variables.some((variable) => variable.references.filter((reference) => reference.isWrite()).length > 1)
  ) {
    return undefined;
  }
  if (container.type === AST_NODE_TYPES.BlockStatement) {
    // Hoisted to the module scope, a name must not collide with a module-level name or a global in use,
    // nor with a name of an enclosing function or block, which would capture the references left behind.
    const moduleScope = sourceCode.scopeManager?.globalScope?.childScopes.find(
      (scope) => scope.type === 'module',
    );
    const ownScope = variables[0]?.scope;
    if (moduleScope === undefined || ownScope === undefined) return undefined;
    const enclosing: TSESLint.Scope.Scope[] = [];
    for (let scope = ownScope.upper; scope !== null && scope !== moduleScope; scope = scope.upper)
      enclosing.push(scope);
    const taken = (name: string) =>
      moduleScope.set.has(name) ||
      moduleScope.through.some((reference) => reference.identifier.name === name) ||
      enclosing.some((scope) => scope.set.has(name));
    if (clause.names.some(taken)) return undefined;
  }

  const semicolon = sourceCode.getText(declaration).endsWith(';') ? ';' : '';
  const text =
    clause.clause === ''
      ? `import ${source.raw}${semicolon}`
      : `import ${clause.clause} from ${source.raw}${semicolon}`;
  return { declaration, text };
}

/** The range that removes a statement together with its line, when nothing else shares the line. */
function statementLineRange(sourceCode: SourceCode, statement: TSESTree.Node): TSESTree.Range {
  const text = sourceCode.text;
  let [start, end] = statement.range;
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart -= 1;
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd += 1;
  const aloneOnLine =
    (lineStart === 0 || text[lineStart - 1] === '\n') &&
    (lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r');
  if (aloneOnLine) {
    start = lineStart;
    end = text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : lineEnd === text.length ? lineEnd : lineEnd + 1;
  }
  return [start, end];
}

function staticImportFix(sourceCode: SourceCode, plan: StaticImportPlan): TSESLint.ReportFixFunction {
  return (fixer) => {
    const program = sourceCode.ast;
    const { declaration, text } = plan;
    const imports = program.body.filter((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration);
    const lastImport = imports.at(-1);
    if (
      declaration.parent === program &&
      (lastImport === undefined || lastImport.range[1] > declaration.range[0])
    ) {
      // Already at the top level with nothing to gather under: the import takes the declaration's place.
      return fixer.replaceText(declaration, text);
    }
    const removal = fixer.removeRange(statementLineRange(sourceCode, declaration));
    if (lastImport !== undefined) return [fixer.insertTextAfter(lastImport, `\n${text}`), removal];
    const first = program.body[0];
    if (first === undefined) return removal;
    const prologue = program.body.findIndex(
      (statement) =>
        statement.type !== AST_NODE_TYPES.ExpressionStatement ||
        staticString(statement.expression) === undefined,
    );
    const lastDirective = prologue > 0 ? program.body[prologue - 1] : undefined;
    if (lastDirective !== undefined) return [fixer.insertTextAfter(lastDirective, `\n${text}`), removal];
    return [fixer.insertTextBefore(first, `${text}\n`), removal];
  };
}

export default createRule<Options, MessageIds>({
  name: 'no-dynamic-imports',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow runtime `import()`; import modules statically at the top of the file',
      recommended: true,
      scope: 'source',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Module specifiers that may be imported at run time; globs allowed (`@/locales/*`, `**/*.json`).',
          },
          allowLazyComponents: {
            type: 'boolean',
            description:
              'Allow `import()` as the loader of `next/dynamic` and `React.lazy`, for deliberate code splitting.',
          },
        },
      },
    ],
    defaultOptions: [{ allow: [], allowLazyComponents: false }],
    messages: {
      dynamicImport:
        "Import '{{source}}' with a static import at the top of the module. A runtime import() hides the dependency from readers and bundlers and turns its errors into run-time failures.",
      lazyComponent:
        "Import the component from '{{source}}' statically instead of loading it through {{wrapper}}(() => import(…)); if this code split is deliberate, set `allowLazyComponents` or add the module to `allow`.",
      useStaticImport: "Replace with a static import of '{{source}}' at the top of the module.",
    },
  },
  create(context, [options]) {
    const { allow, allowLazyComponents } = completeSettings<Settings>(options);
    const sourceCode = context.sourceCode;
    const matchesAllow = allow.length > 0 ? picomatch(allow, { dot: true }) : () => false;
    // Globs never match `..`, so `**/*.json` also tries the specifier without its leading ./ and ../.
    const isAllowed = (specifier: string) =>
      matchesAllow(specifier) || matchesAllow(specifier.replace(/^(?:\.\.?\/)+/, ''));

    return {
      ImportExpression(node) {
        const specifier = staticString(node.source);
        if (specifier !== undefined && isAllowed(specifier)) return;
        const source = specifier ?? sourceCode.getText(node.source);
        const wrapper = lazyComponentWrapper(sourceCode, node);
        if (wrapper !== undefined) {
          if (!allowLazyComponents)
            context.report({ node, messageId: 'lazyComponent', data: { source, wrapper } });
          return;
        }
        const plan = specifier === undefined ? undefined : planStaticImport(sourceCode, node);
        context.report({
          node,
          messageId: 'dynamicImport',
          data: { source },
          suggest:
            plan === undefined
              ? []
              : [{ messageId: 'useStaticImport', data: { source }, fix: staticImportFix(sourceCode, plan) }],
        });
      },
    };
  },
});
