/**
 * The project's convention findings, including the ESLint plugin's rules. Linting every convention file is
 * the slow part of the analysis (seconds on a large project, cached per file afterwards), so concurrent
 * callers share one run, and the overview waits for it only briefly.
 */
import type { Finding } from '../project/model.js';
import type { ProjectIndex } from '../project/project-index.js';

const running = new WeakMap<ProjectIndex, Promise<Finding[]>>();

/** Every finding, structure checks and lint; one lint run per index at a time. */
export function conventionFindings(project: ProjectIndex): Promise<Finding[]> {
  let pending = running.get(project);
  if (pending === undefined) {
    pending = project.checkConventions().finally(() => running.delete(project));
    running.set(project, pending);
  }
  return pending;
}

/**
 * The findings if the lint run finishes within `budgetMs`, else undefined. The run goes on in the
 * background and caches its results, so a later call answers at once.
 */
export async function conventionFindingsWithin(
  project: ProjectIndex,
  budgetMs: number,
): Promise<Finding[] | undefined> {
  const pending = conventionFindings(project);
  // A failure after the budget ran out is reported by whoever awaits the run next.
  pending.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), budgetMs);
    timer.unref();
  });
  try {
    return await Promise.race([pending, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
