/**
 * What the tests put in place of `next/headers`: `cookies()` needs a Next.js request, so the tests keep
 * the cookie jar here and sign users in and out through it. Register it in each test file with
 * `vi.mock('next/headers', () => import('./support/next-headers'))` (hoisted above the imports).
 */
const jar = new Map<string, string>();

export async function cookies() {
  return {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    has: (name: string) => jar.has(name),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  };
}

/** The session cookie names this user (or nobody), as after signing in. */
export function signInAs(userId: string | undefined): void {
  jar.clear();
  if (userId) jar.set('session', userId);
}

export function cookieJar(): ReadonlyMap<string, string> {
  return jar;
}
