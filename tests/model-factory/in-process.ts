// Mutation runs (vitest.mutation.config.ts) set MANY_FIRST_TEST_DATABASES=in-process: every mutant re-runs the
// suites that reach it, and starting a PostgreSQL or MariaDB server for each would take minutes. The suites
// then run on the databases inside the test process only (PGlite, libsql, better-sqlite3).
export const inProcessOnly = process.env.MANY_FIRST_TEST_DATABASES === 'in-process';
