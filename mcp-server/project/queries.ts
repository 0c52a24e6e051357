/**
 * The queries the tools ask of one analysis: a table, model or symbol by name (with close-match
 * suggestions), where something is used, foreign keys in and out, a table's neighbours. Name maps are built
 * once per analysis, so one answer never scans every table or model.
 */
import type { Analysis } from './analysis.js';
import { tableKey } from './analysis.js';
import type { ForeignKey, Model, Table, Usage } from './model.js';
import { symbolKey, type SymbolRef } from './module-graph.js';
import { closeMatches } from './suggestions.js';

export type TableLookup =
  { table: Table; suggestions?: undefined } | { table?: undefined; suggestions: string[] };
export type ModelLookup =
  { model: Model; suggestions?: undefined } | { model?: undefined; suggestions: string[] };

export interface SymbolDefinition {
  kind: 'table' | 'model-op' | 'action';
  /** The TS name (table export, op export, action name). */
  name: string;
  file: string;
  line: number;
}

export type UsageLookup =
  | { definitions: SymbolDefinition[]; usages: Usage[]; suggestions?: undefined }
  | { definitions?: undefined; usages?: undefined; suggestions: string[] };

export interface ForeignKeyEdge {
  /** TS name of the table that holds the key. */
  table: string;
  foreignKey: ForeignKey;
}

/** Name → entity maps for the per-call lookups, so one answer never scans every table or model. */
interface Lookups {
  /** A table by TS name, SQL name or `schema.sqlName`; the first table in order wins a shared name. */
  tables: Map<string, Table>;
  tablesByTsName: Map<string, Table>;
  /** A table by SQL name, then by `schema.sqlName`. */
  tablesBySqlName: Map<string, Table>;
  /** Foreign keys by the SQL name of the table they point at. */
  incoming: Map<string, ForeignKeyEdge[]>;
  modelsByFile: Map<string, Model>;
  /** A model by its table's TS name, SQL name or its factory table name. */
  modelsByTable: Map<string, Model>;
  modelsByOp: Map<string, Model>;
}

/** The names a table answers to: TS name, SQL name and, in a Postgres schema, `schema.sqlName`. */
function tableNames(table: Table): string[] {
  return table.schema === undefined
    ? [table.name, table.sqlName]
    : [table.name, table.sqlName, `${table.schema}.${table.sqlName}`];
}

const addFirst = <T>(map: Map<string, T>, key: string | undefined, value: T) => {
  if (key !== undefined && !map.has(key)) map.set(key, value);
};

export class ProjectQueries {
  private built: Lookups | undefined;

  constructor(private readonly analysis: Analysis) {}

  private lookups(): Lookups {
    if (this.built === undefined) {
      const lookups: Lookups = {
        tables: new Map(),
        tablesByTsName: new Map(),
        tablesBySqlName: new Map(),
        incoming: new Map(),
        modelsByFile: new Map(),
        modelsByTable: new Map(),
        modelsByOp: new Map(),
      };
      const byTsName = lookups.tablesByTsName;
      for (const table of this.analysis.tables()) {
        addFirst(byTsName, table.name, table);
        addFirst(lookups.tablesBySqlName, table.sqlName, table);
        for (const name of tableNames(table)) addFirst(lookups.tables, name, table);
        for (const foreignKey of table.foreignKeys) {
          const edges = lookups.incoming.get(foreignKey.foreignTable);
          const edge = { table: table.name, foreignKey };
          if (edges === undefined) lookups.incoming.set(foreignKey.foreignTable, [edge]);
          else edges.push(edge);
        }
      }
      for (const table of this.analysis.tables())
        if (table.schema !== undefined)
          addFirst(lookups.tablesBySqlName, `${table.schema}.${table.sqlName}`, table);
      for (const model of this.analysis.models().models) {
        addFirst(lookups.modelsByFile, model.file, model);
        addFirst(lookups.modelsByTable, model.table, model);
        if (model.table !== undefined)
          addFirst(lookups.modelsByTable, byTsName.get(model.table)?.sqlName, model);
        addFirst(lookups.modelsByTable, model.tableName, model);
        for (const op of model.ops) addFirst(lookups.modelsByOp, op.exportName, model);
      }
      this.built = lookups;
    }
    return this.built;
  }

  /** A table by TS export name, SQL name or `schema.sqlName` (exact, then case-insensitive), or suggestions. */
  findTable(name: string): TableLookup {
    const wanted = name.trim();
    const exact = this.lookups().tables.get(wanted);
    if (exact !== undefined) return { table: exact };
    const tables = this.analysis.tables();
    const lower = wanted.toLowerCase();
    const loose = tables.filter((table) =>
      tableNames(table).some((candidate) => candidate.toLowerCase() === lower),
    );
    if (loose.length === 1) return { table: loose[0]! };
    return { suggestions: closeMatches(wanted, tables.flatMap(tableNames)) };
  }

  /** The table exported under this TS name, exactly. */
  tableByTsName(name: string): Table | undefined {
    return this.lookups().tablesByTsName.get(name);
  }

  /** The table with this SQL name (or `schema.sqlName`), exactly. */
  tableBySqlName(sqlName: string): Table | undefined {
    return this.lookups().tablesBySqlName.get(sqlName);
  }

