/**
 * A deterministic generator of Next.js + Drizzle projects built on the many-first pattern, used by the
 * lint and inspection benchmarks. N tables are spread over eight domain schema files; every table gets a
 * model (`src/models/<table>.ts`), a server-action module (`src/actions/<table>.ts`) and a test factory
 * (`tests/factories/<table>.factory.ts`); every tenth table a page. The same seed always writes the same
 * bytes.
 *
 *   tsx bench/generate.ts --tables 1000 --out bench/.out/p1000 [--seed 1]
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../test-factory/random.js';

export interface GenerateOptions {
  tables: number;
  seed?: number;
}

export interface GeneratedProject {
  files: number;
}

/** Written at the root of every generated project, so a rerun may replace it and nothing else. */
export const MARKER_FILE = '.many-first-bench';

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const result = [...items];
    for (let i = result.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [result[i], result[j]] = [result[j]!, result[i]!];
    }
    return result;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Names

interface Domain {
  name: string;
  nouns: ReadonlyArray<readonly [singular: string, plural: string]>;
}

// prettier-ignore
const DOMAINS: readonly Domain[] = [
  {
    name: 'accounts',
    nouns: [
      ['user', 'users'], ['team', 'teams'], ['membership', 'memberships'], ['invitation', 'invitations'],
      ['session', 'sessions'], ['api_key', 'api_keys'], ['role', 'roles'], ['permission', 'permissions'],
      ['profile', 'profiles'], ['preference', 'preferences'], ['device', 'devices'], ['login', 'logins'],
      ['identity', 'identities'], ['organization', 'organizations'], ['seat', 'seats'], ['token', 'tokens'],
      ['credential', 'credentials'], ['workspace', 'workspaces'], ['policy', 'policies'], ['group', 'groups'],
    ],
  },
  {
    name: 'catalog',
    nouns: [
      ['product', 'products'], ['category', 'categories'], ['variant', 'variants'], ['brand', 'brands'],
      ['collection', 'collections'], ['attribute', 'attributes'], ['price', 'prices'], ['image', 'images'],
      ['bundle', 'bundles'], ['supplier', 'suppliers'], ['warehouse', 'warehouses'], ['stock_level', 'stock_levels'],
      ['tag', 'tags'], ['option', 'options'], ['listing', 'listings'], ['sku', 'skus'], ['manual', 'manuals'],
      ['spec', 'specs'], ['badge', 'badges'], ['feature', 'features'],
    ],
  },
  {
    name: 'commerce',
    nouns: [
      ['order', 'orders'], ['order_line', 'order_lines'], ['cart', 'carts'], ['cart_item', 'cart_items'],
      ['shipment', 'shipments'], ['return_request', 'return_requests'], ['discount', 'discounts'], ['coupon', 'coupons'],
      ['address', 'addresses'], ['fulfillment', 'fulfillments'], ['parcel', 'parcels'], ['carrier', 'carriers'],
      ['quote', 'quotes'], ['reservation', 'reservations'], ['wishlist', 'wishlists'], ['checkout', 'checkouts'],
      ['promotion', 'promotions'], ['gift_card', 'gift_cards'], ['store', 'stores'], ['channel', 'channels'],
    ],
  },
  {
    name: 'billing',
    nouns: [
      ['invoice', 'invoices'], ['invoice_line', 'invoice_lines'], ['payment', 'payments'], ['refund', 'refunds'],
      ['subscription', 'subscriptions'], ['plan', 'plans'], ['charge', 'charges'], ['payout', 'payouts'],
      ['ledger_entry', 'ledger_entries'], ['tax_rate', 'tax_rates'], ['credit_note', 'credit_notes'],
      ['usage_record', 'usage_records'], ['dispute', 'disputes'], ['receipt', 'receipts'], ['account', 'accounts'],
      ['balance', 'balances'], ['transfer', 'transfers'], ['meter', 'meters'], ['mandate', 'mandates'],
      ['statement', 'statements'],
    ],
  },
  {
    name: 'content',
    nouns: [
      ['post', 'posts'], ['page', 'pages'], ['article', 'articles'], ['asset', 'assets'], ['revision', 'revisions'],
      ['section', 'sections'], ['block', 'blocks'], ['menu', 'menus'], ['menu_item', 'menu_items'],
      ['author', 'authors'], ['topic', 'topics'], ['series_entry', 'series_entries'], ['snippet', 'snippets'],
      ['template', 'templates'], ['locale', 'locales'], ['translation', 'translations'], ['redirect', 'redirects'],
      ['glossary_term', 'glossary_terms'], ['newsletter', 'newsletters'], ['issue', 'issues'],
    ],
  },
  {
    name: 'community',
    nouns: [
      ['comment', 'comments'], ['reaction', 'reactions'], ['follow', 'follows'], ['thread', 'threads'],
      ['message', 'messages'], ['review', 'reviews'], ['vote', 'votes'], ['report', 'reports'],
      ['notification', 'notifications'], ['mention', 'mentions'], ['forum', 'forums'], ['badge_award', 'badge_awards'],
      ['event', 'events'], ['rsvp', 'rsvps'], ['poll', 'polls'], ['poll_choice', 'poll_choices'],
      ['bookmark', 'bookmarks'], ['block_list', 'block_lists'], ['moderation_case', 'moderation_cases'],
      ['channel_member', 'channel_members'],
    ],
  },
  {
    name: 'operations',
    nouns: [
      ['job', 'jobs'], ['job_run', 'job_runs'], ['task', 'tasks'], ['ticket', 'tickets'], ['incident', 'incidents'],
      ['runbook', 'runbooks'], ['deployment', 'deployments'], ['environment', 'environments'],
      ['webhook', 'webhooks'], ['webhook_delivery', 'webhook_deliveries'], ['integration', 'integrations'],
      ['schedule', 'schedules'], ['shift', 'shifts'], ['alert', 'alerts'], ['escalation', 'escalations'],
      ['checklist', 'checklists'], ['import_batch', 'import_batches'], ['export_batch', 'export_batches'], ['queue', 'queues'],
      ['lease', 'leases'],
    ],
  },
  {
    name: 'analytics',
    nouns: [
      ['page_view', 'page_views'], ['metric', 'metrics'], ['dashboard', 'dashboards'], ['widget', 'widgets'],
      ['funnel', 'funnels'], ['funnel_step', 'funnel_steps'], ['cohort', 'cohorts'], ['segment', 'segments'],
      ['experiment', 'experiments'], ['variation', 'variations'], ['goal', 'goals'], ['report_run', 'report_runs'],
      ['snapshot', 'snapshots'], ['annotation', 'annotations'], ['dataset', 'datasets'], ['query', 'queries'],
      ['chart', 'charts'], ['threshold', 'thresholds'], ['forecast', 'forecasts'], ['sample', 'samples'],
    ],
  },
];

// prettier-ignore
const QUALIFIERS = [
  'archived', 'draft', 'external', 'internal', 'legacy', 'pending', 'scheduled', 'shared', 'regional',
  'partner', 'vendor', 'customer', 'staff', 'guest', 'trial', 'premium', 'public', 'private', 'seasonal',
  'daily', 'weekly', 'monthly', 'annual', 'mobile', 'web', 'batch', 'manual', 'auto', 'primary', 'secondary',
  'local', 'global', 'featured', 'imported', 'synced', 'pinned', 'temporary', 'verified', 'sandbox', 'audit',
] as const;

