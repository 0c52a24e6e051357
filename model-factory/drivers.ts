import { entityKind } from 'drizzle-orm';

/**
 * drizzle databases whose driver cannot hold a transaction open across awaits, by drizzle's entity kind
 * (read from the class chain, so the driver's own package never has to be imported here): neon-http
 * sends each query as one HTTP request and its `transaction()` throws (so it never hands out a transaction
 * handle); D1 refuses BEGIN.
 */
const WITHOUT_INTERACTIVE_TRANSACTIONS: Record<string, string> = {
  NeonHttpDatabase: 'neon-http',
  D1Database: 'Cloudflare D1',
  D1Transaction: 'Cloudflare D1',
};

/** drizzle's entity kinds along `value`'s class chain, its own class first; none for a non-object. */
export function entityKindsOf(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const kinds: string[] = [];
  for (
    let type: unknown = value.constructor;
    typeof type === 'function';
    type = Object.getPrototypeOf(type)
  ) {
    const kind: unknown = Reflect.get(type, entityKind);
    if (typeof kind === 'string') kinds.push(kind);
  }
  return kinds;
}

/** The name of `db`'s driver when it has no interactive transactions, otherwise `undefined`. */
export function driverWithoutTransactions(db: unknown): string | undefined {
  const kind = entityKindsOf(db).find((name) => Object.hasOwn(WITHOUT_INTERACTIVE_TRANSACTIONS, name));
  return kind === undefined ? undefined : WITHOUT_INTERACTIVE_TRANSACTIONS[kind];
}
