/**
 * Writes a reconcile plan so that no migration is lost: every file it replaces or removes is first copied
 * into a backup folder inside the git directory (outside the work tree, so no tool mistakes it for a
 * migration); each new file is written beside its target and renamed over it; old names are removed last,
 * once everything new is in place.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ReconcilePlan } from './reconcile-plan.js';

export interface AppliedPlan {
  /** Absolute folder holding the files as they were, by root-relative path; undefined when nothing existed. */
  backup?: string;
  /** The backup folder this run uses, whether or not anything was copied into it yet. */
  folder: string;
}

export function applyPlan(root: string, plan: ReconcilePlan, backupParent: string): AppliedPlan {
  const stamp = new Date()
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z');
  const backup = join(backupParent, 'many-first', `reconcile-${stamp}`);
  let backedUp = false;
  for (const file of [
    ...plan.writes.map((write) => write.file),
    ...plan.removes.map((remove) => remove.file),
  ]) {
    const source = join(root, file);
    if (!existsSync(source)) continue;
    mkdirSync(dirname(join(backup, file)), { recursive: true });
    copyFileSync(source, join(backup, file));
    backedUp = true;
  }
  for (const write of plan.writes) {
    const target = join(root, write.file);
    mkdirSync(dirname(target), { recursive: true });
    const temporary = `${target}.many-first-${process.pid}.tmp`;
    writeFileSync(temporary, write.text);
    renameSync(temporary, target);
  }
  for (const remove of plan.removes) rmSync(join(root, remove.file), { force: true });
  return backedUp ? { backup, folder: backup } : { folder: backup };
}
