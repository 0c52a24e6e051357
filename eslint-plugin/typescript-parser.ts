/**
 * typescript-eslint's parser, loaded when ESLint first parses a file, not when the plugin loads. oxlint
 * parses for itself and never needs it, and a project whose own `typescript` is 7.x (a native compiler with
 * no JavaScript API; typescript-eslint 8 needs TypeScript 6 or older) can still load the plugin, run `init`
 * and `inspect`, and gets one line saying what to do instead of a TypeError from deep inside ts-api-utils.
 */
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import type { Linter } from 'eslint';

type TypeScriptParser = typeof import('@typescript-eslint/parser');

const require = createRequire(import.meta.url);

// typescript-eslint's own side-by-side advice, with npm's command for it.
const SIDE_BY_SIDE =
  'npm install --save-dev typescript@npm:@typescript/typescript6@^6.0.2 @typescript/native@npm:typescript@^7.0.2';

/** The project's TypeScript cannot serve typescript-eslint's parser: the message says what to do. */
export class TypeScriptApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TypeScriptApiError';
  }
}

/**
 * The packages of the parser that `require('typescript')` when they load, each resolving it from its own
 * folder: a package manager may hoist one of them beside a project's TypeScript 7 and nest another beside a
 * TypeScript 6, so each is checked where it is.
 */
function typescriptConsumers(): string[] {
  const parser = require.resolve('@typescript-eslint/parser');
  const estree = createRequire(parser).resolve('@typescript-eslint/typescript-estree');
  const apiUtils = createRequire(estree).resolve('ts-api-utils');
  return [parser, estree, apiUtils];
}

/** Where a path is, as a person in the project reads it. */
function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') ? path : fromHere;
}

/** Why typescript-eslint's parser cannot load here, or undefined when it can. */
export function typescriptApiProblem(): string | undefined {
  for (const consumer of typescriptConsumers()) {
    let manifestPath: string;
    try {
      manifestPath = createRequire(consumer).resolve('typescript/package.json');
    } catch {
      return "typescript-eslint's parser needs TypeScript 6.0 (or 4.8 to 5.x), which is not installed: npm install --save-dev typescript@~6.0";
    }
    const { version } = require(manifestPath) as { version: string };
    if (Number(version.split('.')[0]) >= 7) {
      return (
        `typescript-eslint's parser needs TypeScript's JavaScript API, which TypeScript ${version} ` +
        `(${shown(dirname(manifestPath))}) does not have; keep TypeScript 7 as @typescript/native and give ` +
        `\`typescript\` the 6.0 API: ${SIDE_BY_SIDE}`
      );
    }
  }
  return undefined;
}

let loaded: TypeScriptParser | undefined;

/** typescript-eslint's parser; throws TypeScriptApiError, before loading anything, when it cannot work. */
export function loadTypeScriptParser(): TypeScriptParser {
  if (loaded !== undefined) return loaded;
  const problem = typescriptApiProblem();
  if (problem !== undefined) throw new TypeScriptApiError(problem);
  loaded = require('@typescript-eslint/parser') as TypeScriptParser;
  return loaded;
}

const manifest = require('@typescript-eslint/parser/package.json') as { name: string; version: string };

/**
 * What the configs set as `languageOptions.parser`: typescript-eslint's parser behind a door that opens on
 * the first parse. Its meta is the real parser's, so ESLint's cache keys do not change.
 */
export const typescriptParser: Linter.Parser = {
  meta: { name: manifest.name, version: manifest.version },
  parseForESLint: (code: string, options?: Record<string, unknown>) =>
    loadTypeScriptParser().parseForESLint(code, options) as unknown as Linter.ESLintParseResult,
};
