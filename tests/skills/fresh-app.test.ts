/**
 * The skill works as written in an app made from scratch, not only inside fixtures/app. A folder outside the
 * repository with a flat layout (no `src/`, `@/` at the root) gets many-first from its packed tarball, runs
 * `many-first init` and `init --scaffold` as the skill tells the user, and receives every `correct` block
 * at its `file=` path without `src/`, as the skill tells an assistant to place code in such an app. Around
 * the blocks sits what the app's developer wrote before asking: the tables (fixtures/app's schema files),
 * a model per table written like the skill's model example, a session helper and test factories. Then the
 * real `tsc` and ESLint, with the config init wrote, must find nothing.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import picomatch from 'picomatch';
import { discoverLayout } from '../../conventions/layout.js';
import { installPacked } from '../support/built-package.js';
import {
  blockLabel,
  importedModules,
  readSkillDocs,
  repoRoot,
  skillLayout,
  type CodeBlock,
} from './skill-bundle.js';

const fixtureSchemaDir = join(repoRoot, 'fixtures/app/src/lib/db');

/** What the app installs itself; many-first brings its own dependencies. */
const appDependencies = ['drizzle-orm', 'next', 'react', 'react-dom', 'zod', 'pg'];
const appDevDependencies = [
  'typescript',
  'eslint',
  'vitest',
  'drizzle-kit',
  '@types/node',
  '@types/react',
  '@types/react-dom',
  '@types/pg',
];

/** create-next-app's tsconfig for a project without `src/`. */
const tsconfig = {
  compilerOptions: {
    target: 'ES2017',
    lib: ['dom', 'dom.iterable', 'esnext'],
    allowJs: true,
    skipLibCheck: true,
    strict: true,
    noEmit: true,
    esModuleInterop: true,
    module: 'esnext',
    moduleResolution: 'bundler',
    resolveJsonModule: true,
    isolatedModules: true,
    jsx: 'react-jsx',
    incremental: false,
    plugins: [{ name: 'next' }],
    paths: { '@/*': ['./*'] },
  },
  include: ['next-env.d.ts', '**/*.ts', '**/*.tsx', '.next/types/**/*.ts'],
  exclude: ['node_modules'],
};

/** The app's own code that the blocks lean on and no skill block gives: its auth and its test factories. */
const appFiles: Record<string, string> = {
  'lib/session.ts': [
    "import { cookies } from 'next/headers';",
    '',
    '/** The signed-in user, from whatever auth library the app uses. */',
    'export async function currentUserId(): Promise<string | undefined> {',
    "  return (await cookies()).get('user_id')?.value;",
    '}',
    '',
  ].join('\n'),
  'tests/factories/food.factory.ts': [
    "import { defineFactory } from 'many-first/test-factory';",
    "import { foods } from '@/lib/db/schema.foods';",
    "import { insertFoods } from '@/models/foods';",
    '',
    'export const foodFactory = defineFactory(foods, {',
    '  insert: insertFoods,',
    '  defaults: ({ sequence }) => ({',
    '    name: `Food ${sequence}`,',
    "    category: 'produce' as const,",
    '    caloriesPer100g: 100 + sequence,',
    "    fatPer100g: '2.50',",
    '    proteinPer100g: 3.5,',
    '    carbsPer100g: 12,',
    '  }),',
    "  traits: { processed: { processing: 'processed' }, fat: { fatPer100g: '35.00' } },",
    '});',
    '',
  ].join('\n'),
  'tests/factories/tag.factory.ts': [
    "import { defineFactory } from 'many-first/test-factory';",
    "import { tags } from '@/lib/db/schema.tags';",
    "import { insertTags } from '@/models/tags';",
    '',
    'export const tagFactory = defineFactory(tags, {',
    '  insert: insertTags,',
    '  defaults: ({ sequence }) => ({ name: `Tag ${sequence}`, slug: `tag-${sequence}` }),',
    '  traits: { popular: { usageCount: 100 } },',
    '});',
    '',
  ].join('\n'),
};

const docs = readSkillDocs();
const correctBlocks = docs
  .flatMap((doc) => doc.blocks)
  .filter((block) => block.flags.has('correct') && (block.lang === 'ts' || block.lang === 'tsx'));

