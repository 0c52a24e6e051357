/**
 * The skill's code is real code. Every `correct` block type-checks against the toolkit and the fixture app
 * (the block becomes a virtual file at its `file=` path inside fixtures/app) and passes the plugin's
 * recommended config for that app's layout; every `wrong` block fails with exactly what its label names: `rule=` one ESLint rule,
 * `tsc=` one TypeScript error code, `unenforced` nothing (a judgement call no tool claims).
 */
import { join } from 'node:path';
import { ESLint, Linter } from 'eslint';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from 'many-first/eslint-plugin';
import {
  blockLabel as label,
  importedModules,
  readSkillDocs,
  repoRoot,
  type CodeBlock,
} from './skill-bundle.js';

const fixtureRoot = join(repoRoot, 'fixtures/app');
// The blocks are files of fixtures/app, so they are linted with the config fitted to its layout.
const recommended = plugin.configsFor(fixtureRoot).recommended as Linter.Config[];

const blocks = readSkillDocs()
  .flatMap((doc) => doc.blocks)
  .filter((block) => block.lang === 'ts' || block.lang === 'tsx');

type Diagnostic = { code: number; text: string };

/**
 * Type-checks blocks as files of the fixture app, all in one Program (one type-check of drizzle and Next.js
 * instead of one per block). Each block sits in the directory its `file=` names, so relative and `@/`
 * imports resolve as they would there, under a name of its own, so blocks never shadow the app's modules
 * or each other.
 */
class VirtualFixtureProject {
  private readonly options: ts.CompilerOptions;
  private readonly baseHost: ts.CompilerHost;
  private readonly sourceFiles = new Map<string, ts.SourceFile>();
  private readonly ambientRoots: string[];

  constructor(root: string) {
    const configPath = join(root, 'tsconfig.json');
    const read = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
    if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, { noEmit: true }, configPath);
    // Every block is a module, even one without imports, so blocks never share a global scope.
    this.options = { ...parsed.options, moduleDetection: ts.ModuleDetectionKind.Force };
    // Ambient declarations the app relies on (next-env.d.ts and the like).
    this.ambientRoots = parsed.fileNames.filter((file) => file.endsWith('.d.ts'));
    this.baseHost = ts.createCompilerHost(this.options, true);
  }

  /** TypeScript's diagnostics for each file (root-relative path → code), in the same order. */
  check(files: ReadonlyArray<{ file: string; code: string }>): Diagnostic[][] {
    const virtual = new Map<string, string>();
    const paths = files.map(({ file, code }, index) => {
      const extension = /\.tsx?$/.exec(file)![0];
      const path = join(fixtureRoot, `${file.slice(0, -extension.length)}.skill-block-${index}${extension}`);
      virtual.set(path, code);
      return path;
    });
    const host: ts.CompilerHost = {
      ...this.baseHost,
      fileExists: (path) => virtual.has(path) || this.baseHost.fileExists(path),
      readFile: (path) => virtual.get(path) ?? this.baseHost.readFile(path),
      getSourceFile: (path, languageVersion, onError) => {
        const code = virtual.get(path);
        if (code !== undefined) return ts.createSourceFile(path, code, languageVersion, true);
        let sourceFile = this.sourceFiles.get(path);
        if (sourceFile === undefined) {
          sourceFile = this.baseHost.getSourceFile(path, languageVersion, onError);
          if (sourceFile !== undefined) this.sourceFiles.set(path, sourceFile);
        }
        return sourceFile;
      },
    };
    const program = ts.createProgram({
      rootNames: [...paths, ...this.ambientRoots],
      options: this.options,
      host,
    });
    return paths.map((path) => {
      const sourceFile = program.getSourceFile(path)!;
      return [
        ...program.getSyntacticDiagnostics(sourceFile),
        ...program.getSemanticDiagnostics(sourceFile),
      ].map((diagnostic) => {
        const line =
          diagnostic.start === undefined
            ? 0
            : sourceFile.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
        const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
        return { code: diagnostic.code, text: `TS${diagnostic.code} (line ${line}): ${message}` };
      });
    });
  }
}