interface TableNames {
  /** snake_case plural, the SQL name: `invoice_lines`. */
  sql: string;
  /** snake_case singular: `invoice_line`. */
  sqlSingular: string;
  /** The TS export: `invoiceLines`. */
  plural: string;
  /** `invoiceLine`. */
  singular: string;
  /** `InvoiceLines`. */
  Plural: string;
  /** `InvoiceLine`. */
  Singular: string;
  /** `invoice-lines`, the model, action and factory file name. */
  kebab: string;
  /** `Invoice lines`, for messages and headings. */
  label: string;
}

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
const pascal = (snake: string) => camel(snake).replace(/^[a-z]/, (letter) => letter.toUpperCase());

function tableNames(singular: string, plural: string): TableNames {
  const label = plural.replace(/_/g, ' ');
  return {
    sql: plural,
    sqlSingular: singular,
    plural: camel(plural),
    singular: camel(singular),
    Plural: pascal(plural),
    Singular: pascal(singular),
    kebab: plural.replace(/_/g, '-'),
    label: label[0]!.toUpperCase() + label.slice(1),
  };
}

/** Unique names per domain: the bare nouns first, then qualified ones, then numbered ones. */
function* domainNames(domain: Domain, random: Random): Generator<TableNames> {
  for (const [singular, plural] of domain.nouns) yield tableNames(singular, plural);
  const qualified = random.shuffle(
    QUALIFIERS.flatMap((qualifier) =>
      domain.nouns.map(([s, p]) => [`${qualifier}_${s}`, `${qualifier}_${p}`] as const),
    ),
  );
  for (const [singular, plural] of qualified) yield tableNames(singular, plural);
  for (let round = 2; ; round++) {
    for (const [singular, plural] of qualified)
      yield tableNames(`${singular}_${round}`, `${plural}_${round}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The table model the templates render

type IdKind = 'uuid' | 'serial' | 'identity' | 'text' | 'composite';
type ValueKind = 'string' | 'number' | 'boolean' | 'date' | 'json' | 'stringArray' | 'enum' | 'decimal';

interface ColumnSpec {
  key: string;
  /** The column builder expression, e.g. `varchar('name', { length: 200 }).notNull()`. */
  builder: string;
  kind: ValueKind;
  /** Required on insert (not null and no default). */
  required: boolean;
  nullable: boolean;
  /** The zod schema of the action input for this column. */
  zod: string;
  /** An expression the test factory uses, with `n` the sequence number. */
  sample: string;
  role?:
    | 'label'
    | 'slug'
    | 'email'
    | 'code'
    | 'archived'
    | 'active'
    | 'status'
    | 'position'
    | 'amount'
    | 'published';
}

interface ForeignKey {
  key: string;
  target: TableSpec;
  required: boolean;
}

interface TableSpec {
  index: number;
  domain: number;
  names: TableNames;
  idKind: IdKind;
  columns: ColumnSpec[];
  foreignKeys: ForeignKey[];
  enumValues?: string[];
  timestamps: boolean;
  softDelete: boolean;
  selfReference: boolean;
  /** Source lines of the third pgTable argument, already rendered. */
  constraints: string[];
  objectConstraints: boolean;
  drizzleImports: Set<string>;
}

const idType = (table: TableSpec) =>
  table.idKind === 'serial' || table.idKind === 'identity' ? 'number' : 'string';
const idZod = (table: TableSpec) =>
  table.idKind === 'uuid'
    ? 'z.uuid()'
    : idType(table) === 'number'
      ? 'z.number().int().positive()'
      : 'z.string().min(1)';

const STATUS_SETS = [
  ['draft', 'active', 'archived'],
  ['pending', 'processing', 'completed', 'failed'],
  ['open', 'in_progress', 'resolved', 'closed'],
  ['requested', 'approved', 'rejected'],
  ['scheduled', 'running', 'succeeded', 'cancelled'],
] as const;

function planColumns(random: Random, table: TableSpec): void {
  const { names, columns } = table;
  const add = (column: ColumnSpec) => {
    if (!columns.some((existing) => existing.key === column.key)) columns.push(column);
  };
  const imports = table.drizzleImports;

  if (table.idKind !== 'composite') {
    const labelKey = random.pick(['name', 'title', 'label', 'subject', 'headline']);
    const length = random.pick([120, 200, 255]);
    imports.add('varchar');
    add({
      key: labelKey,
      builder: `varchar('${labelKey}', { length: ${length} }).notNull()`,
      kind: 'string',
      required: true,
      nullable: false,
      zod: `z.string().trim().min(1).max(${length})`,
      sample: `\`${names.label} \${n}\``,
      role: 'label',
    });
  }

  const extras = random.int(3, 9);
  for (let i = 0; i < extras; i++) {
    switch (random.int(0, 13)) {
      case 0:
        imports.add('varchar');
        add({
          key: 'slug',
          builder: `varchar('slug', { length: 160 }).notNull()`,
          kind: 'string',
          required: true,
          nullable: false,
          zod: `z.string().regex(/^[a-z0-9-]+$/)`,
          sample: `\`${names.kebab}-\${n}\``,
          role: 'slug',
        });
        break;
      case 1:
        imports.add('varchar');
        add({
          key: 'email',
          builder: `varchar('email', { length: 320 }).notNull()`,
          kind: 'string',
          required: true,
          nullable: false,
          zod: 'z.email()',
          sample: `\`${names.kebab}-\${n}@example.com\``,
          role: 'email',
        });
        break;
      case 2:
        imports.add('varchar');
        add({
          key: 'code',
          builder: `varchar('code', { length: 32 }).notNull().unique()`,
          kind: 'string',
          required: true,
          nullable: false,
          zod: 'z.string().min(2).max(32)',
          sample: `\`${names.sqlSingular.toUpperCase().slice(0, 12)}-\${n}\``,
          role: 'code',
        });
        break;
      case 3: {
        const key = random.pick(['description', 'notes', 'body', 'summary']);
        imports.add('text');
        // Some columns omit the SQL name; drizzle then uses the key.
        add({
          key,
          builder: random.chance(0.3) ? 'text()' : `text('${key}')`,
          kind: 'string',
          required: false,
          nullable: true,
          zod: 'z.string().max(10_000).nullish()',
          sample: `\`Generated ${key} \${n}\``,
        });
        break;
      }
      case 4: {
        const key = random.pick(['quantity', 'priority', 'score', 'attempts']);
        imports.add('integer');
        add({
          key,
          builder: `integer('${key}').notNull().default(0)`,
          kind: 'number',
          required: false,
          nullable: false,
          zod: 'z.number().int().min(0).optional()',
          sample: 'n % 10',
        });
        break;
      }
      case 5:
        imports.add('integer');
        add({
          key: 'position',
          builder: `integer('position').notNull().default(0)`,
          kind: 'number',
          required: false,
          nullable: false,
          zod: 'z.number().int().min(0).optional()',
          sample: 'n',
          role: 'position',
        });
        break;
      case 6:
        imports.add('numeric');
        add({
          key: 'amount',
          builder: `numeric('amount', { precision: 12, scale: 2 }).notNull()`,
          kind: 'decimal',
          required: true,
          nullable: false,
          zod: 'z.string().regex(/^-?\\d+(\\.\\d{1,2})?$/)',
          sample: '`${n}.00`',
          role: 'amount',
        });
        imports.add('varchar');
        add({
          key: 'currency',
          builder: `varchar('currency', { length: 3 }).notNull().default('USD')`,
          kind: 'string',
          required: false,
          nullable: false,
          zod: 'z.string().length(3).optional()',
          sample: "'USD'",
        });
        break;
      case 7:
        imports.add('boolean');
        add({
          key: 'isArchived',
          builder: `boolean('is_archived').notNull().default(false)`,
          kind: 'boolean',
          required: false,
          nullable: false,
          zod: 'z.boolean().optional()',
          sample: 'false',
          role: 'archived',
        });
        break;
      case 8:
        imports.add('boolean');
        add({
          key: 'isActive',
          builder: `boolean('is_active').notNull().default(true)`,
          kind: 'boolean',
          required: false,
          nullable: false,
          zod: 'z.boolean().optional()',
          sample: 'true',
          role: 'active',
        });
        break;
      case 9: {
        const [key, sqlName] = random.pick([
          ['publishedAt', 'published_at'],
          ['expiresAt', 'expires_at'],
          ['startsAt', 'starts_at'],
          ['lastSeenAt', 'last_seen_at'],
        ] as const);
        imports.add('timestamp');
        add({
          key,
          builder: `timestamp('${sqlName}', { withTimezone: true })`,
          kind: 'date',
          required: false,
          nullable: true,
          zod: 'z.coerce.date().nullish()',
          sample: 'new Date(Date.UTC(2024, 0, 1 + (n % 28)))',
          role: key === 'publishedAt' ? 'published' : undefined,
        });
        break;
      }
      case 10: {
        const key = random.pick(['metadata', 'settings', 'payload', 'attributes']);
        imports.add('jsonb');
        add({
          key,
          builder: `jsonb('${key}').$type<Record<string, unknown>>().notNull().default({})`,
          kind: 'json',
          required: false,
          nullable: false,
          zod: 'z.record(z.string(), z.unknown()).optional()',
          sample: '{ source: "factory", n }',
        });
        break;
      }
      case 11:
        imports.add('text');
        add({
          key: 'labels',
          builder: `text('labels').array().notNull().default([])`,
          kind: 'stringArray',
          required: false,
          nullable: false,
          zod: 'z.array(z.string().min(1)).max(20).optional()',
          sample: "['generated']",
        });
        break;
      case 12:
      case 13:
        if (table.enumValues === undefined) {
          table.enumValues = [...random.pick(STATUS_SETS)];
          imports.add('pgEnum');
          add({
            key: 'status',
            builder: `${names.singular}StatusEnum('status').notNull().default('${table.enumValues[0]}')`,
            kind: 'enum',
            required: false,
            nullable: false,
            zod: `z.enum(${names.singular}StatusEnum.enumValues).optional()`,
            sample: `'${table.enumValues[0]}' as const`,
            role: 'status',
          });
        }
        break;
    }
  }
}