/** A block's path in an app without `src/`: the skill's paths less that prefix (tests/ stays at the root). */
const flatPath = (block: CodeBlock) => block.attributes.get('file')!.replace(/^src\//, '');

/**
 * Where each block is written. Several blocks show the same file; the last one in reading order takes the
 * real path (so other blocks import it), the others sit beside it under a name of their own.
 */
const placement = new Map<CodeBlock, string>();
correctBlocks.forEach((block, index) => {
  const path = flatPath(block);
  const isLast = correctBlocks.slice(index + 1).every((later) => flatPath(later) !== path);
  placement.set(block, isLast ? path : path.replace(/(\.tsx?)$/, `.skill-block-${index}$1`));
});

/** `@/models/tags` or `./schema.auth` from `lib/db/x.ts` → `models/tags` / `lib/db/schema.auth`. */
function appModule(fromFile: string, specifier: string): string | undefined {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (specifier.startsWith('.')) return posix.join(posix.dirname(fromFile), specifier);
  return undefined;
}

/** The app's modules the blocks import: `models/foods`, `lib/db/schema.tags`, … */
function modulesTheBlocksImport(): Set<string> {
  const modules = new Set<string>();
  for (const block of correctBlocks) {
    for (const specifier of importedModules(block)) {
      const module = appModule(flatPath(block), specifier);
      if (module !== undefined) modules.add(module);
    }
  }
  return modules;
}

/** Copies fixtures/app's `schema.<domain>.ts` into the app, with the schema files it imports in turn. */
function copySchema(app: string, domain: string): void {
  const target = join(app, `lib/db/schema.${domain}.ts`);
  if (existsSync(target)) return;
  const source = readFileSync(join(fixtureSchemaDir, `schema.${domain}.ts`), 'utf8');
  writeFileSync(target, source);
  for (const [, other] of source.matchAll(/from '\.\/schema\.([a-z-]+)'/g)) copySchema(app, other!);
}

/** The schema domain that defines `table` (a camel-case export), and the table's SQL name. */
function findTable(table: string): { domain: string; sqlName: string } {
  for (const file of readdirSync(fixtureSchemaDir)) {
    const match = /^schema\.([a-z-]+)\.ts$/.exec(file);
    if (match === null) continue;
    const source = readFileSync(join(fixtureSchemaDir, file), 'utf8');
    const definition = new RegExp(`export const ${table} = pgTable\\(\\s*'([a-z_]+)'`).exec(source);
    if (definition !== null) return { domain: match[1]!, sqlName: definition[1]! };
  }
  throw new Error(`no schema file of fixtures/app defines the table ${table}`);
}

/**
 * `models/<table>.ts` written the way the skill's model example (`src/models/food-portions.ts`) is: the
 * same code with the names of another table.
 */
function modelFromTheSkill(kebab: string): string {
  const template = correctBlocks.find(
    (block) => block.attributes.get('file') === 'src/models/food-portions.ts',
  );
  if (template === undefined) throw new Error('the skill no longer gives src/models/food-portions.ts');
  const camel = kebab.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
  const plural = camel[0]!.toUpperCase() + camel.slice(1);
  const singular = plural.replace(/ies$/, 'y').replace(/s$/, '');
  const { domain, sqlName } = findTable(camel);
  return template.code
    .replaceAll("'food_portions'", `'${sqlName}'`)
    .replaceAll('schema.foods', `schema.${domain}`)
    .replaceAll('FoodPortions', plural)
    .replaceAll('FoodPortion', singular)
    .replaceAll('foodPortions', camel);
}

function write(app: string, path: string, content: string): void {
  mkdirSync(dirname(join(app, path)), { recursive: true });
  writeFileSync(join(app, path), content);
}

/** Links a package of the repository's node_modules into the app's, as `npm install` would have put it. */
function linkPackage(app: string, name: string): void {
  const target = join(app, 'node_modules', name);
  if (existsSync(target)) return;
  mkdirSync(dirname(target), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules', name), target, 'dir');
}

const versionOf = (name: string) =>
  (
    JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

/** A file only the fixture app could compile, which redirects in an action: proof the checks bite. */
const probe = {
  path: 'actions/fresh-app-probe.ts',
  code: [
    "'use server';",
    '',
    "import { redirect } from 'next/navigation';",
    "import { createModelFactory } from '@/lib/models';",
    "import { isUniqueViolation } from '@/lib/db/errors';",
    '',
    'export async function probe(error: unknown) {',
    '  if (isUniqueViolation(error)) redirect(String(createModelFactory));',
    '}',
    '',
  ].join('\n'),
};

const scratch = mkdtempSync(join(tmpdir(), 'many-first-fresh-app-'));
const app = join(scratch, 'app');
let bin: string;
/** tsc's errors by root-relative file. */
const typeErrors = new Map<string, string[]>();
let eslint: ESLint;
const lintMessages = new Map<string, string[]>();

beforeAll(async () => {
  mkdirSync(app);
  const installed = await installPacked(app);
  bin = join(installed, 'dist/cli/bin.js');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
  };
  const own = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  for (const name of new Set([...appDependencies, ...appDevDependencies, ...own])) linkPackage(app, name);
  const versions = (names: string[]) => Object.fromEntries(names.map((name) => [name, versionOf(name)]));
  write(
    app,
    'package.json',
    `${JSON.stringify(
      {
        name: 'fresh-app',
        private: true,
        type: 'module',
        dependencies: { 'many-first': manifest.version, ...versions(appDependencies) },
        devDependencies: versions(appDevDependencies),
      },
      null,
      2,
    )}\n`,
  );
  write(app, 'tsconfig.json', `${JSON.stringify(tsconfig, null, 2)}\n`);
  copyFileSync(join(repoRoot, 'fixtures/flat-app/next-env.d.ts'), join(app, 'next-env.d.ts'));

  for (const args of [['init'], ['init', '--scaffold']]) {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd: app, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`many-first ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
  }

  // The app's domain, then the blocks (a block wins over anything the app had at its path).
  for (const [path, content] of Object.entries(appFiles)) write(app, path, content);
  const given = new Set(placement.values());
  for (const module of modulesTheBlocksImport()) {
    const schema = /^lib\/db\/schema\.([a-z-]+)$/.exec(module);
    if (schema !== null && !given.has(`${module}.ts`)) copySchema(app, schema[1]!);
    const model = /^models\/([a-z-]+)$/.exec(module);
    if (model !== null && !given.has(`${module}.ts`)) {
      const code = modelFromTheSkill(model[1]!);
      write(app, `${module}.ts`, code);
      for (const [, domain] of code.matchAll(/'@\/lib\/db\/schema\.([a-z-]+)'/g)) copySchema(app, domain!);
    }
  }
  for (const [block, path] of placement) write(app, path, block.code);
  write(app, probe.path, probe.code);
  const factories = readdirSync(join(app, 'tests/factories'))
    .filter((file) => /^[a-z-]+\.factory\.ts$/.test(file))
    .sort();
  write(
    app,
    'tests/factories/index.ts',
    factories.map((file) => `export * from './${file.replace(/\.ts$/, '')}';\n`).join(''),
  );

  const tsc = spawnSync(
    process.execPath,
    [join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--pretty', 'false'],
    { cwd: app, encoding: 'utf8' },
  );
  for (const line of `${tsc.stdout}${tsc.stderr}`.split('\n').filter(Boolean)) {
    const file = /^([^(]+)\(\d+,\d+\): error/.exec(line)?.[1] ?? '(tsc)';
    typeErrors.set(file, [...(typeErrors.get(file) ?? []), line]);
  }

  eslint = new ESLint({ cwd: app });
  for (const result of await eslint.lintFiles([...placement.values(), probe.path])) {
    lintMessages.set(
      relative(app, result.filePath).replaceAll('\\', '/'),
      result.messages.map(
        (message) => `${message.line}:${message.column} ${message.ruleId}: ${message.message}`,
      ),
    );
  }
}, 600_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('a fresh app made with the packed package, init and the skill', () => {
  it('sits outside the repository, has no src/, and got its files from init --scaffold', () => {
    expect(relative(repoRoot, app).startsWith('..')).toBe(true);
    expect(existsSync(join(app, 'src'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/many-first/dist/test-factory/index.d.ts'))).toBe(true);
    expect(existsSync(join(app, 'eslint.config.js'))).toBe(true);
    for (const file of ['lib/db/index.ts', 'lib/db/columns.ts']) {
      expect(existsSync(join(app, file)), file).toBe(true);
    }
  });

  it('is found by the toolkit where the skill puts each layer, without src/', () => {
    const layout = skillLayout(docs.find((doc) => doc.path === 'SKILL.md')!);
    const flat = (glob: string) => glob.replace(/^src\//, '');
    const { found } = discoverLayout(app);
    expect(found.dbModules).toContain('lib/db/index.ts');
    for (const [glob, files] of [
      [layout.schema, found.schemaFiles],
      [layout.models, found.modelModules],
      [layout.actions, found.actionModules.filter((file) => file !== probe.path)],
      [layout.factories, found.testFactories.filter((file) => file.includes('.factory.'))],
    ] as const) {
      expect(files.length, glob).toBeGreaterThan(0);
      expect(files.filter((file) => !picomatch.isMatch(file, flat(glob)))).toEqual([]);
    }
  });

  it('type-checks as a whole: the domain and the scaffolded files too', () => {
    const elsewhere = [...typeErrors].filter(([file]) => file !== probe.path);
    expect(elsewhere.flatMap(([, errors]) => errors)).toEqual([]);
  });

  it('is a real check: an import only the fixture app has fails, and so does a redirect in an action', () => {
    expect(typeErrors.get(probe.path)?.map((line) => /error (TS\d+)/.exec(line)?.[1])).toEqual([
      'TS2307',
      'TS2307',
    ]);
    expect(lintMessages.get(probe.path)?.map((message) => message.split(': ')[0]!.split(' ')[1])).toEqual([
      'many-first/no-redirect-in-server-actions',
    ]);
  });

  it("lints the blocks with many-first's rules on", async () => {
    const actions = [...placement.values()].find((path) => path.startsWith('actions/'))!;
    const config = (await eslint.calculateConfigForFile(join(app, actions))) as Linter.Config;
    expect(Object.keys(config.rules ?? {})).toContain('many-first/no-redirect-in-server-actions');
  });
});

describe.each(correctBlocks.map((block) => [blockLabel(block), block] as const))('%s', (_name, block) => {
  const path = () => placement.get(block)!;

  it('type-checks in the fresh app', () => {
    expect(typeErrors.get(path()) ?? []).toEqual([]);
  });

  it('lints clean with the config init wrote', () => {
    expect(lintMessages.get(path())).toEqual([]);
  });
});
