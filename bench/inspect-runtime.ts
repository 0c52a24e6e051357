/**
 * The runtime route bench/inspect.ts compares with: import the schema modules (tsx transpiles them) and
 * ask drizzle for every table's config and every column's SQL type. Kept apart from bench/inspect.ts so it
 * loads nothing but drizzle.
 *
 *   node --import tsx bench/inspect-runtime.ts <project dir> <schema file>...
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';

const [dir, ...files] = process.argv.slice(2);
// The work: tsx transpiling and running the schema modules, then drizzle's table configs.
const started = performance.now();
const cpuStarted = process.cpuUsage();
let columns = 0;
for (const file of files) {
  const module = (await import(pathToFileURL(join(dir!, file)).href)) as Record<string, unknown>;
  for (const value of Object.values(module)) {
    if (!is(value, PgTable)) continue;
    for (const column of getTableConfig(value).columns) {
      column.getSQLType();
      columns++;
    }
  }
}
const cpu = process.cpuUsage(cpuStarted);
const workCpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(`${JSON.stringify({ columns, workMs: performance.now() - started, workCpuMs })}\n`);
