/** Close-match suggestions for names a model got almost right: `item` → `items`, `user_id` → `userId`. */
import { ToolInputError } from './tool.js';

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Lower-cased with separators removed, so `user_tags`, `userTags` and `UserTags` compare equal. */
function fold(name: string): string {
  return name.toLowerCase().replace(/[_\-\s./]/g, '');
}

/** Up to `max` candidates close to `input`, best first; empty when nothing is close. */
export function closeMatches(input: string, candidates: Iterable<string>, max = 3): string[] {
  const wanted = fold(input);
  if (wanted === '') return [];
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(candidates)) {
    const folded = fold(name);
    let score: number;
    if (folded === wanted) score = 0;
    else if (folded.startsWith(wanted) || wanted.startsWith(folded))
      score = 1 + Math.abs(folded.length - wanted.length) / 10;
    else if (wanted.length >= 3 && folded.includes(wanted)) score = 2;
    else {
      const distance = levenshtein(wanted, folded);
      if (distance > Math.max(2, Math.floor(Math.max(wanted.length, folded.length) / 3))) continue;
      score = 2 + distance;
    }
    scored.push({ name, score });
  }
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, max).map((entry) => entry.name);
}

function quoteList(names: readonly string[]): string {
  const quoted = names.map((name) => `'${name}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/**
 * The error for a name that is not there: `table 'item' not found; did you mean 'items'?`, or, with nothing
 * close, where to look instead.
 */
export function notFoundError(
  kind: string,
  name: string,
  candidates: Iterable<string>,
  whereToLook: string,
): ToolInputError {
  const suggestions = closeMatches(name, candidates);
  if (suggestions.length > 0) {
    return new ToolInputError(`${kind} '${name}' not found; did you mean ${quoteList(suggestions)}?`);
  }
  return new ToolInputError(`${kind} '${name}' not found; ${whereToLook}`);
}
