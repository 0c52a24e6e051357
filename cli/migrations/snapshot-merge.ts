/**
 * A three-way merge of snapshot JSON: what one branch changed relative to the fork point, applied on top of
 * the other branch's snapshot. Objects merge key by key; any other value is taken from the side that
 * changed it. Both sides changing the same value differently is a conflict, listed by its JSON path.
 */
import { isDeepStrictEqual } from 'node:util';

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeValue(ancestor: Json, ours: Json, theirs: Json, path: string, conflicts: string[]): Json {
  if (isDeepStrictEqual(theirs, ancestor)) return ours;
  if (isDeepStrictEqual(ours, ancestor) || isDeepStrictEqual(ours, theirs)) return theirs;
  if (isObject(ours) && isObject(theirs)) {
    const base = isObject(ancestor) ? ancestor : {};
    const merged: Record<string, Json> = {};
    // Our key order first, then keys only they added: the file stays close to both.
    for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
      const value = mergeValue(base[key], ours[key], theirs[key], `${path}.${key}`, conflicts);
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  }
  conflicts.push(path);
  return theirs;
}

export interface SnapshotMerge {
  snapshot: Record<string, Json>;
  /** JSON paths both sides changed differently (`$.tables.public.users.columns.email.type`). */
  conflicts: string[];
}

/**
 * `theirs` (a migration moved after the base branch's) rebased onto `ours` (the base branch's latest
 * snapshot); `ancestor` is the snapshot both started from. `id` and `prevId` are not merged: the caller
 * sets them.
 */
export function mergeSnapshots(
  ancestor: Record<string, Json>,
  ours: Record<string, Json>,
  theirs: Record<string, Json>,
): SnapshotMerge {
  const strip = (snapshot: Record<string, Json>) => {
    const { id: _id, prevId: _prevId, ...rest } = snapshot;
    return rest;
  };
  const conflicts: string[] = [];
  const merged = mergeValue(strip(ancestor), strip(ours), strip(theirs), '$', conflicts);
  return { snapshot: isObject(merged) ? merged : {}, conflicts };
}