const project = new VirtualFixtureProject(fixtureRoot);
const diagnostics = new Map<CodeBlock, Diagnostic[]>();
const linter = new Linter({ cwd: fixtureRoot });
const eslint = new ESLint({ cwd: fixtureRoot, overrideConfigFile: true, overrideConfig: recommended });

beforeAll(() => {
  const results = project.check(
    blocks.map((block) => ({ file: block.attributes.get('file')!, code: block.code })),
  );
  blocks.forEach((block, index) => diagnostics.set(block, results[index]!));
}, 300_000);

/**
 * A `wrong` block of a rule `recommended` leaves off (require-action-auth) is linted as a project that opts
 * in: `recommended` plus that rule, on the same files, at the options `strict` fits to the app.
 */
function configFor(block: CodeBlock): Linter.Config[] {
  const rule = block.attributes.get('rule');
  if (rule === undefined || recommended.some((config) => rule in (config.rules ?? {}))) return recommended;
  const strictSource = plugin
    .configsFor(fixtureRoot)
    .strict.find((config) => config.name?.endsWith('/source'));
  const entry = strictSource?.rules?.[rule];
  if (strictSource === undefined || entry === undefined) return recommended;
  return [...recommended, { ...strictSource, name: `opt-in/${rule}`, rules: { [rule]: entry } }];
}

function lint(block: CodeBlock): Linter.LintMessage[] {
  return linter.verify(block.code, configFor(block), {
    filename: join(fixtureRoot, block.attributes.get('file')!),
  });
}

describe('the skill has code to check', () => {
  it('finds correct and wrong blocks for every rule of the plugin', () => {
    expect(blocks.filter((block) => block.flags.has('correct')).length).toBeGreaterThanOrEqual(15);
    const named = new Set(blocks.map((block) => block.attributes.get('rule')).filter(Boolean));
    expect([...named].sort()).toEqual(Object.keys(plugin.rules).map((name) => `many-first/${name}`));
  });
});

describe.each(
  blocks.filter((block) => block.flags.has('correct')).map((block) => [label(block), block] as const),
)('%s', (_name, block) => {
  it('type-checks against the toolkit and the fixture app', () => {
    expect(diagnostics.get(block)!.map((diagnostic) => diagnostic.text)).toEqual([]);
  });

  it('lints clean with the recommended config', async () => {
    expect(lint(block).map((message) => `${message.ruleId}: ${message.message}`)).toEqual([]);
    const file = block.attributes.get('file')!;
    if (file.startsWith('src/')) {
      // A clean result only counts if the rules were on for this path.
      const config = (await eslint.calculateConfigForFile(join(fixtureRoot, file))) as Linter.Config;
      const active = Object.keys(config.rules ?? {}).filter((rule) => rule.startsWith('many-first/'));
      expect(active.length, `many-first rules on ${file}`).toBeGreaterThan(0);
    }
  });
});

describe.each(
  blocks.filter((block) => block.flags.has('wrong')).map((block) => [label(block), block] as const),
)('%s', (_name, block) => {
  const rule = block.attributes.get('rule');
  const tsc = block.attributes.get('tsc');

  it(rule ? `is reported by ${rule} and no other rule` : 'is reported by no rule', () => {
    const messages = lint(block);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    const rules = [...new Set(messages.map((message) => message.ruleId))];
    expect(rules).toEqual(rule ? [rule] : []);
  });

  it(tsc ? `fails to type-check with TS${tsc} only` : 'type-checks, so only the rule objects to it', () => {
    const found = diagnostics.get(block)!;
    if (tsc) {
      expect(found.length, 'at least one error').toBeGreaterThan(0);
      expect([...new Set(found.map((diagnostic) => diagnostic.code))]).toEqual([Number(tsc)]);
    } else {
      expect(found.map((diagnostic) => diagnostic.text)).toEqual([]);
    }
  });
});