  /** The model module built on this table, when there is one. */
  modelOf(table: Table): Model | undefined {
    const { modelsByFile, modelsByTable } = this.lookups();
    return (
      (table.model === undefined ? undefined : modelsByFile.get(table.model)) ?? modelsByTable.get(table.name)
    );
  }

  /** A model by its file, its table (TS or SQL name), its factory table name, or one of its ops. */
  findModel(name: string): ModelLookup {
    const wanted = name.trim();
    const lookups = this.lookups();
    const found =
      lookups.modelsByFile.get(wanted) ??
      lookups.modelsByFile.get(wanted.replace(/^\.\//, '')) ??
      lookups.modelsByTable.get(wanted) ??
      lookups.modelsByOp.get(wanted);
    if (found !== undefined) return { model: found };
    const models = this.analysis.models().models;
    const candidates = models.flatMap((model) => [
      model.file,
      ...(model.table === undefined ? [] : [model.table]),
      ...model.ops.map((op) => op.exportName),
    ]);
    return { suggestions: closeMatches(wanted, candidates) };
  }

  /** Tables, model ops and server actions with this name, and everywhere each is referenced. */
  findUsages(name: string): UsageLookup {
    const wanted = name.trim();
    const graph = this.analysis.graph();
    const { bindings } = this.analysis.schema();
    const definitions: { definition: SymbolDefinition; ref: SymbolRef }[] = [];
    for (const table of this.analysis.tables()) {
      if (table.name !== wanted && table.sqlName !== wanted) continue;
      definitions.push({
        definition: { kind: 'table', name: table.name, file: table.file, line: table.line },
        ref: bindings.get(tableKey(table))!,
      });
    }
    for (const model of this.analysis.models().models) {
      for (const op of model.ops) {
        if (op.exportName !== wanted) continue;
        const ref = graph.resolveExport(model.file, op.exportName);
        if (ref !== undefined)
          definitions.push({
            definition: { kind: 'model-op', name: op.exportName, file: model.file, line: op.line },
            ref,
          });
      }
    }
    for (const action of this.analysis.actions()) {
      if (action.name !== wanted) continue;
      const ref = action.exported
        ? graph.resolveExport(action.file, action.name)
        : { file: action.file, name: action.name };
      if (ref !== undefined)
        definitions.push({
          definition: { kind: 'action', name: action.name, file: action.file, line: action.line },
          ref,
        });
    }
    if (definitions.length === 0) {
      const candidates = [
        ...this.analysis.tables().flatMap((table) => [table.name, table.sqlName]),
        ...this.analysis.models().models.flatMap((model) => model.ops.map((op) => op.exportName)),
        ...this.analysis.actions().map((action) => action.name),
      ];
      return { suggestions: closeMatches(wanted, candidates) };
    }
    const usages = this.analysis.usages();
    const seen = new Set<string>();
    const found: Usage[] = [];
    for (const { ref } of definitions) {
      const key = symbolKey(ref);
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(...(usages.get(key) ?? []));
    }
    found.sort(byLocation);
    return { definitions: definitions.map((entry) => entry.definition), usages: found };
  }

  /** Every place a table (TS or SQL name), model op or server action is referenced; [] when unknown. */
  usagesOf(name: string): Usage[] {
    return this.findUsages(name).usages ?? [];
  }

  /** Foreign keys leaving a table and those pointing at it (matched by SQL name and schema). */
  foreignKeysOf(table: Table): { outgoing: ForeignKeyEdge[]; incoming: ForeignKeyEdge[] } {
    const outgoing = table.foreignKeys.map((foreignKey) => ({ table: table.name, foreignKey }));
    return { outgoing, incoming: [...(this.lookups().incoming.get(table.sqlName) ?? [])] };
  }

  /** The table and the tables within `depth` foreign-key or relation hops of it, for a diagram. */
  neighbours(table: Table, depth = 1): Table[] {
    const tables = this.analysis.tables();
    const bySqlName = new Map(tables.map((candidate) => [candidate.sqlName, candidate]));
    const byName = new Map(tables.map((candidate) => [candidate.name, candidate]));
    const adjacent = new Map<Table, Set<Table>>();
    const link = (a: Table, b: Table | undefined) => {
      if (b === undefined || a === b) return;
      (adjacent.get(a) ?? adjacent.set(a, new Set()).get(a)!).add(b);
      (adjacent.get(b) ?? adjacent.set(b, new Set()).get(b)!).add(a);
    };
    for (const candidate of tables) {
      for (const foreignKey of candidate.foreignKeys) link(candidate, bySqlName.get(foreignKey.foreignTable));
      for (const relation of candidate.relations) link(candidate, byName.get(relation.target));
    }
    const result = new Set<Table>([table]);
    let frontier = [table];
    for (let hop = 0; hop < depth; hop++) {
      const next: Table[] = [];
      for (const current of frontier) {
        for (const neighbour of adjacent.get(current) ?? []) {
          if (!result.has(neighbour)) {
            result.add(neighbour);
            next.push(neighbour);
          }
        }
      }
      frontier = next;
    }
    return [...result];
  }
}

export function byLocation(a: { file: string; line: number }, b: { file: string; line: number }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}
