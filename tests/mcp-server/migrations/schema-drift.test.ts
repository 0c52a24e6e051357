/**
 * Schema drift against drizzle-kit itself: a snapshot drizzle-kit generates from one schema, compared with
 * the static reading of a variant of it. Each variant changes one thing; drizzle-kit's own diff of the two
 * (generateMigration) must be non-empty exactly when the static comparison lists a change, and the change
 * listed must be the one made.
 */
import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSchemaWithSnapshot } from '../../../mcp-server/migrations/index.js';
import { readSchema } from '../../../mcp-server/project/project-index.js';
import { REPO_ROOT } from '../server/projects.js';

const BASE = `import { index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';

export const mood = pgEnum('mood', ['happy', 'sad']);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    email: varchar('email', { length: 200 }).notNull().unique(),
    mood: mood('mood').default('happy'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('users_mood_idx').on(t.mood)],
);

export const groups = pgTable('groups', { id: serial('id').primaryKey(), name: text('name').notNull() });

export const memberships = pgTable(
  'memberships',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.groupId] })],
);
`;

/** One edit of BASE and the changes it must produce, as `kind table.column`. */
const VARIANTS: { name: string; from: string; to: string; changes: string[] }[] = [
  { name: 'nothing changed', from: '', to: '', changes: [] },
  {
    name: 'a longer varchar',
    from: '{ length: 200 }',
    to: '{ length: 255 }',
    changes: ['column-changed users.email'],
  },
  {
    name: 'a column made nullable',
    from: "varchar('email', { length: 200 }).notNull()",
    to: "varchar('email', { length: 200 })",
    changes: ['column-changed users.email'],
  },
  {
    name: 'a unique constraint removed',
    from: '.notNull().unique()',
    to: '.notNull()',
    changes: ['column-changed users.email'],
  },
  {
    name: 'a default removed',
    from: "mood('mood').default('happy')",
    to: "mood('mood')",
    changes: ['column-changed users.mood'],
  },
  {
    name: 'a column added',
    from: "name: text('name')",
    to: "bio: text('bio'), name: text('name')",
    changes: ['column-added groups.bio'],
  },
  {
    name: 'an enum value added',
    from: "['happy', 'sad']",
    to: "['happy', 'sad', 'calm']",
    changes: ['enum-changed'],
  },
  {
    name: 'an enum and a column of it added',
    from: "export const groups = pgTable('groups', { id: serial('id').primaryKey(),",
    to: "export const level = pgEnum('level', ['low', 'high']);\n\nexport const groups = pgTable('groups', { id: serial('id').primaryKey(), level: level('level'),",
    changes: ['column-added groups.level', 'enum-added'],
  },
  {
    name: 'an index renamed',
    from: "index('users_mood_idx')",
    to: "index('users_mood_index')",
    changes: ['index-added users', 'index-dropped users'],
  },
  {
    name: 'a foreign key removed',
    from: `
      .notNull()
      .references(() => groups.id),`,
    to: `
      .notNull(),`,
    changes: ['foreign-key-dropped memberships'],
  },
  {
    name: 'a composite primary key removed',
    from: '(t) => [primaryKey({ columns: [t.userId, t.groupId] })],',
    to: '',
    changes: ['column-changed memberships'],
  },
  {
    name: 'a table added',
    from: "export const groups = pgTable('groups'",
    to: "export const tags = pgTable('tags', { id: serial('id').primaryKey() });\n\nexport const groups = pgTable('groups'",
    changes: ['table-added tags'],
  },
];

let base: string;
const created: string[] = [];

/** A temporary project holding one schema file; node_modules links to the repository's for drizzle-orm. */
function project(source: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'many-first-drift-')));
  created.push(dir);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'drizzle.config.ts'),
    "export default { dialect: 'postgresql', schema: './schema.ts', out: './drizzle' };\n",
  );
  writeFileSync(join(dir, 'schema.ts'), source);
  return dir;
}

async function kitSnapshot(dir: string) {
  const modules = (await import(pathToFileURL(join(dir, 'schema.ts')).href)) as Record<string, unknown>;
  return generateDrizzleJson(modules);
}

let baseSnapshot: Awaited<ReturnType<typeof kitSnapshot>>;

beforeAll(async () => {
  base = project(BASE);
  baseSnapshot = await kitSnapshot(base);
});

afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

describe('compareSchemaWithSnapshot against drizzle-kit', () => {
  for (const variant of VARIANTS) {
    it(`${variant.name}: ${variant.changes.join(', ') || 'in sync'}`, async () => {
      expect(BASE.includes(variant.from), 'the edit applies to BASE').toBe(true);
      const dir = variant.from === '' ? base : project(BASE.replace(variant.from, variant.to));
      const schema = readSchema(dir);
      expect(schema.diagnostics).toEqual([]);
      const changes = compareSchemaWithSnapshot(schema.dialect, schema.tables, baseSnapshot);
      expect(
        changes.map((change) =>
          [change.kind, [change.table, change.column].filter(Boolean).join('.')].filter(Boolean).join(' '),
        ),
      ).toEqual(variant.changes);
      const kit = await generateMigration(baseSnapshot, await kitSnapshot(dir));
      expect(kit.length > 0, `drizzle-kit's diff: ${kit.join(' ')}`).toBe(variant.changes.length > 0);
    });
  }
});
