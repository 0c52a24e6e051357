/**
 * What every list tool shares: a `filter`, `verbose` for the full entries, and paging: a `limit` (default 50) and an opaque `cursor` that only the query which produced
 * it accepts, so a model cannot page one list with another list's cursor and get a silently wrong slice.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { count } from './render.js';
import { ToolInputError } from './tool.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const limitInput = z
  .number()
  .int()
  .min(1)
  .max(MAX_LIMIT)
  .default(DEFAULT_LIMIT)
  .describe(`How many entries to return (1–${MAX_LIMIT}, default ${DEFAULT_LIMIT}).`);

export const cursorInput = z
  .string()
  .max(500)
  .optional()
  .describe('The `nextCursor` of the previous answer, to get the next page; omit for the first page.');

export const filterInput = z
  .string()
  .max(200)
  .optional()
  .describe('Keep entries whose name or file contains this text (case-insensitive).');

export const verboseInput = z
  .boolean()
  .default(false)
  .describe('Return full entries instead of the compact summary; costs more tokens.');

/** Whether any of the values contains the filter text, case-insensitively; no filter keeps everything. */
export function matchesFilter(filter: string | undefined, ...values: (string | undefined)[]): boolean {
  if (filter === undefined || filter.trim() === '') return true;
  const wanted = filter.trim().toLowerCase();
  return values.some((value) => value !== undefined && value.toLowerCase().includes(wanted));
}

export const pageOutput = {
  total: z.number().int().describe('How many entries match, across all pages.'),
  nextCursor: z
    .string()
    .optional()
    .describe('Pass as `cursor` to get the next page; absent on the last page.'),
};

export interface Page<T> {
  items: T[];
  offset: number;
  total: number;
  nextCursor?: string;
}

/** A short fingerprint of everything that decides which entries a list holds, in order. */
function scopeOf(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 12);
}

function decodeCursor(cursor: string, scope: string): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = z.object({ s: z.string(), o: z.number().int().min(0) }).safeParse(decoded);
  if (!parsed.success) {
    throw new ToolInputError('cursor is not valid; pass the nextCursor of the previous answer unchanged');
  }
  if (parsed.data.s !== scope) {
    throw new ToolInputError(
      'cursor belongs to a different query; repeat the same arguments with it, or omit cursor to start over',
    );
  }
  return parsed.data.o;
}

/**
 * Characters of JSON one page may hold, whatever the limit: about 8k tokens for the structured half of an
 * answer, well under the 25k-token cap clients put on a tool result.
 */
export const PAGE_BUDGET = 30_000;

/**
 * One page of `items`; `query` is every argument except limit and cursor. A page ends at `limit` entries or
 * when the entries' JSON reaches `budget` characters, whichever comes first (always at least one entry).
 */
export function paginate<T>(
  items: readonly T[],
  options: { limit: number; cursor?: string | undefined; budget?: number },
  query: unknown,
): Page<T> {
  const scope = scopeOf(query);
  const offset = options.cursor === undefined ? 0 : decodeCursor(options.cursor, scope);
  const budget = options.budget ?? PAGE_BUDGET;
  let end = offset;
  let used = 0;
  while (end < items.length && end - offset < options.limit) {
    used += JSON.stringify(items[end]).length;
    if (used > budget && end > offset) break;
    end += 1;
  }
  const page: Page<T> = { items: items.slice(offset, end), offset, total: items.length };
  if (end < items.length) {
    page.nextCursor = Buffer.from(JSON.stringify({ s: scope, o: end })).toString('base64url');
  }
  return page;
}

/** `12 tables` or `120 tables, 51–100 shown; pass nextCursor for more`; `noun` is singular. */
export function pageSummary(page: Page<unknown>, noun: string): string {
  const shown = page.items.length;
  const total = count(page.total, noun);
  if (shown === page.total) return total;
  const range = shown === 0 ? 'none shown' : `${page.offset + 1}–${page.offset + shown} shown`;
  return `${total}, ${range}${page.nextCursor ? '; pass nextCursor for more' : ''}`;
}
