/**
 * The words the conventions are written in: which calls on a Drizzle database run SQL, which
 * `next/navigation` functions navigate by throwing, what `next/cache` revalidates with, and the ops a
 * many-first model exports. Read alike by the ESLint rules (over ESTree) and the analysis (over the
 * TypeScript AST), so the two cannot disagree about what counts.
 */

/**
 * Methods of a Drizzle database, or of the handle a transaction passes its callback, that run SQL.
 * `transaction` is not one of them: it only groups calls, and composing model ops in it is the convention.
 */
export const DATABASE_METHODS: ReadonlySet<string> = new Set([
  'select',
  'selectDistinct',
  'selectDistinctOn',
  'insert',
  'update',
  'delete',
  'query',
  'execute',
  'run',
  'all',
  'get',
  'values',
  'batch',
  '$count',
  '$with',
  'with',
  'refreshMaterializedView',
]);

/** `db.transaction(async (tx) => …)`: inside the callback, `tx` is the database. */
export const TRANSACTION_METHOD = 'transaction';

/** `next/navigation`, or `next/navigation.js` as projects with ESM-strict resolution write it. */
export const NAVIGATION_SPECIFIER = /^next\/navigation(?:\.js)?$/;

/** Every `next/navigation` function that throws a special error Next.js catches to navigate. */
export const THROWING_NAVIGATION = [
  'redirect',
  'permanentRedirect',
  'notFound',
  'forbidden',
  'unauthorized',
] as const;

/** `next/cache`, with or without the `.js` an ESM-strict project writes. */
export const CACHE_SPECIFIER = /^next\/cache(?:\.js)?$/;

/** The `next/cache` functions that mark cached data stale; their first argument is a path or a tag. */
export const REVALIDATE_FUNCTIONS: ReadonlySet<string> = new Set(['revalidatePath', 'revalidateTag']);

/** What `createModelFactory` returns: every op a model module may export. */
export const MODEL_OPS = [
  'insert',
  'select',
  'update',
  'delete',
  'upsert',
  'count',
  'buildConditions',
  'takeFirst',
] as const;

/** The ops that read or write rows, as opposed to counting them or building conditions. */
export const ROW_OPS = ['insert', 'select', 'update', 'delete', 'upsert', 'takeFirst'] as const;

export const MODEL_FACTORY_FUNCTION = 'createModelFactory';
export const MODEL_FACTORY_PACKAGE = 'many-first/model-factory';

/** The drizzle-orm entries that declare tables, one per dialect. */
export const DRIZZLE_CORE_MODULES: ReadonlySet<string> = new Set([
  'drizzle-orm/pg-core',
  'drizzle-orm/sqlite-core',
  'drizzle-orm/mysql-core',
]);
