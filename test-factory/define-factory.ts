import { getTableColumns, getTableName, is, Table } from 'drizzle-orm';
import type { ModelTable, SelectRow } from '../model-factory/types.js';
import { ownerKeyFor } from './owners.js';
import { hashString, rowRandom } from './random.js';
import {
  factoryMarker,
  type AnyFactory,
  type Factory,
  type FactoryContext,
  type FactoryDefinition,
  type FactoryMethods,
  type Overrides,
  type ReservedName,
} from './types.js';

type Row = Record<string, unknown>;
type Values = (context: FactoryContext) => unknown;

/** One `defineFactory` call: what every chained view of it shares, its sequence included. */
interface FactoryCore {
  readonly label: string;
  readonly table: ModelTable;
  readonly tableName: string;
  readonly columnKeys: ReadonlySet<string>;
  readonly insert: (rows: Row[]) => Promise<Row[]>;
  readonly defaults: Values;
  readonly traits: ReadonlyMap<string, Values>;
  readonly seed: number;
  sequence: number;
  /** Owner table → column → the key of the owner row that fills it, worked out once per pair. */
  readonly ownerKeys: Map<ModelTable, Map<string, string>>;
}

/** A factory as the caller holds it: the core and the traits chained so far, in order. */
interface View {
  readonly core: FactoryCore;
  readonly traits: readonly string[];
  readonly label: string;
}

/** A row about to be inserted, and the columns still waiting for an owner row. */
interface PendingRow {
  values: Row;
  owners: { key: string; owner: View }[];
}

const reservedNames: ReadonlySet<string> = new Set<ReservedName>([
  'build',
  'create',
  'createMany',
  'resetSequence',
  'name',
  'table',
]);
const views = new WeakMap<object, View>();
const cores = new Set<FactoryCore>();

/**
 * Restarts the sequence of every factory defined so far, e.g. in a `beforeEach`, so each test sees the
 * same numbers, names and `random()` values whatever ran before it.
 */
export function resetSequences(): void {
  for (const core of cores) core.sequence = 0;
}

/**
 * Defines the test factory of one table. Rows are written through `insert`, the model's many-first insert,
 * so `createMany(1000)` is one call of it.
 *
 * ```ts
 * export const foodFactory = defineFactory(foods, {
 *   insert: insertFoods,
 *   defaults: ({ sequence }) => ({ name: `Food ${sequence}`, createdById: userFactory }),
 *   traits: { processed: { processing: 'processed' }, fat: () => ({ fatPer100g: '35.00' }) },
 * });
 * const food = await foodFactory.processed().fat().create();
 * ```
 *
 * @throws TypeError naming the factory when the definition is malformed (an unknown column in fixed
 *   values, a trait named after a method, a non-integer seed).
 */
export function defineFactory<TTable extends ModelTable, TTraitName extends string = never>(
  table: TTable,
  definition: FactoryDefinition<NoInfer<TTable>, TTraitName>,
): Factory<TTable, TTraitName> {
  if (!is(table, Table)) {
    throw new TypeError(`defineFactory: table must be a drizzle table, got ${describe(table)}`);
  }
  const tableName = getTableName(table);
  if (typeof definition !== 'object' || definition === null) {
    throw new TypeError(
      `defineFactory(${tableName}): the definition must be an object, got ${describe(definition)}`,
    );
  }
  const label = definition.name ?? `factory(${tableName})`;
  if (typeof label !== 'string' || label === '') {
    throw new TypeError(`defineFactory(${tableName}): name must be a non-empty string`);
  }
  if (typeof definition.insert !== 'function') {
    throw new TypeError(
      `${label}: insert must be the model's insert op (rows in, rows out), got ${describe(definition.insert)}`,
    );
  }
  const seed = definition.seed ?? hashString(tableName);
  if (!Number.isSafeInteger(seed)) {
    throw new TypeError(`${label}: seed must be an integer, got ${describe(seed)}`);
  }
  const columnKeys = new Set(Object.keys(getTableColumns(table)));
  const traitEntries: [string, unknown][] =
    definition.traits === undefined ? [] : Object.entries(definition.traits as object);
  for (const [name] of traitEntries) {
    if (reservedNames.has(name)) {
      throw new TypeError(`${label}: a trait cannot be called "${name}", the name of a factory method`);
    }
  }

  const core: FactoryCore = {
    label,
    table,
    tableName,
    columnKeys,
    // The model's op is typed per table; inside, rows are plain records of column keys.
    insert: definition.insert as unknown as (rows: Row[]) => Promise<Row[]>,
    defaults: valuesOf(label, 'defaults', { columnKeys, tableName }, definition.defaults),
    traits: new Map(
      traitEntries.map(([name, trait]) => [
        name,
        valuesOf(label, `trait "${name}"`, { columnKeys, tableName }, trait),
      ]),
    ),
    seed,
    sequence: 0,
    ownerKeys: new Map(),
  };
  cores.add(core);
  return makeFactory(core, []) as unknown as Factory<TTable, TTraitName>;
}

