// The shape of the harnesses' wide table, in a module of its own so every driver's harness can build the
// table at load time without importing harness.ts, which imports them.
export const WIDE_COLUMNS = 40;
export const wideColumnKeys = Array.from({ length: WIDE_COLUMNS - 1 }, (_, index) => `c${index + 1}`);
