/**
 * The auth guards a project's server actions already call, so `init` can write require-action-auth's
 * `guards` option without asking: imported functions, called in a module that holds server actions, whose
 * names read like a session or user check (`auth`, `getSession`, `getCurrentMember`, `requireUser`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { discoverLayout } from '../../conventions/layout.js';
import { DEFAULT_ACTION_GUARDS } from '../../eslint-plugin/utils/action-guards.js';

/**
 * An optional verb that checks or fetches who is calling, then what it returns, read on the capitalised
 * name: `getCurrentUser`, `requireSession`, `verifySession`, `getSessionUserId`, `validateRequest`, `auth`.
 */
const GUARD_NAME =
  /^(?:Get|Require|Ensure|Verify|Validate|Check|Assert|Fetch|Load|Read)?(?:Current|SignedIn|Authenticated|Server|Auth)?(?:User|Session|Member|Viewer|Account|Admin|Identity|Request|Auth){1,2}(?:Id|OrThrow|OrRedirect)?$/;
const KNOWN_GUARDS = new Set<string>(DEFAULT_ACTION_GUARDS);

/** A name that reads as an auth guard. */
export function looksLikeGuard(name: string): boolean {
  return KNOWN_GUARDS.has(name) || GUARD_NAME.test(name.charAt(0).toUpperCase() + name.slice(1));
}

/** The imported names a module calls that read as guards, by the name they are exported under. */
export function guardsCalledIn(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const imported = new Map<string, string>(); // local name → exported name
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const clause = statement.importClause;
    if (clause === undefined || clause.isTypeOnly) continue;
    const bindings = clause.namedBindings;
    if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (element.isTypeOnly) continue;
      imported.set(element.name.text, (element.propertyName ?? element.name).text);
    }
  }
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const name = imported.get(node.expression.text);
      if (name !== undefined && looksLikeGuard(name)) found.add(name);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found];
}

/** The guards the project's server actions call, sorted; empty when none is found. */
export function findActionGuards(root: string): string[] {
  const layout = discoverLayout(root);
  const files = new Set([...layout.found.actionModules, ...layout.found.inlineActionFiles]);
  const guards = new Set<string>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue; // unreadable: the layout scan already reported it
    }
    for (const guard of guardsCalledIn(file, text)) guards.add(guard);
  }
  return [...guards].sort();
}
