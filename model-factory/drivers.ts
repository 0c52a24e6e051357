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

/** The name of `db`'s driver when it has no interactive transactions, otherwise `undefined`. */
export function driverWithoutTransactions(db: unknown): string | undefined {
  if (typeof db !== 'object' || db === null) return undefined;
  for (let type: unknown = db.constructor; typeof type === 'function'; type = Object.getPrototypeOf(type)) {
    const kind: unknown = Reflect.get(type, entityKind);
    if (typeof kind === 'string' && Object.hasOwn(WITHOUT_INTERACTIVE_TRANSACTIONS, kind)) {
      return WITHOUT_INTERACTIVE_TRANSACTIONS[kind];
    }
  }
  return undefined;
}
