import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPathGuard, isWithin, PathGuardError } from '../../../mcp-server/path-guard.js';

let base: string;
let root: string;
let outside: string;

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'many-first-guard-')));
  root = join(base, 'project');
  outside = join(base, 'outside');
  mkdirSync(join(root, 'src', 'models'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'src', 'models', 'tags.ts'), 'export {};\n');
  writeFileSync(join(outside, 'secret.ts'), 'export const secret = 1;\n');
  symlinkSync(join(outside, 'secret.ts'), join(root, 'src', 'models', 'evil.ts'));
  symlinkSync(outside, join(root, 'src', 'linked-dir'));
  symlinkSync(join(root, 'src', 'models', 'tags.ts'), join(root, 'src', 'alias.ts'));
  // A sibling whose name starts with the root's name must not count as inside.
  mkdirSync(`${root}-sibling`);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('isWithin', () => {
  it('accepts the parent itself and its descendants', () => {
    expect(isWithin('/a/b', '/a/b')).toBe(true);
    expect(isWithin('/a/b', '/a/b/c/d.ts')).toBe(true);
  });

  it('refuses siblings that share a prefix and parents', () => {
    expect(isWithin('/a/b', '/a/bc')).toBe(false);
    expect(isWithin('/a/b', '/a')).toBe(false);
  });
});

describe('createPathGuard', () => {
  it('resolves a relative path inside the root to its real path and a root-relative form', () => {
    const guard = createPathGuard(root);
    const resolved = guard.resolve('src/models/tags.ts');
    expect(resolved).toEqual({
      absolute: join(root, 'src', 'models', 'tags.ts'),
      relative: 'src/models/tags.ts',
      exists: true,
    });
  });

  it('accepts an absolute path inside the root and normalises dot segments', () => {
    const guard = createPathGuard(root);
    expect(guard.resolve(join(root, 'src', 'models', '..', 'models', 'tags.ts')).relative).toBe(
      'src/models/tags.ts',
    );
    expect(guard.resolve('.').relative).toBe('.');
  });

  it('refuses ../ escapes with a message naming the path', () => {
    const guard = createPathGuard(root);
    expect(() => guard.resolve('../outside/secret.ts')).toThrow(
      "path '../outside/secret.ts' is outside the project root",
    );
    expect(() => guard.resolve('src/../../outside/secret.ts')).toThrow(PathGuardError);
  });

  it('refuses absolute paths outside the root, including a sibling sharing its prefix', () => {
    const guard = createPathGuard(root);
    expect(() => guard.resolve('/etc/passwd')).toThrow("'/etc/passwd' is outside the project root");
    expect(() => guard.resolve(`${root}-sibling`)).toThrow(PathGuardError);
  });

  it('refuses a symlink inside the root that points outside, for files and directories', () => {
    const guard = createPathGuard(root);
    expect(() => guard.resolve('src/models/evil.ts')).toThrow('resolves through a symbolic link');
    expect(() => guard.resolve('src/linked-dir/secret.ts')).toThrow('resolves through a symbolic link');
    // A file that does not exist yet below a linked directory would be written outside too.
    expect(() => guard.resolve('src/linked-dir/new.ts')).toThrow('resolves through a symbolic link');
  });

  it('follows a symlink that stays inside the root and reports its target', () => {
    const guard = createPathGuard(root);
    expect(guard.resolve('src/alias.ts').relative).toBe('src/models/tags.ts');
  });

  it('refuses NUL bytes and empty paths', () => {
    const guard = createPathGuard(root);
    expect(() => guard.resolve('src/models/tags.ts\0.png')).toThrow('contains a NUL byte');
    expect(() => guard.resolve('  ')).toThrow('is empty');
  });

  it('accepts a missing path unless it must exist, and labels the error', () => {
    const guard = createPathGuard(root);
    expect(guard.resolve('src/actions/new.ts')).toMatchObject({
      relative: 'src/actions/new.ts',
      exists: false,
    });
    expect(() => guard.resolve('src/actions/new.ts', { mustExist: true, label: 'file' })).toThrow(
      "file 'src/actions/new.ts' does not exist in the project",
    );
  });

  it('treats a path through a regular file as missing rather than failing', () => {
    const guard = createPathGuard(root);
    expect(guard.resolve('src/models/tags.ts/x.ts').exists).toBe(false);
  });

  it('refuses a root that is missing or not a directory', () => {
    expect(() => createPathGuard(join(base, 'nope'))).toThrow("the project root '");
    expect(() => createPathGuard(join(root, 'src', 'models', 'tags.ts'))).toThrow('is not a directory');
  });

  it('returns paths relative to the real root when the root is reached through a symlink', () => {
    const link = join(base, 'root-link');
    symlinkSync(root, link);
    const guard = createPathGuard(link);
    expect(guard.root).toBe(root);
    expect(guard.resolve(join(link, 'src', 'models', 'tags.ts')).relative).toBe('src/models/tags.ts');
    expect(guard.toRelative(join(root, 'src', 'x.ts'))).toBe('src/x.ts');
  });
});
