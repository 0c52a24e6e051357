/** Close matches for a name that was not found: "did you mean 'items'?". */

/** Levenshtein distance, bounded: stops early once every path exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Up to `limit` candidates close to `wanted`: case-insensitive edit distance within a third of the length
 * (at least 2), or a prefix / containment either way. Closest first; ties keep the candidates' order.
 */
export function closeMatches(wanted: string, candidates: Iterable<string>, limit = 3): string[] {
  const target = wanted.trim().toLowerCase();
  if (target === '') return [];
  const max = Math.max(2, Math.floor(target.length / 3));
  const scored: { name: string; score: number; order: number }[] = [];
  const seen = new Set<string>();
  let order = 0;
  for (const name of candidates) {
    if (seen.has(name)) continue;
    seen.add(name);
    const lower = name.toLowerCase();
    let score = editDistance(target, lower, max);
    if (score > max && (lower.startsWith(target) || target.startsWith(lower) || lower.includes(target))) {
      score = max + 0.5;
    }
    if (score <= max + 0.5) scored.push({ name, score, order: order++ });
  }
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, limit).map((entry) => entry.name);
}