function planConstraints(random: Random, table: TableSpec): void {
  const { names, constraints, drizzleImports: imports } = table;
  if (table.idKind === 'composite') {
    imports.add('primaryKey');
    constraints.push(
      `primaryKey({ name: '${names.sql}_pkey', columns: [t.${table.foreignKeys[0]!.key}, t.${table.foreignKeys[1]!.key}] })`,
    );
    imports.add('index');
    constraints.push(
      `index('${names.sql}_${snake(table.foreignKeys[1]!.key)}_idx').on(t.${table.foreignKeys[1]!.key})`,
    );
    return;
  }
  for (const foreignKey of table.foreignKeys) {
    if (random.chance(0.7)) {
      imports.add('index');
      constraints.push(`index('${names.sql}_${snake(foreignKey.key)}_idx').on(t.${foreignKey.key})`);
    }
  }
  const owner = table.foreignKeys.find((foreignKey) => foreignKey.required);
  for (const column of table.columns) {
    if (column.role === 'slug' || column.role === 'email') {
      imports.add('uniqueIndex');
      const scope = owner !== undefined && random.chance(0.6) ? `t.${owner.key}, ` : '';
      const suffix = scope === '' ? column.key : `${snake(owner!.key)}_${column.key}`;
      constraints.push(`uniqueIndex('${names.sql}_${suffix}_key').on(${scope}t.${column.key})`);
    }
    if (column.role === 'amount' || (column.kind === 'number' && random.chance(0.3))) {
      imports.add('check');
      constraints.push(`check('${names.sql}_${snake(column.key)}_check', sql\`\${t.${column.key}} >= 0\`)`);
    }
  }
  if (table.timestamps && random.chance(0.25)) {
    imports.add('index');
    constraints.push(`index('${names.sql}_created_at_idx').on(t.createdAt)`);
  }
}

const snake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function planTables(count: number, random: Random): TableSpec[] {
  const generators = DOMAINS.map((domain) => domainNames(domain, random));
  const tables: TableSpec[] = [];
  const used = new Set<string>();
  for (let index = 0; index < count; index++) {
    // Contiguous blocks per domain, so foreign keys only point to the same or an earlier schema file.
    const domain = Math.min(DOMAINS.length - 1, Math.floor((index * DOMAINS.length) / count));
    const candidates = tables.filter((table) => table.idKind !== 'composite');
    let composite = candidates.length >= 2 && random.chance(0.08);
    const idKind: IdKind = composite
      ? 'composite'
      : random.pick([
          'uuid',
          'uuid',
          'uuid',
          'uuid',
          'uuid',
          'uuid',
          'serial',
          'serial',
          'identity',
          'text',
        ] as const);
    const table: TableSpec = {
      index,
      domain,
      names: undefined as unknown as TableNames,
      idKind,
      columns: [],
      foreignKeys: [],
      timestamps: composite ? random.chance(0.3) : random.chance(0.85),
      softDelete: !composite && random.chance(0.15),
      selfReference: !composite && random.chance(0.05),
      constraints: [],
      objectConstraints: random.chance(0.1),
      drizzleImports: new Set(['pgTable']),
    };

    // Parents: mostly recent tables (the same feature), sometimes an older one.
    const wanted = composite ? 2 : random.pick([0, 1, 1, 1, 2, 2, 3]);
    const chosen = new Set<TableSpec>();
    for (let attempt = 0; chosen.size < wanted && attempt < 10 && candidates.length > 0; attempt++) {
      const recent = random.chance(0.7);
      const from = recent ? Math.max(0, candidates.length - 12) : 0;
      chosen.add(candidates[random.int(from, candidates.length - 1)]!);
    }
    for (const target of chosen) {
      table.foreignKeys.push({
        key: `${target.names.singular}Id`,
        target,
        required: composite || random.chance(0.7),
      });
    }
    // A join table is named after the two tables it links (`product_tags`) when that name is free.
    const [a, b] = table.foreignKeys;
    const joinName =
      a !== undefined && b !== undefined ? `${a.target.names.sqlSingular}_${b.target.names.sql}` : '';
    if (composite && (b === undefined || used.has(joinName))) {
      composite = false;
      table.idKind = 'uuid';
    }
    let names: TableNames;
    if (composite) {
      names = tableNames(`${a!.target.names.sqlSingular}_${b!.target.names.sqlSingular}`, joinName);
    } else {
      do names = generators[domain]!.next().value as TableNames;
      while (used.has(names.sql));
    }
    used.add(names.sql);
    table.names = names;
    planColumns(random, table);
    planConstraints(random, table);
    tables.push(table);
  }
  return tables;
}

// ---------------------------------------------------------------------------------------------------------
// Templates

// prettier-ignore
const DRIZZLE_IMPORT_ORDER = [
  'boolean', 'check', 'index', 'integer', 'jsonb', 'numeric', 'pgEnum', 'pgTable', 'primaryKey', 'serial', 'text',
  'timestamp', 'uniqueIndex', 'uuid', 'varchar', 'type AnyPgColumn',
];

function idColumn(table: TableSpec): string | undefined {
  switch (table.idKind) {
    case 'uuid':
      return `id: uuid('id').primaryKey().defaultRandom(),`;
    case 'serial':
      return `id: serial('id').primaryKey(),`;
    case 'identity':
      return `id: integer('id').primaryKey().generatedAlwaysAsIdentity(),`;
    case 'text':
      return `id: text('id').primaryKey().$defaultFn(createId),`;
    case 'composite':
      return undefined;
  }
}