function makeFactory(core: FactoryCore, traits: readonly string[]): AnyFactory {
  const view: View = {
    core,
    traits,
    label: [core.label, ...traits.map((name) => `${name}()`)].join('.'),
  };
  const methods: FactoryMethods<ModelTable> = {
    [factoryMarker]: true,
    name: core.label,
    table: core.table,
    build: (overrides) => buildRow(view, `${view.label}.build`, overrides),
    async create(overrides) {
      const [row] = await createRows(view, `${view.label}.create`, [overrides ?? {}]);
      return row as SelectRow<ModelTable>;
    },
    async createMany(
      countOrOverrides: number | readonly Overrides<ModelTable>[],
      overrides?: Overrides<ModelTable>,
    ) {
      const label = `${view.label}.createMany`;
      const list = overridesList(label, countOrOverrides, overrides);
      return (await createRows(view, label, list)) as SelectRow<ModelTable>[];
    },
    resetSequence: () => {
      core.sequence = 0;
    },
  };
  const traitMethods = Object.fromEntries(
    [...core.traits.keys()].map((name) => [name, () => makeFactory(core, [...traits, name])]),
  );
  const factory = Object.freeze(Object.assign(methods, traitMethods));
  views.set(factory, view);
  return factory;
}

function overridesList(label: string, countOrOverrides: unknown, overrides: unknown): readonly unknown[] {
  if (Array.isArray(countOrOverrides)) {
    if (overrides !== undefined) {
      throw new TypeError(
        `${label}: pass overrides per row in the array, or a count and shared overrides, not both`,
      );
    }
    return countOrOverrides;
  }
  if (
    typeof countOrOverrides !== 'number' ||
    !Number.isSafeInteger(countOrOverrides) ||
    countOrOverrides < 0
  ) {
    throw new TypeError(
      `${label}: expected a row count (a non-negative integer) or an array of overrides, got ${describe(countOrOverrides)}`,
    );
  }
  return Array.from({ length: countOrOverrides }, () => overrides ?? {});
}

/** Defaults, then traits in order, then overrides: the next row of the sequence, owners still pending. */
function nextRow(view: View, label: string, overrides: unknown): PendingRow {
  const { core } = view;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new TypeError(`${label}: overrides must be an object of column values, got ${describe(overrides)}`);
  }
  core.sequence += 1;
  const context: FactoryContext = { sequence: core.sequence, random: rowRandom(core.seed, core.sequence) };
  const values: Row = { ...(core.defaults(context) as Row) };
  for (const name of view.traits) Object.assign(values, core.traits.get(name)!(context));
  for (const [key, value] of Object.entries(overrides)) {
    if (!core.columnKeys.has(key)) throw unknownColumn(label, 'overrides', key, core);
    if (value !== undefined) values[key] = value;
  }
  const owners: PendingRow['owners'] = [];
  for (const [key, value] of Object.entries(values)) {
    const owner = typeof value === 'object' && value !== null ? views.get(value) : undefined;
    if (owner === undefined) continue;
    owners.push({ key, owner });
    delete values[key];
  }
  return { values, owners };
}

