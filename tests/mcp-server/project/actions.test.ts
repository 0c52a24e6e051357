/**
 * analyseActions on inline sources: the exported functions of 'use server' modules and functions whose
 * body starts with 'use server', each with the model ops it calls (through imports, renames, barrels and
 * namespaces), its direct database calls, its redirects and what it revalidates.
 */
import { describe, expect, it } from 'vitest';
import { APP } from './app-sources.js';
import { inMemoryProject, source } from './in-memory.js';

const project = inMemoryProject({
  ...APP,
  'src/actions/more.ts': source(
    "'use server';",
    "import * as dbm from '@/lib/db';",
    "import * as nav from 'next/navigation';",
    "import { notFound } from 'next/navigation';",
    "import { tags } from '@/lib/db/schema';",
    "import { insertTags } from '@/models';",
    '',
    'export default async function (form: FormData) {',
    '  await dbm.db.transaction(async (tx) => {',
    '    await tx.insert(tags).values([]);',
    '    await insertTags([]);',
    '  });',
    "  nav.redirect('/');",
    '}',
    '',
    'export const lookUp = async function find(id: number) {',
    '  if (!id) notFound();',
    '  return { success: true };',
    '};',
  ),
  'src/actions/twice.ts': source(
    "'use server';",
    "import { redirect } from 'next/navigation';",
    "import { insertTags } from '@/models/tags';",
    '',
    'export async function saveTwice(name: string) {',
    "  'use server';",
    '  await insertTags([{ name }]);',
    "  redirect('/tags');",
    '}',
    '',
    'export const renameTwice = async (name: string) => {',
    "  'use server';",
    '  return insertTags([{ name }]);',
    '};',
    '',
    'export async function withInner() {',
    '  const inner = async () => {',
    "    'use server';",
    '    await insertTags([]);',
    '  };',
    '  return inner;',
    '}',
  ),
  'src/actions/late.ts': source(
    "import { insertTags } from '@/models/tags';",
    "'use server';",
    'export async function addTag() {',
    '  return insertTags([]);',
    '}',
  ),
  'src/actions/shadow.ts': source(
    "'use server';",
    "import { db } from '@/lib/db';",
    "import { insertTags } from '@/models/tags';",
    '',
    'export async function replay(events: string[]) {',
    '  const db = { insert: (event: string) => event };',
    '  return events.map((event) => db.insert(event));',
    '}',
    '',
    'export async function tagAll(insertTags: (rows: string[]) => Promise<void>) {',
    "  await insertTags(['a']);",
    '}',
    '',
    'export async function mixed() {',
    '  {',
    '    const insertTags = () => [];',
    '    insertTags();',
    '  }',
    '  await insertTags([]);',
    '  await db.insert({} as never);',
    '}',
  ),
  'src/components/form.tsx': source(
    "import { insertTags } from '@/models/tags';",
    'export function Form() {',
    '  const save = async () => {',
    "    'use server';",
    '    await insertTags([]);',
    '  };',
    '  return save;',
    '}',
  ),
});

const names = (file: string) =>
  project
    .actions()
    .filter((action) => action.file === file)
    .map((action) => action.name);

describe('which functions are server actions', () => {
  it("takes the exports of a 'use server' module, under their export names, and not its helpers", () => {
    expect(names('src/actions/tags.ts')).toEqual(['createTag', 'archiveTag', 'purgeTags', 'countAllNotes']);
    expect(project.actions().some((action) => action.name === 'helper' || action.name === 'purge')).toBe(
      false,
    );
    expect(names('src/actions/more.ts')).toEqual(['default', 'lookUp']);
  });

  it('takes a module directive anywhere, not only in the actions folder', () => {
    expect(project.action('sendDigest')).toMatchObject({
      file: 'src/lib/mail.ts',
      line: 3,
      directive: 'module',
      exported: true,
    });
  });

  it('takes functions whose own body starts with the directive, named after their binding', () => {
    expect(project.action('save')).toEqual({
      name: 'save',
      file: 'src/app/tags/page.tsx',
      line: 6,
      directive: 'inline',
      exported: false,
      modelOpsCalled: ['insertTags'],
      modelFunctionsCalled: [],
      directDbUse: [],
      redirects: [{ callee: 'permanentRedirect', line: 9 }],
      revalidates: [],
    });
    expect(names('src/components/form.tsx')).toEqual(['save']);
    expect(project.actions().find((action) => action.file === 'src/components/form.tsx')).toMatchObject({
      line: 3,
      directive: 'inline',
    });
  });

  it("ignores a 'use server' written after the imports, which Next.js ignores too", () => {
    expect(project.facts('src/actions/late.ts').directives).toEqual([]);
    expect(names('src/actions/late.ts')).toEqual([]);
  });
});