function foreignKeyColumn(foreignKey: ForeignKey): string {
  const { target } = foreignKey;
  const type = target.idKind === 'uuid' ? 'uuid' : target.idKind === 'text' ? 'text' : 'integer';
  const onDelete = foreignKey.required ? 'cascade' : 'set null';
  const notNull = foreignKey.required ? '.notNull()' : '';
  return `${foreignKey.key}: ${type}('${snake(foreignKey.key)}')${notNull}.references(() => ${target.names.plural}.id, { onDelete: '${onDelete}' }),`;
}

function renderTable(table: TableSpec): string {
  const { names } = table;
  const lines: string[] = [];
  const idBuilder = {
    uuid: 'uuid',
    serial: 'serial',
    identity: 'integer',
    text: 'text',
    composite: undefined,
  }[table.idKind];
  if (idBuilder !== undefined) table.drizzleImports.add(idBuilder);
  for (const foreignKey of table.foreignKeys) {
    const type =
      foreignKey.target.idKind === 'uuid' ? 'uuid' : foreignKey.target.idKind === 'text' ? 'text' : 'integer';
    table.drizzleImports.add(type);
  }
  if (table.enumValues !== undefined) {
    lines.push(
      `export const ${names.singular}StatusEnum = pgEnum('${names.sqlSingular}_status', [${table.enumValues.map((value) => `'${value}'`).join(', ')}]);`,
      '',
    );
  }
  lines.push(`export const ${names.plural} = pgTable(`, `  '${names.sql}',`, '  {');
  const id = idColumn(table);
  if (id !== undefined) lines.push(`    ${id}`);
  for (const foreignKey of table.foreignKeys) lines.push(`    ${foreignKeyColumn(foreignKey)}`);
  if (table.selfReference) {
    const type = table.idKind === 'uuid' ? 'uuid' : table.idKind === 'text' ? 'text' : 'integer';
    table.drizzleImports.add('type AnyPgColumn');
    lines.push(`    parentId: ${type}('parent_id').references((): AnyPgColumn => ${names.plural}.id),`);
  }
  for (const column of table.columns) lines.push(`    ${column.key}: ${column.builder},`);
  if (table.softDelete) lines.push('    ...softDelete,');
  if (table.timestamps) lines.push('    ...timestamps,');
  if (table.constraints.length === 0) {
    lines.push('  },', ');');
  } else if (table.objectConstraints) {
    // The older object form of the third argument, still common in real code.
    lines.push('  },', '  (t) => ({');
    table.constraints.forEach((constraint, position) => lines.push(`    c${position}: ${constraint},`));
    lines.push('  }),', ');');
  } else {
    lines.push('  },', '  (t) => [');
    for (const constraint of table.constraints) lines.push(`    ${constraint},`);
    lines.push('  ],', ');');
  }
  if (table.foreignKeys.length > 0) {
    lines.push(
      '',
      `export const ${names.plural}Relations = relations(${names.plural}, ({ one }) => ({`,
      ...table.foreignKeys.map(
        (foreignKey) =>
          `  ${foreignKey.target.names.singular}: one(${foreignKey.target.names.plural}, { fields: [${names.plural}.${foreignKey.key}], references: [${foreignKey.target.names.plural}.id] }),`,
      ),
      '}));',
    );
  }
  return lines.join('\n');
}

function renderSchemaFile(domain: Domain, tables: TableSpec[]): string {
  const rendered = tables.map(renderTable);
  const pgCore = new Set<string>();
  for (const table of tables) for (const name of table.drizzleImports) pgCore.add(name);
  const usesSql = tables.some((table) =>
    table.constraints.some((constraint) => constraint.startsWith('check(')),
  );
  const usesRelations = tables.some((table) => table.foreignKeys.length > 0);
  const usesTimestamps = tables.some((table) => table.timestamps);
  const usesSoftDelete = tables.some((table) => table.softDelete);
  const usesCreateId = tables.some((table) => table.idKind === 'text');
  const own = new Set(tables);
  const foreign = new Map<string, Set<string>>();
  for (const table of tables) {
    for (const foreignKey of table.foreignKeys) {
      if (own.has(foreignKey.target)) continue;
      const file = `./schema.${DOMAINS[foreignKey.target.domain]!.name}`;
      if (!foreign.has(file)) foreign.set(file, new Set());
      foreign.get(file)!.add(foreignKey.target.names.plural);
    }
  }
  const header = [
    `// The ${domain.name} domain: ${tables.length} tables.`,
    ...(usesRelations || usesSql
      ? [
          `import { ${[usesRelations && 'relations', usesSql && 'sql'].filter(Boolean).join(', ')} } from 'drizzle-orm';`,
        ]
      : []),
    `import { ${DRIZZLE_IMPORT_ORDER.filter((name) => pgCore.has(name)).join(', ')} } from 'drizzle-orm/pg-core';`,
    ...(usesTimestamps || usesSoftDelete
      ? [
          `import { ${[usesSoftDelete && 'softDelete', usesTimestamps && 'timestamps'].filter(Boolean).join(', ')} } from './columns';`,
        ]
      : []),
    ...(usesCreateId ? [`import { createId } from '@/lib/ids';`] : []),
    ...[...foreign.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([file, names]) => `import { ${[...names].sort().join(', ')} } from '${file}';`),
  ];
  return `${header.join('\n')}\n\n${rendered.join('\n\n')}\n`;
}

function labelColumn(table: TableSpec): ColumnSpec | undefined {
  return table.columns.find((column) => column.role === 'label');
}

function hasRole(table: TableSpec, role: ColumnSpec['role']): ColumnSpec | undefined {
  return table.columns.find((column) => column.role === role);
}

function schemaImport(table: TableSpec): string {
  return `@/lib/db/schema.${DOMAINS[table.domain]!.name}`;
}