function buildRow(view: View, label: string, overrides: unknown): Row {
  const { values, owners } = nextRow(view, label, overrides ?? {});
  const [pending] = owners;
  if (pending !== undefined) {
    throw new TypeError(
      `${label}: column "${pending.key}" comes from ${pending.owner.label}, which needs a database; pass "${pending.key}" or call create()`,
    );
  }
  return values;
}

/**
 * Inserts one row per element of `list` in one call of the model's insert. Columns waiting for an owner
 * are filled first: one `createMany` per owner factory, however many rows and columns need it.
 */
async function createRows(view: View, label: string, list: readonly unknown[]): Promise<Row[]> {
  const pending = list.map((overrides) => nextRow(view, label, overrides));
  const byOwner = new Map<View, { row: PendingRow; key: string }[]>();
  for (const row of pending) {
    for (const { key, owner } of row.owners) {
      const waiting = byOwner.get(owner) ?? [];
      waiting.push({ row, key });
      byOwner.set(owner, waiting);
    }
  }
  for (const [owner, waiting] of byOwner) {
    const owners = await createRows(
      owner,
      `${label} → ${owner.label}.createMany`,
      waiting.map(() => ({})),
    );
    waiting.forEach(({ row, key }, index) => {
      const ownerKey = ownerKeyOf(view.core, label, key, owner);
      row.values[key] = owners[index]![ownerKey];
    });
  }
  const rows = pending.map((row) => row.values);
  if (rows.length === 0) return [];
  let stored: Row[];
  try {
    stored = await view.core.insert(rows);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${label}: inserting ${rows.length === 1 ? '1 row' : `${rows.length} rows`} into ${view.core.tableName} failed: ${message}`,
      { cause: error },
    );
  }
  if (!Array.isArray(stored) || stored.length !== rows.length) {
    throw new Error(
      `${label}: insert must resolve to the stored rows, one per row given (${rows.length}), got ${describe(stored)}${Array.isArray(stored) ? ` of ${stored.length}` : ''}`,
    );
  }
  return stored;
}

function ownerKeyOf(core: FactoryCore, label: string, key: string, owner: View): string {
  let byColumn = core.ownerKeys.get(owner.core.table);
  if (byColumn === undefined) core.ownerKeys.set(owner.core.table, (byColumn = new Map()));
  let ownerKey = byColumn.get(key);
  if (ownerKey === undefined) {
    ownerKey = ownerKeyFor(label, core.table, key, owner.label, owner.core.table);
    byColumn.set(key, ownerKey);
  }
  return ownerKey;
}

/**
 * Defaults or a trait as a function of the row's context, checked once when fixed and on every call when
 * computed: values must be an object whose keys are columns of the table.
 */
function valuesOf(label: string, what: string, table: TableShape, source: unknown): Values {
  const check = (values: unknown): Row => {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw new TypeError(`${label}: ${what} must give an object of column values, got ${describe(values)}`);
    }
    for (const key of Object.keys(values)) {
      if (!table.columnKeys.has(key)) throw unknownColumn(label, what, key, table);
    }
    return values as Row;
  };
  if (typeof source === 'function') return (context) => check((source as Values)(context));
  const fixed = check(source);
  return () => fixed;
}

type TableShape = Pick<FactoryCore, 'columnKeys' | 'tableName'>;

function unknownColumn(label: string, what: string, key: string, table: TableShape): TypeError {
  return new TypeError(
    `${label}: ${what} sets "${key}", which is not a column of ${table.tableName}; its columns are ${[...table.columnKeys].join(', ')}`,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value} (${String(value)})`;
}