describe('what an action does', () => {
  it('records model ops called and revalidations with their arguments', () => {
    expect(project.action('createTag')).toEqual({
      name: 'createTag',
      file: 'src/actions/tags.ts',
      line: 10,
      directive: 'module',
      exported: true,
      modelOpsCalled: ['insertTags'],
      modelFunctionsCalled: [],
      directDbUse: [],
      redirects: [],
      revalidates: ["'/tags'", '`tag-${tag.id}`'],
    });
  });

  it('records direct database calls and redirects with their lines', () => {
    expect(project.action('archiveTag')).toMatchObject({
      line: 17,
      modelOpsCalled: [],
      directDbUse: [{ method: 'update', line: 18 }],
      redirects: [{ callee: 'redirect', line: 19 }],
    });
    expect(project.action('purgeTags')).toMatchObject({
      line: 22,
      directDbUse: [{ method: 'delete', line: 23 }],
    });
  });

  it("counts calls on a transaction's handle as calls on the client it came from, and no others", () => {
    const local = inMemoryProject({
      ...APP,
      'src/actions/tx.ts': source(
        "'use server';",
        "import { db } from '@/lib/db';",
        "import { tags } from '@/lib/db/schema';",
        '',
        'export async function both() {',
        '  await db.transaction(async (tx) => {',
        '    await tx.transaction(async (inner) => inner.delete(tags));',
        '  });',
        '  const other = { transaction: (work: (tx: { update(): void }) => unknown) => work({ update() {} }) };',
        '  await other.transaction(async (tx) => tx.update());',
        '}',
      ),
    });
    // `transaction` only groups calls (conventions/vocabulary.ts), as no-db-in-server-actions says too.
    expect(local.action('both').directDbUse).toEqual([{ method: 'delete', line: 7 }]);
  });

  it('resolves a renamed database import and a namespace import of the database module', () => {
    expect(project.action('sendDigest').directDbUse).toEqual([{ method: 'query', line: 4 }]);
    expect(project.action('default')).toMatchObject({
      line: 8,
      modelOpsCalled: ['insertTags'],
      directDbUse: [{ method: 'insert', line: 10 }],
      redirects: [{ callee: 'redirect', line: 13 }],
    });
  });

  it('resolves model ops through a barrel namespace and inside a wrapped function', () => {
    expect(project.action('countAllNotes')).toMatchObject({
      line: 31,
      modelOpsCalled: ['countNotes'],
      directDbUse: [],
    });
  });

  it("records a model's own functions apart from its factory ops, by import or through a barrel", () => {
    expect(project.model('src/models/tags.ts').otherExports).toContain('renameTag');
    expect(project.action('renameAndCount')).toMatchObject({
      modelOpsCalled: ['countNotes'],
      modelFunctionsCalled: ['renameTag'],
      directDbUse: [],
    });
  });

  it('counts notFound() as a redirect-like call', () => {
    expect(project.action('lookUp')).toMatchObject({
      line: 16,
      redirects: [{ callee: 'notFound', line: 17 }],
    });
  });
});

describe('locals that shadow an import', () => {
  it('are not the model op or the database client inside their scope, and are again outside it', () => {
    expect(project.action('replay')).toMatchObject({ modelOpsCalled: [], directDbUse: [] });
    expect(project.action('tagAll')).toMatchObject({ modelOpsCalled: [], directDbUse: [] });
    expect(project.action('mixed')).toMatchObject({
      line: 14,
      modelOpsCalled: ['insertTags'],
      directDbUse: [{ method: 'insert', line: 20 }],
    });
    expect(
      project
        .usagesOf('src/models/tags.ts', 'insertTags')
        .filter((usage) => usage.file === 'src/actions/shadow.ts')
        .map((usage) => [usage.line, usage.enclosingFunction]),
    ).toEqual([[19, 'mixed']]);
  });
});

describe("a function whose directive repeats its module's", () => {
  const inFile = () => project.actions().filter((action) => action.file === 'src/actions/twice.ts');

  it('is one action, with every fact in that one entry', () => {
    expect(inFile().map((action) => action.name)).toEqual(['saveTwice', 'renameTwice', 'withInner', 'inner']);
    expect(inFile()[0]).toMatchObject({
      name: 'saveTwice',
      directive: 'module',
      exported: true,
      modelOpsCalled: ['insertTags'],
      redirects: [{ callee: 'redirect', line: 8 }],
    });
    expect(inFile()[1]).toMatchObject({
      name: 'renameTwice',
      directive: 'module',
      modelOpsCalled: ['insertTags'],
    });
  });

  it('keeps an inline action nested in a module action as an action of its own', () => {
    expect(inFile()[2]).toMatchObject({ name: 'withInner', modelOpsCalled: [] });
    expect(inFile()[3]).toMatchObject({ name: 'inner', directive: 'inline', modelOpsCalled: ['insertTags'] });
  });
});
