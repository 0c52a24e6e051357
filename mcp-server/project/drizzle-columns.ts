/**
 * Drizzle's column builders as data: for each dialect, the builder functions drizzle-orm 0.45 exports and
 * how each one's `getSQLType()` spells its type from the builder's options. Mirrored from
 * `drizzle-orm/{pg,sqlite,mysql}-core/columns/*.js`; the truth test compares the result with drizzle itself.
 */
import type { Dialect } from './model.js';

/** A static value read from the source: what a builder's options object may hold. */
export type StaticValue = string | number | boolean | null | undefined | StaticValue[] | StaticObject;
export interface StaticObject {
  [key: string]: StaticValue;
}

/** The options object of a builder call (`varchar({ length: 255 })`), as far as it could be read. */
export type BuilderOptions = Record<string, StaticValue>;

export interface BuilderSpec {
  /** drizzle's `getSQLType()` for a column built with these options. */
  sqlType(options: BuilderOptions): string;
  /** The builder sets `hasDefault` (and, for Postgres serials, `notNull`) in its constructor. */
  implicitDefault?: 'serial' | 'mysql-serial';
  /** Enum values from an `enum` option (`text({ enum: [...] })`). */
  enumOption?: boolean;
}

function str(value: StaticValue): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Renders a number option as drizzle's template literals would (`${value}`). */
function num(value: StaticValue): string | undefined {
  if (value === undefined) return undefined;
  return String(value);
}

const fixed = (type: string) => (): string => type;

function withLength(base: string) {
  return (options: BuilderOptions) => {
    const length = num(options.length);
    return length === undefined ? base : `${base}(${length})`;
  };
}

function pgNumeric(options: BuilderOptions): string {
  const precision = num(options.precision);
  const scale = num(options.scale);
  if (precision !== undefined && scale !== undefined) return `numeric(${precision}, ${scale})`;
  if (precision === undefined) return 'numeric';
  return `numeric(${precision})`;
}

function pgTimestamp(options: BuilderOptions): string {
  const precision = num(options.precision);
  const timezone = options.withTimezone === true ? ' with time zone' : '';
  // drizzle spells the date mode `timestamp (3)` and the string mode `timestamp(3)`.
  const spacing = options.mode === 'string' ? '' : ' ';
  return `timestamp${precision === undefined ? '' : `${spacing}(${precision})`}${timezone}`;
}

function pgTime(options: BuilderOptions): string {
  const precision = num(options.precision);
  return `time${precision === undefined ? '' : `(${precision})`}${options.withTimezone === true ? ' with time zone' : ''}`;
}

function pgInterval(options: BuilderOptions): string {
  const fields = str(options.fields);
  const precision = options.precision;
  return `interval${fields ? ` ${fields}` : ''}${precision ? `(${num(precision)})` : ''}`;
}

function withDimensions(base: string) {
  return (options: BuilderOptions) => `${base}(${num(options.dimensions)})`;
}

const pgBuilders: Record<string, BuilderSpec> = {
  bigint: { sqlType: fixed('bigint') },
  bigserial: { sqlType: fixed('bigserial'), implicitDefault: 'serial' },
  boolean: { sqlType: fixed('boolean') },
  char: { sqlType: withLength('char'), enumOption: true },
  cidr: { sqlType: fixed('cidr') },
  date: { sqlType: fixed('date') },
  doublePrecision: { sqlType: fixed('double precision') },
  inet: { sqlType: fixed('inet') },
  integer: { sqlType: fixed('integer') },
  interval: { sqlType: pgInterval },
  json: { sqlType: fixed('json') },
  jsonb: { sqlType: fixed('jsonb') },
  line: { sqlType: fixed('line') },
  macaddr: { sqlType: fixed('macaddr') },
  macaddr8: { sqlType: fixed('macaddr8') },
  numeric: { sqlType: pgNumeric },
  decimal: { sqlType: pgNumeric },
  point: { sqlType: fixed('point') },
  geometry: { sqlType: fixed('geometry(point)') },
  real: { sqlType: fixed('real') },
  serial: { sqlType: fixed('serial'), implicitDefault: 'serial' },
  smallint: { sqlType: fixed('smallint') },
  smallserial: { sqlType: fixed('smallserial'), implicitDefault: 'serial' },
  text: { sqlType: fixed('text'), enumOption: true },
  time: { sqlType: pgTime },
  timestamp: { sqlType: pgTimestamp },
  uuid: { sqlType: fixed('uuid') },
  varchar: { sqlType: withLength('varchar'), enumOption: true },
  bit: { sqlType: withDimensions('bit') },
  halfvec: { sqlType: withDimensions('halfvec') },
  sparsevec: { sqlType: withDimensions('sparsevec') },
  vector: { sqlType: withDimensions('vector') },
};

