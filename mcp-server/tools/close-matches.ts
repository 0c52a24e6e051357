/** The error for a name a model got almost right: `table 'item' not found; did you mean 'items'?`. */
import { closeMatches } from '../project/suggestions.js';
import { ToolInputError } from './tool.js';

function quoteList(names: readonly string[]): string {
  const quoted = names.map((name) => `'${name}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/**
 * `kind 'name' not found; did you mean …?` with the suggestions given (or, from `candidates`, the close
 * matches), else `kind 'name' not found; <whereToLook>`.
 */
export function notFoundError(
  kind: string,
  name: string,
  suggestions: { suggestions: readonly string[] } | { candidates: Iterable<string> },
  whereToLook: string,
): ToolInputError {
  const close =
    'suggestions' in suggestions ? suggestions.suggestions : closeMatches(name, suggestions.candidates);
  if (close.length > 0) {
    return new ToolInputError(`${kind} '${name}' not found; did you mean ${quoteList(close)}?`);
  }
  return new ToolInputError(`${kind} '${name}' not found; ${whereToLook}`);
}
