/**
 * The conventions many-first understands: where a project keeps its schema, models, actions and test
 * factories. They are found in the project's code (./layout.ts); a project overrides any of them in one
 * place, read alike by the CLI, the MCP server and the ESLint configs: a `manyFirst` key in package.json or
 * `many-first.config.json`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';

const globList = z.array(z.string().min(1)).min(1);

/**
 * The plugin's rule names, without the `many-first/` prefix. The rules themselves live in
 * eslint-plugin/rules/index.ts, which loads ESLint's utilities; this list lets the conventions name them
 * without that (tests/conventions/rules-key.test.ts keeps the two equal).
 */
export const RULE_NAMES = [
  'no-db-in-server-actions',
  'no-dynamic-imports',
  'no-redirect-in-server-actions',
  'no-redirect-in-try',
  'no-single-record-wrappers',
  'require-action-auth',
  'require-use-server',
  'server-action-exports',
] as const;

const ruleSeverity = z.union([z.enum(['off', 'warn', 'error']), z.literal(0), z.literal(1), z.literal(2)]);

/** A rule's entry as ESLint writes it: a severity, or a severity followed by the rule's options. */
const ruleEntry = z.union([ruleSeverity, z.tuple([ruleSeverity]).rest(z.unknown())], {
  error: "must be 'off', 'warn' or 'error' (0, 1, 2), or an array of one of those and the rule's options",
});

const ruleName = z.string().refine((name) => (RULE_NAMES as readonly string[]).includes(name), {
  error: `is not a many-first rule (the rules are ${RULE_NAMES.join(', ')})`,
});

export const conventionsSchema = z
  .object({
    schema: globList
      .optional()
      .describe(
        'Globs of the Drizzle schema files. When absent: the `schema` field of drizzle.config.*, else the files that declare tables (`pgTable(…)` from drizzle-orm/pg-core, …).',
      ),
    models: globList.describe(
      'Globs of the model modules, whose exports are many-first ops. When absent: the modules that call createModelFactory.',
    ),
    modelFactory: globList.describe(
      'Globs of the module that defines or re-exports createModelFactory. When absent: found by that name.',
    ),
    actions: z
      .array(z.string().min(1))
      .describe(
        "Globs of the folders or files whose every module must start with 'use server'. When absent: each folder named `actions` that holds a module saying 'use server'. Server actions themselves are found by their directive wherever they are.",
      ),
    testFactories: globList.describe(
      'Globs of the test factories (never linted as application code). When absent: `*.factory.*` files and modules that import many-first/test-factory.',
    ),
    dbModules: z
      .array(z.string().min(1))
      .describe(
        'Module specifiers (`@/lib/db`) or root-relative file globs of the database client. When absent: the modules that call drizzle(…) and those that re-export them.',
      ),
    drizzleConfig: z.string().min(1).describe('Path of the drizzle-kit config, relative to the root.'),
    ignores: z
      .array(z.string().min(1))
      .describe(
        'More root-relative globs that are never application code (generated files, vendored code), on top of tests, build output and tool config files.',
      ),
    rules: z
      .record(ruleName, ruleEntry)
      .optional()
      .describe(
        "Severity and options of many-first's rules, by name without the prefix, as ESLint writes them (`'error'`, `['error', { guards: ['requireUser'] }]`, `'off'`). Applied alike by `configsFor()` in eslint.config.*, `many-first lint`, `inspect` and the MCP server; options are merged over the ones the layout fills in. When absent: `recommended`.",
      ),
  })
  .strict();

export type Conventions = z.infer<typeof conventionsSchema>;

/** The script extensions, as a glob group: `**\/*.${SOURCE_EXTENSION_GLOB}`. */
export const SOURCE_EXTENSION_GLOB = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const EXTENSIONS = SOURCE_EXTENSION_GLOB;

/** Every script of a project, before the exclusions below. */
export const SOURCE_GLOBS = [`**/*.${EXTENSIONS}`] as const;

/** Where drizzle schemas commonly live, used only when nothing declares a table (a project mid-setup). */
export const DEFAULT_SCHEMA_GLOBS = [
  'src/lib/db/schema*.ts',
  'src/db/schema/**/*.ts',
  'lib/db/schema*.ts',
  'db/schema*.ts',
  'db/schema/**/*.ts',
] as const;

/**
 * What a project uses when its config says nothing and nothing is found in its code. Each is matched
 * anywhere in the tree, so `src/` and flat layouts alike are covered.
 */
