/** Compact one-line renderings shared by the tools' text answers. */
import type { Column } from '../project/model.js';

/** `1 table`, `2 tables`: the noun is given in the singular and takes an `s`. */
export function count(amount: number, noun: string): string {
  return `${amount} ${noun}${amount === 1 ? '' : 's'}`;
}

/** `tag_id uuid NOT NULL → tags.id (cascade)`; the TS key is shown when it differs from the SQL name. */
export function columnLine(column: Column, primaryKey: readonly string[] = []): string {
  const parts = [column.key === column.sqlName ? column.sqlName : `${column.sqlName} (${column.key})`];
  parts.push(column.sqlType);
  if (column.primaryKey || primaryKey.includes(column.sqlName)) parts.push('PK');
  else if (column.notNull) parts.push('NOT NULL');
  if (column.unique) parts.push('UNIQUE');
  // The source text names itself: `default(0)`, `defaultNow()`, `generatedAlwaysAsIdentity()`.
  if (column.default !== undefined) parts.push(oneLine(column.default, 60));
  else if (column.hasDefault) parts.push('has default');
  if (column.enumValues !== undefined) parts.push(`enum(${column.enumValues.join('|')})`);
  if (column.references !== undefined) {
    const { table, column: target, onDelete } = column.references;
    parts.push(`→ ${table}.${target}${onDelete ? ` on delete ${onDelete}` : ''}`);
  }
  return parts.join(' ');
}

/** `posts(author_id) → users(id) on delete cascade`. */
export function foreignKeyLine(key: {
  from: string;
  columns: readonly string[];
  to: string;
  foreignColumns: readonly string[];
  onDelete?: string | undefined;
  onUpdate?: string | undefined;
}): string {
  const actions = [
    key.onDelete ? `on delete ${key.onDelete}` : '',
    key.onUpdate ? `on update ${key.onUpdate}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const line = `${key.from}(${key.columns.join(', ')}) → ${key.to}(${key.foreignColumns.join(', ')})`;
  return actions ? `${line} ${actions}` : line;
}

/** Collapses whitespace and cuts long source text, so one entry stays one line. */
export function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