function renderModel(table: TableSpec): string {
  const { names } = table;
  const t = names.plural;
  const Id = idType(table);
  const drizzle = new Set<string>(['inArray']);
  const functions: string[] = [];

  if (table.idKind === 'composite') {
    const [a, b] = table.foreignKeys as [ForeignKey, ForeignKey];
    drizzle.add('and');
    drizzle.add('eq');
    drizzle.add('or');
    functions.push(
      `/** Links many pairs at once; pairs that already exist are left alone. */
export async function link${names.Plural}(pairs: New${names.Singular}[]) {
  if (pairs.length === 0) return [];
  return db.insert(${t}).values(pairs).onConflictDoNothing().returning();
}`,
      `/** Removes the given pairs in one statement. */
export async function unlink${names.Plural}(pairs: Pick<${names.Singular}, '${a.key}' | '${b.key}'>[]) {
  if (pairs.length === 0) return [];
  return delete${names.Plural}([
    or(...pairs.map((pair) => and(eq(${t}.${a.key}, pair.${a.key}), eq(${t}.${b.key}, pair.${b.key})))),
  ]);
}`,
      `export async function select${names.Plural}By${a.target.names.Singular}Ids(${a.target.names.singular}Ids: ${idType(a.target)}[]) {
  if (${a.target.names.singular}Ids.length === 0) return [];
  return select${names.Plural}([inArray(${t}.${a.key}, ${a.target.names.singular}Ids)]);
}`,
    );
  } else {
    const label = labelColumn(table)!;
    drizzle.add('ilike');
    functions.push(
      `/** Case-insensitive search on the ${label.key}, newest first. */
export async function search${names.Plural}(query: string, { limit = 25 }: { limit?: number } = {}) {
  const pattern = \`%\${query.replace(/[%_]/g, (match) => \`\\\\\${match}\`)}%\`;
  return select${names.Plural}([ilike(${t}.${label.key}, pattern)], {
    orderBy: [${table.timestamps ? `desc(${t}.createdAt)` : `asc(${t}.${label.key})`}],
    limit,
  });
}`,
    );
    drizzle.add(table.timestamps ? 'desc' : 'asc');
    const owner = table.foreignKeys[0];
    if (owner !== undefined) {
      const parent = owner.target.names;
      functions.push(
        `export async function select${names.Plural}By${parent.Singular}Ids(${parent.singular}Ids: ${idType(owner.target)}[]) {
  if (${parent.singular}Ids.length === 0) return [];
  return select${names.Plural}([inArray(${t}.${owner.key}, ${parent.singular}Ids)]);
}`,
        `/** Groups rows by their ${parent.singular}, keeping the order the ids were given in. */
export function group${names.Plural}By${parent.Singular}(rows: ${names.Singular}[], ${parent.singular}Ids: ${idType(owner.target)}[]) {
  const byParent = new Map(${parent.singular}Ids.map((id) => [id, [] as ${names.Singular}[]]));
  for (const row of rows) {
    if (row.${owner.key} !== null) byParent.get(row.${owner.key})?.push(row);
  }
  return byParent;
}`,
      );
    }
    if (hasRole(table, 'archived') !== undefined) {
      functions.push(
        `export async function archive${names.Plural}(ids: ${Id}[], { tx }: { tx?: Transaction } = {}) {
  if (ids.length === 0) return [];
  return update${names.Plural}([inArray(${t}.id, ids)], { isArchived: true }, { tx });
}`,
      );
    }
    if (hasRole(table, 'active') !== undefined) {
      drizzle.add('eq');
      functions.push(
        `export async function selectActive${names.Plural}({ limit = 100, offset = 0 } = {}) {
  return select${names.Plural}([eq(${t}.isActive, true)], { limit, offset });
}`,
      );
    }
    if (hasRole(table, 'status') !== undefined) {
      drizzle.add('sql');
      functions.push(
        `/** How many rows are in each status, for the dashboard counters. */
export async function count${names.Plural}ByStatus() {
  const rows = await db
    .select({ status: ${t}.status, total: sql<number>\`cast(count(*) as integer)\` })
    .from(${t})
    .groupBy(${t}.status);
  return Object.fromEntries(rows.map((row) => [row.status, row.total])) as Partial<Record<${names.Singular}['status'], number>>;
}`,
      );
    }
    if (hasRole(table, 'position') !== undefined) {
      drizzle.add('eq');
      functions.push(
        `/** Writes the positions of many rows in one transaction, in the order given. */
export async function reorder${names.Plural}(orderedIds: ${Id}[]) {
  return db.transaction(async (tx) => {
    const updated: ${names.Singular}[] = [];
    for (const [position, id] of orderedIds.entries()) {
      updated.push(...(await update${names.Plural}([eq(${t}.id, id)], { position }, { tx })));
    }
    return updated;
  });
}`,
      );
    }
    if (hasRole(table, 'amount') !== undefined) {
      functions.push(
        `/** Sums amounts per currency; numeric columns arrive as strings, so cents avoid float drift. */
export function total${names.Plural}Amount(rows: Pick<${names.Singular}, 'amount' | 'currency'>[]) {
  const totals = new Map<string, number>();
  for (const row of rows) {
    const cents = Math.round(Number.parseFloat(row.amount) * 100);
    totals.set(row.currency, (totals.get(row.currency) ?? 0) + cents);
  }
  return [...totals].map(([currency, cents]) => ({ currency, amount: (cents / 100).toFixed(2) }));
}`,
      );
    }
    if (hasRole(table, 'published') !== undefined) {
      drizzle.add('isNotNull');
      drizzle.add('lte');
      functions.push(
        `export async function selectPublished${names.Plural}(now = new Date(), { limit = 50 } = {}) {
  return select${names.Plural}([isNotNull(${t}.publishedAt), lte(${t}.publishedAt, now)], { limit });
}`,
      );
    }
    if (table.softDelete) {
      drizzle.add('isNull');
      functions.push(
        `export async function softDelete${names.Plural}(ids: ${Id}[]) {
  if (ids.length === 0) return [];
  return update${names.Plural}([inArray(${t}.id, ids), isNull(${t}.deletedAt)], { deletedAt: new Date() });
}`,
      );
    }
  }

  const body = functions.join('\n\n');
  const used = [...drizzle].filter((name) => new RegExp(`\\b${name}[(<]`).test(body)).sort();
  const lines = [
    ...(used.length > 0 ? [`import { ${used.join(', ')} } from 'drizzle-orm';`] : []),
    `import { db } from '@/lib/db';`,
    `import { ${t} } from '${schemaImport(table)}';`,
    `import { createModelFactory${body.includes('Transaction') ? ', type Transaction' : ''} } from '@/lib/models';`,
    '',
    `export type ${names.Singular} = typeof ${t}.$inferSelect;`,
    `export type New${names.Singular} = typeof ${t}.$inferInsert;`,
    '',
    'const {',
    '  insert,',
    '  select,',
    '  update,',
    '  delete: deleteOp,',
    '  upsert,',
    '  count,',
    '  buildConditions,',
    '  takeFirst,',
    `} = createModelFactory(db, '${names.sql}', ${t});`,
    '',
    `export const insert${names.Plural} = insert;`,
    `export const select${names.Plural} = select;`,
    `export const update${names.Plural} = update;`,
    `export const delete${names.Plural} = deleteOp;`,
    `export const upsert${names.Plural} = upsert;`,
    `export const count${names.Plural} = count;`,
    `export const build${names.Singular}Conditions = buildConditions;`,
    `export const takeFirst${names.Singular} = takeFirst;`,
    '',
    body,
    '',
  ];
  return lines.join('\n');
}

function inputFields(table: TableSpec): string[] {
  const fields: string[] = [];
  for (const foreignKey of table.foreignKeys) {
    const zod = idZod(foreignKey.target);
    fields.push(`  ${foreignKey.key}: ${foreignKey.required ? zod : `${zod}.nullish()`},`);
  }
  for (const column of table.columns) fields.push(`  ${column.key}: ${column.zod},`);
  return fields;
}

