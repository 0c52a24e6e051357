import type { InsertRow, ModelTable, SelectRow } from '../model-factory/types.js';

/** Marks the objects `defineFactory` returns, so a column default can be told apart from a column value. */
export const factoryMarker: unique symbol = Symbol('many-first/test-factory');

/** What `defaults` and function traits receive for each row. */
export interface FactoryContext {
  /** This row's number in its factory's sequence: 1, 2, 3, … until `resetSequence()`. */
  readonly sequence: number;
  /**
   * A seeded generator of numbers in [0, 1). It depends only on the factory's seed and this row's
   * sequence number, so the same row gets the same values on every run.
   */
  random(): number;
}

/** Any factory `defineFactory` made, of any table: what a column default may be instead of a value. */
export interface AnyFactory {
  readonly [factoryMarker]: true;
  /** How errors name this factory: the `name` option, else `factory(<sql table name>)`. */
  readonly name: string;
  readonly table: ModelTable;
}

/** The values `create` and `build` take: columns of the table, with the types drizzle infers for insert. */
export type Overrides<TTable extends ModelTable> = {
  [K in keyof InsertRow<TTable>]?: InsertRow<TTable>[K];
};

/**
 * Values for some columns, as `defaults` and traits give them. A column may take another factory instead
 * of a value (`ownerId: userFactory`): `create` then makes that owner row, unless the caller gave the column.
 */
export type ColumnDefaults<TTable extends ModelTable> = {
  [K in keyof InsertRow<TTable>]?: ColumnValue<InsertRow<TTable>[K]>;
};

/** A column's value, or a factory whose created row fills it. */
type ColumnValue<TValue> = TValue | AnyFactory;

/**
 * A named variation: fixed values, or values computed per row from `{ sequence, random }`. A function
 * returning an enum value writes it `as const` (`status: 'running' as const`): TypeScript widens literals
 * in a function's return while it still infers the table's type.
 */
export type Trait<TTable extends ModelTable> =
  ColumnDefaults<TTable> | ((context: FactoryContext) => ColumnDefaults<TTable>);

/** Trait names that would hide a factory's own methods. */
export type ReservedName = 'build' | 'create' | 'createMany' | 'resetSequence' | 'name' | 'table';

export interface FactoryDefinition<TTable extends ModelTable, TTraitName extends string> {
  /** The model's many-first insert (`insertFoods`): rows in, the stored rows out, in the same order. */
  insert: (rows: InsertRow<TTable>[]) => Promise<SelectRow<TTable>[]>;
  /** A valid row: fixed values, or computed per row from `{ sequence, random }`. */
  defaults: Trait<TTable>;
  /** Named variations, chained as methods: `foodFactory.processed().fat()`. Later traits win. */
  traits?: { [N in TTraitName]: Trait<TTable> } & { [N in ReservedName]?: never };
  /** Seeds `random()`; by default a hash of the table's name, so values repeat across runs either way. */
  seed?: number;
  /** How errors name the factory, e.g. `'foodFactory'`; by default `factory(<sql table name>)`. */
  name?: string;
}

export interface FactoryMethods<TTable extends ModelTable> extends AnyFactory {
  readonly table: TTable;
  /**
   * The row `create` would insert, without a database: defaults, then the chained traits in order, then
   * `overrides`. A column whose default is another factory needs a database for its owner, so `overrides`
   * must give it (a `TypeError` names the column otherwise).
   */
  build(overrides?: Overrides<TTable>): InsertRow<TTable>;
  /** Inserts one row (owners first, when needed) and resolves to it as stored. */
  create(overrides?: Overrides<TTable>): Promise<SelectRow<TTable>>;
  /**
   * `count` rows, or one row per element of `overrides`, in one call of the model's insert (which chunks
   * large inputs itself). Owners the rows need are created first, also in one insert per owner factory.
   */
  createMany(count: number, overrides?: Overrides<TTable>): Promise<SelectRow<TTable>[]>;
  createMany(overrides: readonly Overrides<TTable>[]): Promise<SelectRow<TTable>[]>;
  /** Restarts this factory's sequence (and so its `random()` values) at 1. */
  resetSequence(): void;
}

/** A factory: its methods, and one method per trait that returns the factory with that trait applied. */
export type Factory<TTable extends ModelTable, TTraitName extends string = never> = FactoryMethods<TTable> & {
  readonly [N in TTraitName]: () => Factory<TTable, TTraitName>;
};