export const DEFAULT_CONVENTIONS: Readonly<Conventions> = Object.freeze({
  models: [`**/models/**/*.${EXTENSIONS}`, `**/data-access/**/*.${EXTENSIONS}`],
  modelFactory: [`**/lib/models/**/*.${EXTENSIONS}`],
  // No folder is an actions folder until one is found or configured: actions follow their directive.
  actions: [],
  testFactories: [`**/*.factory.${EXTENSIONS}`, '**/tests/factories/**'],
  dbModules: [
    '@/lib/db',
    '@/db',
    '@/server/db',
    '~/server/db',
    '~/lib/db',
    `**/lib/db/index.${EXTENSIONS}`,
    `**/lib/db/drizzle.${EXTENSIONS}`,
    `**/db/index.${EXTENSIONS}`,
    `**/server/db/index.${EXTENSIONS}`,
  ],
  drizzleConfig: 'drizzle.config.ts',
  ignores: [],
}) as Readonly<Conventions>;

/** Build output and generated files: ignored by the configs (globally) and by the analysis. */
export const BUILD_OUTPUT_GLOBS = [
  '**/.next/**',
  '**/out/**',
  '**/build/**',
  '**/dist/**',
  '**/coverage/**',
  '**/next-env.d.ts',
] as const;

/** Files that are tests, never linted as application code. */
export const TEST_GLOBS = [
  '**/tests/**',
  '**/test/**',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/e2e/**',
  '**/*.test.*',
  '**/*.spec.*',
] as const;

/** Tool configuration (next.config.ts, drizzle.config.ts, eslint.config.js, …), declarations and dot-folders. */
export const TOOL_FILE_GLOBS = [
  `**/*.config.${EXTENSIONS}`,
  `**/.*rc.${EXTENSIONS}`,
  '**/*.d.{ts,mts,cts}',
  '**/.*/**',
  '**/node_modules/**',
] as const;

/** Every glob that is never application code for these conventions: the rules skip them, so does the analysis. */
export function notApplicationGlobs(conventions: Conventions): string[] {
  return [
    ...BUILD_OUTPUT_GLOBS,
    ...TEST_GLOBS,
    ...TOOL_FILE_GLOBS,
    ...conventions.testFactories,
    ...conventions.ignores,
  ];
}

/**
 * Whether a root-relative path is application source for these conventions: a script that is not a test,
 * build output, tool config or ignored. The rules lint exactly these files, and the analysis lints the same.
 */
export function applicationFileMatcher(conventions: Conventions): (file: string) => boolean {
  const isSource = picomatch([...SOURCE_GLOBS], { dot: true });
  const isExcluded = picomatch(notApplicationGlobs(conventions), { dot: true });
  return (file) => isSource(file) && !isExcluded(file);
}

export class ConventionsError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'ConventionsError';
  }
}

export interface LoadedConventions {
  conventions: Conventions;
  /** The file the overrides came from, root-relative; undefined when only defaults apply. */
  source?: string;
  /** The keys the project set itself; the others are defaults, to be replaced by what discovery finds. */
  configured: (keyof Conventions)[];
}

function readJson(path: string, label: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConventionsError(`${label} is not valid JSON: ${(error as Error).message}`, label);
  }
}

function merge(
  overrides: unknown,
  label: string,
): { conventions: Conventions; configured: (keyof Conventions)[] } {
  const parsed = conventionsSchema.partial().safeParse(overrides);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `'${issue.path.join('.')}'` : 'the value';
    // A record's bad key is one issue wrapping the key's own, which says what is wrong with it.
    const message =
      issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    throw new ConventionsError(`${label}: ${where} ${message}`, label);
  }
  const result: Conventions = { ...DEFAULT_CONVENTIONS };
  const configured: (keyof Conventions)[] = [];
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value === undefined) continue;
    Object.assign(result, { [key]: value });
    configured.push(key as keyof Conventions);
  }
  return { conventions: result, configured };
}

/**
 * Reads the project's conventions: `many-first.config.json` wins over a `manyFirst` key in package.json;
 * with neither, the defaults. Throws ConventionsError (with the file) for malformed JSON or unknown keys,
 * so a typo never silently falls back to defaults.
 */
export function loadConventions(root: string): LoadedConventions {
  const configFile = join(root, 'many-first.config.json');
  if (existsSync(configFile)) {
    return {
      ...merge(readJson(configFile, 'many-first.config.json'), 'many-first.config.json'),
      source: 'many-first.config.json',
    };
  }
  const packageFile = join(root, 'package.json');
  if (existsSync(packageFile)) {
    const pkg = readJson(packageFile, 'package.json');
    if (pkg !== null && typeof pkg === 'object' && 'manyFirst' in pkg) {
      return { ...merge(pkg.manyFirst, 'package.json#manyFirst'), source: 'package.json' };
    }
  }
  return { conventions: { ...DEFAULT_CONVENTIONS }, configured: [] };
}
