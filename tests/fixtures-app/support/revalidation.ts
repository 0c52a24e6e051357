/**
 * What the tests put in place of `next/cache`: revalidatePath needs a Next.js request, so the tests record
 * the paths instead. Register it in each test file with
 * `vi.mock('next/cache', () => import('./support/revalidation'))` (hoisted above the imports).
 */
export const revalidatedPaths: string[] = [];

export function revalidatePath(path: string, type?: 'layout' | 'page'): void {
  revalidatedPaths.push(type ? `${path} (${type})` : path);
}
