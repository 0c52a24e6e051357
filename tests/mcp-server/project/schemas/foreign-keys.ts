/**
 * Foreign keys declared every way drizzle allows, for the test that compares each column's `references`
 * with drizzle's runtime (foreign-key-references.test.ts imports this module and also reads it as text).
 */
import { foreignKey, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import {
  foreignKey as sqliteForeignKey,
  integer as sqliteInteger,
  sqliteTable,
} from 'drizzle-orm/sqlite-core';

export const chats = pgTable('chats', {
  id: integer('id').primaryKey(),
  title: text('title'),
});

export const users = pgTable(
  'users',
  {
    orgId: integer('org_id').notNull(),
    id: integer('id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

// Object-returning third argument, with actions.
export const messages = pgTable(
  'messages',
  {
    id: integer('id').primaryKey(),
    chatId: integer('chat_id').notNull(),
    replyTo: integer('reply_to'),
  },
  (t) => ({
    chatReference: foreignKey({ columns: [t.chatId], foreignColumns: [chats.id] })
      .onDelete('cascade')
      .onUpdate('restrict'),
  }),
);

// Array-returning third argument, a self-reference, a composite key and a column that has both forms.
export const votes = pgTable(
  'votes',
  {
    id: integer('id').primaryKey(),
    messageId: integer('message_id').references(() => messages.id, { onDelete: 'set null' }),
    chatId: integer('chat_id'),
    parentId: integer('parent_id'),
    orgId: integer('org_id'),
    userId: integer('user_id'),
  },
  (t) => [
    foreignKey({ columns: [t.chatId], foreignColumns: [chats.id], name: 'votes_chat_fk' }),
    foreignKey({ columns: [t.messageId], foreignColumns: [messages.replyTo] }).onDelete('cascade'),
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }).onDelete('no action'),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
  ],
);

export const notes = sqliteTable(
  'notes',
  {
    id: sqliteInteger('id').primaryKey(),
    parentId: sqliteInteger('parent_id'),
  },
  (t) => [sqliteForeignKey({ columns: [t.parentId], foreignColumns: [t.id] }).onUpdate('cascade')],
);