function renderActions(table: TableSpec): string {
  const { names } = table;
  const t = names.plural;
  const model = `@/models/${names.kebab}`;
  const input = `${names.singular}Input`;
  const drizzle = new Set<string>();
  const modelImports = new Set<string>([`insert${names.Plural}`]);
  const blocks: string[] = [];
  const needsEnum = table.enumValues !== undefined;

  blocks.push(`const ${input} = z.object({
${inputFields(table).join('\n')}
});

export type ${names.Singular}Input = z.input<typeof ${input}>;

function firstIssue(error: z.ZodError) {
  const issue = error.issues[0];
  return issue === undefined ? 'Invalid input' : \`\${issue.path.join('.') || 'input'}: \${issue.message}\`;
}`);

  const created = table.idKind === 'composite' ? 'link' : 'create';
  blocks.push(`export async function ${created}${names.Singular}(input: ${names.Singular}Input) {
  const parsed = ${input}.safeParse(input);
  if (!parsed.success) return { success: false as const, error: firstIssue(parsed.error) };
  try {
    const [${names.singular}] = await insert${names.Plural}([parsed.data]);
    revalidatePath('/${names.kebab}');
    return { success: true as const, ${names.singular} };
  } catch (error) {
    console.error('${created}${names.Singular} failed', error);
    return { success: false as const, error: 'Could not save the ${names.label.toLowerCase()} entry' };
  }
}`);

  if (table.idKind === 'composite') {
    const [a, b] = table.foreignKeys as [ForeignKey, ForeignKey];
    modelImports.add(`unlink${names.Plural}`);
    blocks.push(`const pairsInput = z
  .array(z.object({ ${a.key}: ${idZod(a.target)}, ${b.key}: ${idZod(b.target)} }))
  .min(1)
  .max(500);

export async function unlink${names.Plural}Action(pairs: z.input<typeof pairsInput>) {
  const parsed = pairsInput.safeParse(pairs);
  if (!parsed.success) return { success: false as const, error: firstIssue(parsed.error) };
  const removed = await unlink${names.Plural}(parsed.data);
  revalidatePath('/${names.kebab}');
  return { success: true as const, removed: removed.length };
}`);
  } else {
    drizzle.add('eq');
    drizzle.add('inArray');
    modelImports.add(`update${names.Plural}`);
    modelImports.add(`delete${names.Plural}`);
    blocks.push(`const idsInput = z.array(${idZod(table)}).min(1).max(500);

export async function update${names.Singular}(id: ${idType(table)}, input: Partial<${names.Singular}Input>) {
  const parsed = ${input}.partial().safeParse(input);
  if (!parsed.success) return { success: false as const, error: firstIssue(parsed.error) };
  const [${names.singular}] = await update${names.Plural}([eq(${t}.id, id)], parsed.data);
  if (${names.singular} === undefined) return { success: false as const, error: '${names.label} entry not found' };
  revalidatePath('/${names.kebab}');
  return { success: true as const, ${names.singular} };
}

export async function remove${names.Plural}(ids: ${idType(table)}[]) {
  const parsed = idsInput.safeParse(ids);
  if (!parsed.success) return { success: false as const, error: firstIssue(parsed.error) };
  const removed = await delete${names.Plural}([inArray(${t}.id, parsed.data)]);
  revalidatePath('/${names.kebab}');
  return { success: true as const, removed: removed.length };
}`);
    if (hasRole(table, 'archived') !== undefined) {
      modelImports.add(`archive${names.Plural}`);
      blocks.push(`export async function bulkArchive${names.Plural}(ids: ${idType(table)}[]) {
  const parsed = idsInput.safeParse(ids);
  if (!parsed.success) return { success: false as const, error: firstIssue(parsed.error) };
  const archived = await archive${names.Plural}(parsed.data);
  revalidatePath('/${names.kebab}');
  return { success: true as const, archived: archived.length };
}`);
    }
    if (hasRole(table, 'position') !== undefined) {
      modelImports.add(`reorder${names.Plural}`);
      blocks.push(`export async function save${names.Singular}Order(orderedIds: ${idType(table)}[]) {
  const parsed = idsInput.safeParse(orderedIds);
  if (!parsed.success) return { success: false as const, error: firstIssue(parsed.error) };
  try {
    await reorder${names.Plural}(parsed.data);
    revalidatePath('/${names.kebab}');
    return { success: true as const };
  } catch (error) {
    console.error('save${names.Singular}Order failed', error);
    return { success: false as const, error: 'Could not save the new order' };
  }
}`);
    }
  }

  const header = [
    "'use server';",
    '',
    ...(drizzle.size > 0 ? [`import { ${[...drizzle].sort().join(', ')} } from 'drizzle-orm';`] : []),
    `import { revalidatePath } from 'next/cache';`,
    `import { z } from 'zod';`,
    `import { ${[t, ...(needsEnum ? [`${names.singular}StatusEnum`] : [])].join(', ')} } from '${schemaImport(table)}';`,
    `import { ${[...modelImports].sort().join(', ')} } from '${model}';`,
  ];
  // A composite table's schema import is only needed for its enum.
  if (table.idKind === 'composite' && !needsEnum)
    header.splice(header.indexOf(`import { ${t} } from '${schemaImport(table)}';`), 1);
  return `${header.join('\n')}\n\n${blocks.join('\n\n')}\n`;
}

function renderFactory(table: TableSpec): string {
  const { names } = table;
  const parents = table.foreignKeys.filter((foreignKey) => foreignKey.required);
  const lines = [
    `import { defineFactory } from './define-factory';`,
    `import { insert${names.Plural}, type New${names.Singular} } from '@/models/${names.kebab}';`,
    ...parents
      .filter(
        (foreignKey, position) =>
          parents.findIndex((other) => other.target === foreignKey.target) === position,
      )
      .map(
        (foreignKey) =>
          `import { ${foreignKey.target.names.singular}Factory } from './${foreignKey.target.names.kebab}.factory';`,
      ),
    '',
    `export const ${names.singular}Factory = defineFactory({`,
    `  async attributes(n: number, overrides: Partial<New${names.Singular}>): Promise<New${names.Singular}> {`,
    '    return {',
    ...parents.map(
      (foreignKey) =>
        `      ${foreignKey.key}: overrides.${foreignKey.key} ?? (await ${foreignKey.target.names.singular}Factory.create()).id,`,
    ),
    ...table.columns
      .filter((column) => column.required || column.role === 'label')
      .map((column) => `      ${column.key}: ${column.sample},`),
    '      ...overrides,',
    '    };',
    '  },',
    `  insert: insert${names.Plural},`,
    '  traits: {',
  ];
  const traits: string[] = [];
  if (hasRole(table, 'archived') !== undefined) traits.push('    archived: { isArchived: true },');
  if (hasRole(table, 'active') !== undefined) traits.push('    inactive: { isActive: false },');
  for (const value of table.enumValues ?? []) {
    if (!traits.some((trait) => trait.startsWith(`    ${camel(value)}:`))) {
      traits.push(`    ${camel(value)}: { status: '${value}' as const },`);
    }
  }
  if (hasRole(table, 'published') !== undefined)
    traits.push(`    published: { publishedAt: new Date('2024-01-01T00:00:00Z') },`);
  for (const column of table.columns.filter((column) => column.kind === 'string' && column.nullable)) {
    traits.push(`    without${pascal(snake(column.key))}: { ${column.key}: null },`);
  }
  lines.push(...traits, '  },', '});', '');
  return lines.join('\n');
}

function renderPage(table: TableSpec): string {
  const { names } = table;
  const t = names.plural;
  const label = labelColumn(table);
  const key =
    table.idKind === 'composite'
      ? `\`\${row.${table.foreignKeys[0]!.key}}:\${row.${table.foreignKeys[1]!.key}}\``
      : 'row.id';
  const text = label !== undefined ? `row.${label.key}` : `row.${table.foreignKeys[0]!.key}`;
  const order = table.timestamps
    ? `desc(${t}.createdAt)`
    : `asc(${t}.${label?.key ?? table.foreignKeys[0]!.key})`;
  return `import { ${table.timestamps ? 'desc' : 'asc'} } from 'drizzle-orm';
import { ${t} } from '${schemaImport(table)}';
import { count${names.Plural}, select${names.Plural} } from '@/models/${names.kebab}';

export const metadata = { title: '${names.label}' };

export default async function ${names.Plural}Page({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const page = Math.max(1, Number((await searchParams).page ?? '1') || 1);
  const [rows, total] = await Promise.all([
    select${names.Plural}([], { orderBy: [${order}], limit: 50, offset: (page - 1) * 50 }),
    count${names.Plural}([]),
  ]);
  return (
    <main>
      <h1>
        ${names.label} <small>({total})</small>
      </h1>
      <ul>
        {rows.map((row) => (
          <li key={${key}}>{String(${text})}</li>
        ))}
      </ul>
    </main>
  );
}
`;
}

// ---------------------------------------------------------------------------------------------------------
// Fixed files