const sqliteBuilders: Record<string, BuilderSpec> = {
  blob: { sqlType: fixed('blob') },
  integer: { sqlType: fixed('integer') },
  int: { sqlType: fixed('integer') },
  numeric: { sqlType: fixed('numeric') },
  real: { sqlType: fixed('real') },
  text: {
    sqlType: (options) => {
      if (options.mode === 'json') return 'text';
      return `text${options.length ? `(${num(options.length)})` : ''}`;
    },
    enumOption: true,
  },
};

function unsigned(base: string) {
  return (options: BuilderOptions) => `${base}${options.unsigned === true ? ' unsigned' : ''}`;
}

function mysqlPrecise(base: string, { collapseDecimal = false, unsignedSuffix = true } = {}) {
  return (options: BuilderOptions) => {
    const precision = num(options.precision);
    const scale = num(options.scale);
    let type: string;
    if (precision !== undefined && scale !== undefined) type = `${base}(${precision},${scale})`;
    else if (precision === undefined) type = base;
    else type = `${base}(${precision})`;
    if (collapseDecimal && (type === 'decimal(10,0)' || type === 'decimal(10)')) type = 'decimal';
    return unsignedSuffix && options.unsigned === true ? `${type} unsigned` : type;
  };
}

function mysqlReal(options: BuilderOptions): string {
  const precision = num(options.precision);
  const scale = num(options.scale);
  if (precision !== undefined && scale !== undefined) return `real(${precision}, ${scale})`;
  if (precision === undefined) return 'real';
  return `real(${precision})`;
}

function withFsp(base: string) {
  return (options: BuilderOptions) => {
    const fsp = num(options.fsp);
    return `${base}${fsp === undefined ? '' : `(${fsp})`}`;
  };
}

const mysqlBuilders: Record<string, BuilderSpec> = {
  bigint: { sqlType: unsigned('bigint') },
  binary: { sqlType: withLength('binary') },
  boolean: { sqlType: fixed('boolean') },
  char: { sqlType: withLength('char'), enumOption: true },
  date: { sqlType: fixed('date') },
  datetime: { sqlType: withFsp('datetime') },
  decimal: { sqlType: mysqlPrecise('decimal', { collapseDecimal: true }) },
  double: { sqlType: mysqlPrecise('double') },
  float: { sqlType: mysqlPrecise('float') },
  int: { sqlType: unsigned('int') },
  json: { sqlType: fixed('json') },
  mediumint: { sqlType: unsigned('mediumint') },
  real: { sqlType: mysqlReal },
  serial: { sqlType: fixed('serial'), implicitDefault: 'mysql-serial' },
  smallint: { sqlType: unsigned('smallint') },
  text: { sqlType: fixed('text'), enumOption: true },
  tinytext: { sqlType: fixed('tinytext'), enumOption: true },
  mediumtext: { sqlType: fixed('mediumtext'), enumOption: true },
  longtext: { sqlType: fixed('longtext'), enumOption: true },
  time: { sqlType: withFsp('time') },
  timestamp: { sqlType: withFsp('timestamp') },
  tinyint: { sqlType: unsigned('tinyint') },
  varbinary: { sqlType: withLength('varbinary') },
  varchar: { sqlType: withLength('varchar'), enumOption: true },
  year: { sqlType: fixed('year') },
};

export const COLUMN_BUILDERS: Record<Dialect, Record<string, BuilderSpec>> = {
  pg: pgBuilders,
  sqlite: sqliteBuilders,
  mysql: mysqlBuilders,
};

/**
 * drizzle's `getColumnNameAndConfig(a, b)`: a non-empty string first argument is the SQL name, an object
 * first argument is the options; otherwise the options are the second argument.
 */
export function columnNameAndOptions(
  first: StaticValue,
  second: StaticValue,
): { name: string; options: BuilderOptions } {
  const name = typeof first === 'string' && first.length > 0 ? first : '';
  const config = isStaticObject(first) ? first : second;
  return { name, options: isStaticObject(config) ? config : {} };
}

export function isStaticObject(value: StaticValue): value is StaticObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** drizzle's `toSnakeCase` / `toCamelCase` (drizzle-orm/casing.js), applied to columns named by their key. */
export type Casing = 'snake_case' | 'camelCase';

function words(input: string): string[] {
  return input.replace(/['\u2019]/g, '').match(/[\da-z]+|[A-Z]+(?![a-z])|[A-Z][\da-z]+/g) ?? [];
}

export function applyCasing(name: string, casing: Casing | undefined): string {
  if (casing === 'snake_case') {
    return words(name)
      .map((word) => word.toLowerCase())
      .join('_');
  }
  if (casing === 'camelCase') {
    return words(name).reduce(
      (result, word, index) =>
        result + (index === 0 ? word.toLowerCase() : `${word[0]!.toUpperCase()}${word.slice(1)}`),
      '',
    );
  }
  return name;
}