describe('the virtual project is a real check', () => {
  it('reports type errors, resolves the toolkit and the app, and keeps blocks apart', () => {
    const [broken, model, sameNames] = project.check([
      {
        file: 'src/actions/probe.ts',
        code: "import { insertTags } from '@/models/tags';\ninsertTags({});\n",
      },
      {
        file: 'src/models/probe.ts',
        code: [
          "import { createModelFactory } from 'many-first/model-factory';",
          "import { db } from '@/lib/db';",
          "import { tags } from '@/lib/db/schema.tags';",
          "export const { insert } = createModelFactory(db, 'tags', tags);",
          'const local = 1;',
          '',
        ].join('\n'),
      },
      {
        file: 'src/models/probe.ts',
        code: "import { db } from '@/lib/db';\nconst local = db;\nexport { local };\n",
      },
    ]);
    expect(broken!.map((diagnostic) => diagnostic.code)).toContain(2345);
    expect(model).toEqual([]);
    expect(sameNames).toEqual([]);
  });
});

/**
 * Every import of a `correct` block resolves in an app made from scratch, not only in fixtures/app: a
 * package such an app installs, an entry point of many-first, a file the skill gives in full (the `file=`
 * of a correct block), or a file of the layer the block's task creates (a schema, model or actions module).
 */
describe('imports a fresh app can resolve', () => {
  const correct = blocks.filter((block) => block.flags.has('correct'));
  const packageJson = JSON.parse(ts.sys.readFile(join(repoRoot, 'package.json'))!) as {
    exports: Record<string, unknown>;
  };
  const entryPoints = new Set(Object.keys(packageJson.exports).map((key) => `many-first/${key.slice(2)}`));
  // What a Next.js + Drizzle app with tests has (create-next-app, drizzle-orm, zod, vitest), and drizzle-kit.
  const freshAppPackages = /^(next|react|drizzle-orm|zod|vitest|drizzle-kit)(\/|$)/;
  /** `src/models/tags.ts` → `@/models/tags`; `src/lib/db/index.ts` → `@/lib/db`. */
  const aliasOf = (file: string) =>
    `@/${file
      .replace(/^src\//, '')
      .replace(/\.tsx?$/, '')
      .replace(/\/index$/, '')}`;
  const givenInFull = new Set(correct.map((block) => aliasOf(block.attributes.get('file')!)));
  const layerModule = /^@\/(lib\/db\/schema\.[a-z-]+|models\/[a-z-]+|actions\/[a-z-]+)$/;
  // The app's own session helper: every app brings its own auth, and the skill says so where it imports it.
  const appAuthModule = '@/lib/session';

  function unresolved(block: CodeBlock): string[] {
    const file = block.attributes.get('file')!;
    return importedModules(block).filter((specifier) => {
      if (specifier.startsWith('many-first/')) return !entryPoints.has(specifier);
      if (freshAppPackages.test(specifier)) return false;
      const alias = specifier.startsWith('.')
        ? aliasOf(join(file, '..', specifier).replaceAll('\\', '/'))
        : specifier;
      // Tests import the factories folder the skill tells them to create, and factories each other.
      if (/^@\/tests\/factories(\/[a-z-]+\.factory)?$/.test(alias)) return false;
      return !(givenInFull.has(alias) || layerModule.test(alias) || alias === appAuthModule);
    });
  }

  it.each(correct.map((block) => [label(block), block] as const))('%s', (_name, block) => {
    expect(unresolved(block)).toEqual([]);
  });

  it('catches an import only the fixture app has', () => {
    const local: CodeBlock = {
      ...correct[0]!,
      code: "import { createModelFactory } from '@/lib/models';\nimport { isUniqueViolation } from '@/lib/db/errors';\n",
    };
    expect(unresolved(local)).toEqual(['@/lib/models', '@/lib/db/errors']);
  });
});
