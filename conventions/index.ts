/**
 * The conventions many-first understands: where a project keeps its schema, models, actions and test
 * factories. Defaults follow the seed project; a project overrides them in one place, read alike by the
 * CLI, the MCP server and the ESLint configs: a `manyFirst` key in package.json or `many-first.config.json`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const globList = z.array(z.string().min(1)).min(1);

export const conventionsSchema = z
  .object({
    schema: globList
      .optional()
      .describe(
        'Globs of the Drizzle schema files. When absent, the `schema` field of drizzle.config.ts is used, else the defaults.',
      ),
    models: globList.describe('Globs of the model modules that export many-first ops.'),
    modelFactory: globList.describe('Globs of the module that defines or re-exports createModelFactory.'),
    actions: globList.describe('Globs of the server-action modules.'),
    testFactories: globList.describe('Globs of the test factories.'),
    dbModules: z
      .array(z.string().min(1))
      .describe('Module specifiers (or root-relative globs) that export the database client.'),
    drizzleConfig: z.string().min(1).describe('Path of the drizzle-kit config, relative to the root.'),
  })
  .strict();

export type Conventions = z.infer<typeof conventionsSchema>;

/** Where drizzle schemas live when neither the config nor drizzle.config.ts says. */
export const DEFAULT_SCHEMA_GLOBS = ['src/lib/db/schema*.ts', 'src/db/schema/**/*.ts'] as const;

export const DEFAULT_CONVENTIONS: Readonly<Conventions> = Object.freeze({
  models: ['src/models/**/*.{ts,tsx}'],
  modelFactory: ['src/lib/models/**/*.ts'],
  actions: ['src/actions/**/*.{ts,tsx}'],
  testFactories: ['tests/factories/*.factory.ts'],
  dbModules: ['@/lib/db', 'src/lib/db/index.ts', 'src/db/index.ts'],
  drizzleConfig: 'drizzle.config.ts',
});

/** Files that are tests, never linted as application code. */
export const TEST_GLOBS = ['tests/**', '**/*.test.*', '**/*.spec.*', '**/__tests__/**'] as const;

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
}

function readJson(path: string, label: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConventionsError(`${label} is not valid JSON: ${(error as Error).message}`, label);
  }
}

function merge(overrides: unknown, label: string): Conventions {
  const parsed = conventionsSchema.partial().safeParse(overrides);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `'${issue.path.join('.')}'` : 'the value';
    throw new ConventionsError(`${label}: ${where} ${issue.message}`, label);
  }
  const result: Conventions = { ...DEFAULT_CONVENTIONS };
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value !== undefined) Object.assign(result, { [key]: value });
  }
  return result;
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
      conventions: merge(readJson(configFile, 'many-first.config.json'), 'many-first.config.json'),
      source: 'many-first.config.json',
    };
  }
  const packageFile = join(root, 'package.json');
  if (existsSync(packageFile)) {
    const pkg = readJson(packageFile, 'package.json');
    if (pkg !== null && typeof pkg === 'object' && 'manyFirst' in pkg) {
      return { conventions: merge(pkg.manyFirst, 'package.json#manyFirst'), source: 'package.json' };
    }
  }
  return { conventions: { ...DEFAULT_CONVENTIONS } };
}
