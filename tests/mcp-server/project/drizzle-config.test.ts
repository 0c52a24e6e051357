/**
 * drizzle.config.ts read statically (parseDrizzleConfig on inline text, readDrizzleConfig on a folder):
 * schema paths become root-relative globs as drizzle-kit resolves them (from the folder it runs in, the
 * project root; a folder means the files directly in it), dialect and casing are read, and anything
 * that is not a literal is a diagnostic instead of a guess.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  parseDrizzleConfig,
  readDrizzleConfig,
  schemaPathToGlob,
} from '../../../mcp-server/project/drizzle-config.js';
import type { Diagnostic } from '../../../mcp-server/project/model.js';
import { source } from './in-memory.js';

function parse(text: string, file = 'drizzle.config.ts') {
  const diagnostics: Diagnostic[] = [];
  const config = parseDrizzleConfig(file, text, diagnostics);
  return { config, diagnostics };
}

describe('parseDrizzleConfig', () => {
  it('reads schema, dialect, casing and out from export default defineConfig({...})', () => {
    const { config, diagnostics } = parse(
      source(
        "import { defineConfig } from 'drizzle-kit';",
        '',
        'export default defineConfig({',
        "  dialect: 'postgresql',",
        "  schema: './src/lib/db/schema.*.ts',",
        "  out: './drizzle',",
        "  casing: 'snake_case',",
        '  dbCredentials: { url: process.env.DATABASE_URL! },',
        '});',
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(config).toEqual({
      file: 'drizzle.config.ts',
      schema: ['src/lib/db/schema.*.ts'],
      dialect: 'pg',
      dialectName: 'postgresql',
      casing: 'snake_case',
      out: 'drizzle',
    });
  });

  it('reads an array of files, and a folder as the files directly inside it', () => {
    const { config } = parse(
      source(
        'export default {',
        "  dialect: 'sqlite',",
        "  schema: ['./src/db/users.ts', 'src/db/tables/', './src/db/**/*.schema.ts'],",
        '};',
      ),
    );
    expect(config.schema).toEqual([
      'src/db/users.ts',
      'src/db/tables/*.{ts,mts,cts,js,mjs,cjs}',
      'src/db/**/*.schema.ts',
    ]);
    expect(config.dialect).toBe('sqlite');
  });

  it('maps each drizzle-kit dialect to the inspection dialect', () => {
    const dialectOf = (name: string) => parse(`export default { dialect: '${name}' };\n`).config.dialect;
    expect(dialectOf('postgresql')).toBe('pg');
    expect(dialectOf('sqlite')).toBe('sqlite');
    expect(dialectOf('turso')).toBe('sqlite');
    expect(dialectOf('mysql')).toBe('mysql');
    expect(dialectOf('singlestore')).toBe('mysql');
  });

  it('follows a config held in a const, `satisfies`, and module.exports', () => {
    const viaConst = parse(
      source(
        "import type { Config } from 'drizzle-kit';",
        '',
        'const config = {',
        "  dialect: 'mysql',",
        "  schema: './db/schema.ts',",
        "  casing: 'camelCase',",
        '} satisfies Config;',
        '',
        'export default config;',
      ),
    );
    expect(viaConst.config).toMatchObject({
      dialect: 'mysql',
      schema: ['db/schema.ts'],
      casing: 'camelCase',
    });
    const viaCommonJs = parse(
      "module.exports = defineConfig({ dialect: 'postgresql', schema: 'schema.ts' });\n",
      'drizzle.config.cjs',
    );
    expect(viaCommonJs.config).toMatchObject({ dialect: 'pg', schema: ['schema.ts'] });
    expect(viaCommonJs.diagnostics).toEqual([]);
  });

  it('resolves schema paths from the project root, as drizzle-kit does, even for a config in a subfolder', () => {
    // drizzle-kit globs the paths from the folder it runs in (the project root), not the config's folder.
    const { config, diagnostics } = parse(
      source(
        'export default {',
        "  dialect: 'postgresql',",
        "  schema: './src/db/schema.ts',",
        "  out: './drizzle',",
        '};',
      ),
      'config/drizzle.config.ts',
    );
    expect(diagnostics).toEqual([]);
    expect(config.schema).toEqual(['src/db/schema.ts']);
    expect(config.out).toBe('drizzle');
  });

  it('reports values that are not literals with their line, and keeps the rest', () => {
    const { config, diagnostics } = parse(
      source(
        'export default defineConfig({',
        "  dialect: 'postgresql',",
        '  schema: process.env.SCHEMA_PATH,',
        '  casing: CASING,',
        '});',
      ),
    );
    expect(config).toEqual({ file: 'drizzle.config.ts', dialect: 'pg', dialectName: 'postgresql' });
    expect(diagnostics).toEqual([
      {
        file: 'drizzle.config.ts',
        line: 3,
        message: "'schema' is not a string literal; it cannot be read without running the config",
      },
      {
        file: 'drizzle.config.ts',
        line: 4,
        message: "'casing' is not a string literal; it cannot be read without running the config",
      },
    ]);
  });

  it('ignores schema paths outside the root and names dialects it does not read', () => {
    const { config, diagnostics } = parse(
      source(
        'export default {',
        "  dialect: 'gel',",
        "  schema: ['../shared/schema.ts', './src/schema.ts'],",
        '};',
      ),
    );
    expect(config.schema).toEqual(['src/schema.ts']);
    expect(config.dialect).toBeUndefined();
    expect(config.dialectName).toBe('gel');
    expect(diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.message])).toEqual([
      [2, "dialect 'gel' is not one many-first reads (postgresql, sqlite, turso, mysql)"],
      [3, "schema path '../shared/schema.ts' is outside the project root; ignored"],
    ]);
  });

  it('reports a config that does not parse, or has no static object, and returns only the file', () => {
    const broken = parse(
      source('export default defineConfig({', "  schema: './a.ts',", '  dialect: ', '});'),
    );
    expect(broken.config).toEqual({ file: 'drizzle.config.ts' });
    expect(broken.diagnostics).toHaveLength(1);
    expect(broken.diagnostics[0]).toMatchObject({ file: 'drizzle.config.ts', line: 4 });
    expect(broken.diagnostics[0]!.message).toMatch(/^cannot parse the drizzle config: /);

    const computed = parse('export default makeConfig();\n');
    expect(computed.config).toEqual({ file: 'drizzle.config.ts' });
    expect(computed.diagnostics).toEqual([
      {
        file: 'drizzle.config.ts',
        line: 1,
        message: 'no static config object found (expected `export default defineConfig({ … })`)',
      },
    ]);
  });
});