const MODEL_FACTORY = `import { and, count as countAll, type SQL } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { db as database } from '@/lib/db';

export type Database = typeof database;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface OpOptions {
  /** Run inside a transaction: \`db.transaction((tx) => insertTags(rows, { tx }))\`. */
  tx?: Transaction;
}

export interface SelectOptions extends OpOptions {
  orderBy?: SQL[];
  limit?: number;
  offset?: number;
}

/** Postgres refuses statements with more bind parameters than this. */
const MAX_PARAMETERS = 65_535;

/**
 * The many-first model factory: every op takes and returns arrays. \`insert([])\` is free, big inserts are
 * chunked under the bind-parameter limit inside one transaction, and update/delete without conditions
 * refuse to run unless told \`{ all: true }\`.
 */
export function createModelFactory<TTable extends PgTable>(db: Database, tableName: string, table: TTable) {
  type Row = TTable['$inferSelect'];
  type NewRow = TTable['$inferInsert'];
  const executor = (options?: OpOptions) => options?.tx ?? db;
  const target = table as PgTable;

  const buildConditions = (conditions: (SQL | undefined)[]) => and(...conditions);

  function requireConditions(op: string, conditions: (SQL | undefined)[], all?: boolean) {
    if (conditions.length === 0 && all !== true) {
      throw new Error(\`\${tableName}.\${op} without conditions; pass { all: true } to touch every row\`);
    }
  }

  async function insert(rows: NewRow[], options?: OpOptions): Promise<Row[]> {
    if (rows.length === 0) return [];
    const width = Math.max(1, ...rows.map((row) => Object.keys(row as object).length));
    const size = Math.max(1, Math.floor(MAX_PARAMETERS / width));
    const write = async (tx: Database | Transaction) => {
      const inserted: Row[] = [];
      for (let start = 0; start < rows.length; start += size) {
        const chunk = rows.slice(start, start + size) as PgInsertValue<TTable>[];
        inserted.push(...((await tx.insert(table).values(chunk).returning()) as Row[]));
      }
      return inserted;
    };
    if (rows.length <= size) return write(executor(options));
    return options?.tx ? write(options.tx) : db.transaction(write);
  }

  async function select(conditions: (SQL | undefined)[], options: SelectOptions = {}): Promise<Row[]> {
    let query = executor(options).select().from(target).where(buildConditions(conditions)).$dynamic();
    if (options.orderBy) query = query.orderBy(...options.orderBy);
    if (options.limit !== undefined) query = query.limit(options.limit);
    if (options.offset !== undefined) query = query.offset(options.offset);
    return (await query) as Row[];
  }

  async function update(
    conditions: (SQL | undefined)[],
    values: Partial<NewRow>,
    options: OpOptions & { all?: boolean } = {},
  ): Promise<Row[]> {
    requireConditions('update', conditions, options.all);
    const set = values as PgUpdateSetSource<TTable>;
    return (await executor(options).update(table).set(set).where(buildConditions(conditions)).returning()) as Row[];
  }

  async function deleteOp(conditions: (SQL | undefined)[], options: OpOptions & { all?: boolean } = {}): Promise<Row[]> {
    requireConditions('delete', conditions, options.all);
    return (await executor(options).delete(table).where(buildConditions(conditions)).returning()) as Row[];
  }

  async function upsert(
    rows: NewRow[],
    conflict: { target: PgColumn | PgColumn[]; set: Partial<NewRow> },
    options?: OpOptions,
  ): Promise<Row[]> {
    if (rows.length === 0) return [];
    return (await executor(options)
      .insert(table)
      .values(rows as PgInsertValue<TTable>[])
      .onConflictDoUpdate({ target: conflict.target, set: conflict.set as PgUpdateSetSource<TTable> })
      .returning()) as Row[];
  }

  async function count(conditions: (SQL | undefined)[], options?: OpOptions): Promise<number> {
    const [row] = await executor(options).select({ value: countAll() }).from(target).where(buildConditions(conditions));
    return row?.value ?? 0;
  }

  async function takeFirst(conditions: (SQL | undefined)[], options: SelectOptions = {}): Promise<Row | undefined> {
    const [row] = await select(conditions, { ...options, limit: 1 });
    return row;
  }

  return { insert, select, update, delete: deleteOp, upsert, count, buildConditions, takeFirst };
}
`;

const DEFINE_FACTORY = `/**
 * A small test-factory builder: \`attributes\` builds one row (creating required parents), \`insert\` is the
 * model's many-first insert, and each trait is a set of overrides: \`tagFactory.with('archived').create()\`.
 */
export interface FactoryDefinition<New, Row, Traits extends Record<string, Partial<New>>> {
  attributes(n: number, overrides: Partial<New>): Promise<New>;
  insert(rows: New[]): Promise<Row[]>;
  traits: Traits;
}

let sequence = 0;

export function defineFactory<New, Row, Traits extends Record<string, Partial<New>>>(
  definition: FactoryDefinition<New, Row, Traits>,
) {
  const build = (traits: (keyof Traits)[]) => {
    const base = Object.assign({}, ...traits.map((name) => definition.traits[name])) as Partial<New>;
    const factory = {
      with: (...more: (keyof Traits)[]) => build([...traits, ...more]),
      async create(overrides: Partial<New> = {}): Promise<Row> {
        const [row] = await factory.createMany(1, overrides);
        return row!;
      },
      async createMany(count: number, overrides: Partial<New> = {}): Promise<Row[]> {
        const rows: New[] = [];
        for (let i = 0; i < count; i++) rows.push(await definition.attributes(++sequence, { ...base, ...overrides }));
        return definition.insert(rows);
      },
    };
    return factory;
  };
  return build([]);
}
`;

