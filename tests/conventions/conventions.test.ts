import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConventionsError, DEFAULT_CONVENTIONS, loadConventions } from '../../conventions/index.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'many-first-conventions-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('loadConventions', () => {
  it('returns the defaults and no source when the project says nothing', () => {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app' }));
    expect(loadConventions(root)).toEqual({ conventions: { ...DEFAULT_CONVENTIONS }, configured: [] });
  });

  it('returns the defaults for a folder without package.json', () => {
    // No folder is an actions folder by default: actions are found by their directive.
    expect(loadConventions(root).conventions.actions).toEqual([]);
  });

  it('merges a manyFirst key in package.json over the defaults', () => {
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ manyFirst: { actions: ['app/actions/*.ts'] } }),
    );
    const { conventions, source } = loadConventions(root);
    expect(source).toBe('package.json');
    expect(conventions.actions).toEqual(['app/actions/*.ts']);
    expect(conventions.models).toEqual(DEFAULT_CONVENTIONS.models);
  });

  it('prefers many-first.config.json over package.json', () => {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ manyFirst: { models: ['a/**'] } }));
    writeFileSync(
      join(root, 'many-first.config.json'),
      JSON.stringify({ models: ['b/**'], schema: ['db/*.ts'] }),
    );
    const { conventions, source } = loadConventions(root);
    expect(source).toBe('many-first.config.json');
    expect(conventions.models).toEqual(['b/**']);
    expect(conventions.schema).toEqual(['db/*.ts']);
  });

  it('names the file and the key for an unknown key, instead of ignoring a typo', () => {
    writeFileSync(join(root, 'many-first.config.json'), JSON.stringify({ model: ['src/models/**'] }));
    expect(() => loadConventions(root)).toThrowError(ConventionsError);
    expect(() => loadConventions(root)).toThrowError(/many-first\.config\.json: .*model/);
  });

  it('reports a wrongly typed value with its path', () => {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ manyFirst: { actions: 'src/actions' } }));
    expect(() => loadConventions(root)).toThrowError(/package\.json#manyFirst: 'actions'/);
  });

  it('reports malformed JSON with the file name', () => {
    writeFileSync(join(root, 'many-first.config.json'), '{ "models": [');
    let error: unknown;
    try {
      loadConventions(root);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConventionsError);
    expect((error as ConventionsError).file).toBe('many-first.config.json');
    expect((error as Error).message).toMatch(/not valid JSON/);
  });

  it('rejects an empty glob list, which would silently match nothing', () => {
    writeFileSync(join(root, 'many-first.config.json'), JSON.stringify({ models: [] }));
    expect(() => loadConventions(root)).toThrowError(/'models'/);
  });
});