describe('schemaPathToGlob', () => {
  it('keeps files and globs, turns folders into their direct files, and refuses escapes', () => {
    expect(schemaPathToGlob('./src/schema.ts')).toBe('src/schema.ts');
    expect(schemaPathToGlob('src/db/*.ts')).toBe('src/db/*.ts');
    expect(schemaPathToGlob('./src/db/schema')).toBe('src/db/schema/*.{ts,mts,cts,js,mjs,cjs}');
    expect(schemaPathToGlob('.')).toBe('*.{ts,mts,cts,js,mjs,cjs}');
    expect(schemaPathToGlob('../elsewhere/schema.ts')).toBeUndefined();
    expect(schemaPathToGlob('/abs/schema.ts')).toBeUndefined();
  });
});

describe('readDrizzleConfig', () => {
  const roots: string[] = [];
  const project = (files: Record<string, string>) => {
    const root = mkdtempSync(join(tmpdir(), 'many-first-drizzle-config-'));
    roots.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('reads the configured path, falls back to the usual names, and is undefined without a config', () => {
    const diagnostics: Diagnostic[] = [];
    const explicit = project({
      'config/drizzle.config.ts': "export default { dialect: 'sqlite', schema: './db/schema.ts' };\n",
      'drizzle.config.ts': "export default { dialect: 'postgresql' };\n",
    });
    expect(readDrizzleConfig(explicit, 'config/drizzle.config.ts', diagnostics)).toMatchObject({
      file: 'config/drizzle.config.ts',
      dialect: 'sqlite',
      schema: ['db/schema.ts'],
    });

    const fallback = project({ 'drizzle.config.mjs': "export default { dialect: 'mysql' };\n" });
    expect(readDrizzleConfig(fallback, 'missing.config.ts', diagnostics)).toMatchObject({
      file: 'drizzle.config.mjs',
      dialect: 'mysql',
    });

    expect(readDrizzleConfig(project({ 'package.json': '{}' }), undefined, diagnostics)).toBeUndefined();
    expect(diagnostics).toEqual([]);
  });
});
