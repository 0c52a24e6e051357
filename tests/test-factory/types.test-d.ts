// Type tests: `npm run typecheck` (tsc over tests/) checks them; nothing here runs. Each `@ts-expect-error`
// fails the typecheck if the line below it ever compiles.
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { createModelFactory } from 'many-first/model-factory';
import { defineFactory, type ColumnDefaults, type Factory } from 'many-first/test-factory';
import { expectTypeOf } from 'vitest';
import { foods, posts, users } from './schema.js';

declare const db: PgliteDatabase;
const userOps = createModelFactory(db, 'users', users);
const foodOps = createModelFactory(db, 'foods', foods);
const postOps = createModelFactory(db, 'posts', posts);

const userFactory = defineFactory(users, {
  insert: userOps.insert,
  defaults: ({ sequence }) => ({ email: `user${sequence}@example.test`, name: `User ${sequence}` }),
  traits: { admin: { role: 'admin' } },
});
const foodFactory = defineFactory(foods, {
  insert: foodOps.insert,
  defaults: ({ sequence }) => ({ name: `Food ${sequence}`, kind: 'whole' as const }),
  traits: {
    processed: { kind: 'processed' },
    fat: ({ random }) => ({ fatGrams: Math.round(random() * 40) }),
    userSubmitted: { createdById: userFactory },
  },
});
const postFactory = defineFactory(posts, {
  insert: postOps.insert,
  defaults: { title: 'Post', authorId: userFactory },
});

// Rows come back as the table's select type, however the traits are chained.
expectTypeOf(foodFactory.processed().fat().create()).resolves.toEqualTypeOf<typeof foods.$inferSelect>();
expectTypeOf(foodFactory.createMany(3)).resolves.toEqualTypeOf<(typeof foods.$inferSelect)[]>();
expectTypeOf(foodFactory.createMany([{ name: 'a' }, {}])).resolves.toEqualTypeOf<
  (typeof foods.$inferSelect)[]
>();
// build() is an insert row.
expectTypeOf(foodFactory.build()).toEqualTypeOf<typeof foods.$inferInsert>();
expectTypeOf(postFactory.build({ authorId: 1 })).toEqualTypeOf<typeof posts.$inferInsert>();

// @ts-expect-error an unknown trait
void foodFactory.raw();
// @ts-expect-error an unknown trait after a known one
void foodFactory.processed().raw();
// @ts-expect-error an override key that is not a column
void foodFactory.create({ colour: 'red' });
// @ts-expect-error an override key that is not a column, in a list
void foodFactory.createMany([{ name: 'a' }, { colour: 'red' }]);
// @ts-expect-error an override of the wrong type
void foodFactory.create({ fatGrams: 'lots' });
// @ts-expect-error a value outside the column's enum
void foodFactory.build({ kind: 'raw' });

defineFactory(foods, {
  insert: foodOps.insert,
  defaults: { name: 'x', kind: 'whole' },
  // @ts-expect-error a trait value that is not a column
  traits: { heavy: { weight: 3 } },
});
defineFactory(foods, {
  insert: foodOps.insert,
  defaults: { name: 'x', kind: 'whole' },
  // @ts-expect-error a trait named after a factory method
  traits: { create: { kind: 'processed' } },
});
defineFactory(foods, {
  // @ts-expect-error the insert of another table
  insert: userOps.insert,
  defaults: { name: 'x', kind: 'whole' },
});

// A trait that refers to its own factory annotates its return type, which breaks the inference cycle.
export const selfFactory: Factory<typeof foods, 'copy'> = defineFactory(foods, {
  insert: foodOps.insert,
  defaults: { name: 'x', kind: 'whole' },
  traits: { copy: (): ColumnDefaults<typeof foods> => ({ name: selfFactory.build().name }) },
});