function fixedFiles(tables: TableSpec[], seed: number): Record<string, string> {
  const domains = DOMAINS.map((domain) => domain.name);
  const pages = tables.filter((table) => table.index % 10 === 0);
  return {
    [MARKER_FILE]: `generated by bench/generate.ts: ${tables.length} tables, seed ${seed}\n`,
    '.gitignore': 'node_modules/\n.next/\n.env*.local\n',
    '.env.example': 'DATABASE_URL=postgres://app:app@localhost:5432/app\n',
    'README.md': `# Generated many-first app (${tables.length} tables)

A Next.js + Drizzle project written by \`bench/generate.ts\` (seed ${seed}) for benchmarks. Tables live in
eight domain schema files under \`src/lib/db/\`; each has a model in \`src/models/\`, server actions in
\`src/actions/\` and a test factory in \`tests/factories/\`.
`,
    'package.json': `${JSON.stringify(
      {
        name: `generated-app-${tables.length}`,
        private: true,
        type: 'module',
        scripts: { dev: 'next dev', build: 'next build', 'db:generate': 'drizzle-kit generate' },
        dependencies: {
          'drizzle-orm': '^0.45.4',
          next: '^16.4.6',
          pg: '^8.23.1',
          react: '^19.3.1',
          zod: '^4.6.7',
        },
        devDependencies: { 'drizzle-kit': '^0.31.11', typescript: '~6.0.3' },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['dom', 'dom.iterable', 'ES2023'],
          module: 'esnext',
          moduleResolution: 'bundler',
          jsx: 'preserve',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          isolatedModules: true,
          esModuleInterop: true,
          resolveJsonModule: true,
          types: ['node'],
          paths: { '@/*': ['./src/*'] },
        },
        include: ['src', 'tests', 'drizzle.config.ts', 'next.config.ts'],
      },
      null,
      2,
    )}\n`,
    'next.config.ts': `import type { NextConfig } from 'next';

const config: NextConfig = {
  typedRoutes: true,
  serverExternalPackages: ['pg'],
};

export default config;
`,
    'drizzle.config.ts': `import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/lib/db/schema.*.ts',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://app:app@localhost:5432/app' },
  strict: true,
});
`,
    'src/lib/db/README.md': `# src/lib/db

The database client (\`index.ts\`) and the schema, one file per domain: ${domains.map((name) => `\`schema.${name}.ts\``).join(', ')}.
Shared column groups live in \`columns.ts\`. A foreign key only points to a table in the same or an earlier
domain file, so schema files never import each other in a cycle.
`,
    'src/lib/db/columns.ts': `import { timestamp } from 'drizzle-orm/pg-core';

/** Spread into every table that tracks when rows change. */
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

/** Rows that are hidden rather than deleted. */
export const softDelete = {
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
};
`,
    'src/lib/db/index.ts': `import { drizzle } from 'drizzle-orm/node-postgres';
${domains.map((name) => `import * as ${camel(name)} from './schema.${name}';`).join('\n')}

export const schema = { ${domains.map(camel).join(', ')} };

export const db = drizzle(process.env.DATABASE_URL ?? 'postgres://app:app@localhost:5432/app', {
  schema: { ${domains.map((name) => `...${camel(name)}`).join(', ')} },
});
`,
    'src/lib/ids.ts': `import { randomUUID } from 'node:crypto';

/** Text primary keys: a prefix-free random id that sorts nowhere in particular. */
export function createId(): string {
  return randomUUID().replace(/-/g, '');
}
`,
    'src/lib/models/README.md': `# src/lib/models

\`createModelFactory(db, tableName, table)\` and its types. Every op takes and returns arrays; read this
before adding an op.
`,
    'src/lib/models/index.ts': MODEL_FACTORY,
    'src/lib/action-result.ts': `/** What every server action returns; the client decides where to navigate. */
export type ActionResult<T extends object = object> = ({ success: true } & T) | { success: false; error: string };
`,
    'src/models/README.md': `# src/models

One module per table: \`createModelFactory\` ops re-exported under plural names (\`insertTags\`,
\`selectTags\`, …) and the table's business logic, which always takes arrays.
`,
    'src/actions/README.md': `# src/actions

Server actions, one module per table. Each starts with \`'use server'\`, validates input with zod, calls
model ops (never \`db\` directly) and returns \`{ success, … }\`; it never calls \`redirect()\`.
`,
    'src/app/layout.tsx': `import type { ReactNode } from 'react';

export const metadata = { title: 'Generated app' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
    'src/app/page.tsx': `const sections = [
${pages.map((table) => `  { href: '/${table.names.kebab}', label: '${table.names.label}' },`).join('\n')}
];

export default function HomePage() {
  return (
    <main>
      <h1>Generated app</h1>
      <nav>
        <ul>
          {sections.map((section) => (
            <li key={section.href}>
              <a href={section.href}>{section.label}</a>
            </li>
          ))}
        </ul>
      </nav>
    </main>
  );
}
`,
    'src/app/error.tsx': `'use client';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main>
      <h1>Something went wrong</h1>
      <p>{error.digest ?? error.message}</p>
      <button onClick={reset}>Try again</button>
    </main>
  );
}
`,
    'src/app/loading.tsx': `export default function Loading() {
  return <p aria-busy="true">Loading…</p>;
}
`,
    'src/middleware.ts': `import { NextResponse, type NextRequest } from 'next/server';

/** Sends visitors without a session cookie to the sign-in page; everything else passes through. */
export function middleware(request: NextRequest) {
  if (request.cookies.has('session')) return NextResponse.next();
  return NextResponse.redirect(new URL('/sign-in', request.url));
}

export const config = { matcher: ['/((?!_next|sign-in|favicon.ico).*)'] };
`,
    'src/lib/session.ts': `import { cookies } from 'next/headers';

export interface Session {
  userId: string;
  expiresAt: Date;
}

/** The signed-in user's session from the cookie, or null; server code only. */
export async function getSession(): Promise<Session | null> {
  const raw = (await cookies()).get('session')?.value;
  if (raw === undefined) return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { userId?: unknown; exp?: unknown };
    if (typeof parsed.userId !== 'string' || typeof parsed.exp !== 'number') return null;
    const expiresAt = new Date(parsed.exp * 1000);
    return expiresAt > new Date() ? { userId: parsed.userId, expiresAt } : null;
  } catch {
    return null;
  }
}
`,
    'src/lib/format.ts': `const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

export function formatDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return dateFormat.format(typeof value === 'string' ? new Date(value) : value);
}

/** Numeric columns arrive as strings; format them without going through floats twice. */
export function formatMoney(amount: string, currency = 'USD'): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(Number(amount));
}
`,
    'src/app/not-found.tsx': `export default function NotFound() {
  return (
    <main>
      <h1>Not found</h1>
    </main>
  );
}
`,
    'tests/README.md': `# tests

Unit tests for models and integration tests for actions, built on the factories in \`tests/factories/\`.
`,
    'tests/factories/README.md': `# tests/factories

One factory per table (\`<table>.factory.ts\`), built with \`defineFactory\`. Prefer traits over overrides:
\`orderFactory.with('pending').create()\`.
`,
    'tests/factories/define-factory.ts': DEFINE_FACTORY,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/** Every file of the project, path → content, in a stable order. */
export function renderProject(options: GenerateOptions): Map<string, string> {
  const { tables: count, seed = 1 } = options;
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`tables must be a positive integer, got ${count}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const random = new Random(seed);
  const tables = planTables(count, random);
  const files = new Map<string, string>(Object.entries(fixedFiles(tables, seed)));
  DOMAINS.forEach((domain, position) => {
    files.set(
      `src/lib/db/schema.${domain.name}.ts`,
      renderSchemaFile(
        domain,
        tables.filter((table) => table.domain === position),
      ),
    );
  });
  for (const table of tables) {
    files.set(`src/models/${table.names.kebab}.ts`, renderModel(table));
    files.set(`src/actions/${table.names.kebab}.ts`, renderActions(table));
    files.set(`tests/factories/${table.names.kebab}.factory.ts`, renderFactory(table));
    if (table.index % 10 === 0)
      files.set(`src/app/(dashboard)/${table.names.kebab}/page.tsx`, renderPage(table));
  }
  return files;
}

/**
 * Writes a project of `tables` tables into `dir`. An existing directory is replaced only when an earlier
 * run generated it (it holds the marker file); any other non-empty directory is refused.
 */
export async function generateProject(dir: string, options: GenerateOptions): Promise<GeneratedProject> {
  const files = renderProject(options);
  if (existsSync(dir)) {
    const entries = await readdir(dir);
    if (entries.length > 0 && !entries.includes(MARKER_FILE)) {
      throw new Error(
        `${dir} is not empty and was not generated by bench/generate.ts; refusing to overwrite it`,
      );
    }
    await rm(dir, { recursive: true, force: true });
  }
  const directories = new Set<string>();
  for (const path of files.keys()) directories.add(dirname(join(dir, path)));
  for (const directory of [...directories].sort()) await mkdir(directory, { recursive: true });
  const entries = [...files];
  const batch = 64;
  for (let start = 0; start < entries.length; start += batch) {
    await Promise.all(
      entries.slice(start, start + batch).map(([path, text]) => writeFile(join(dir, path), text)),
    );
  }
  return { files: files.size };
}

async function cli(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tables: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  const tables = Number(values.tables);
  const seed = Number(values.seed);
  const out = resolve(values.out ?? `bench/.out/p${tables}`);
  const started = performance.now();
  const { files } = await generateProject(out, { tables, seed });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stdout.write(
    `generated ${files} files for ${tables} tables (seed ${seed}) in ${out} (${seconds} s)\n`,
  );
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`bench/generate: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
