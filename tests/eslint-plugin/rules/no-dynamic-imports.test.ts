import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../../eslint-plugin/rules/no-dynamic-imports.js';
import { assertionOptions, code, projectFile } from '../rule-tester.js';

// Constructed in the suite, not imported, so eslint-plugin-eslint-plugin's test rules can find its cases.
const ruleTester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });

const file = projectFile('src/lib/report.ts');
const componentFile = projectFile('src/app/dashboard/page.tsx');

ruleTester.run('no-dynamic-imports', rule, {
  assertionOptions,
  valid: [
    {
      name: 'static imports',
      filename: file,
      code: code`
        import { format } from 'date-fns';
        import * as charts from './charts';
        export const title = format(new Date(), 'PP') + charts.name;
      `,
    },
    {
      name: "an import('x').T type position",
      filename: file,
      code: code`
        type Chart = import('./charts').Chart;
        export function draw(chart: Chart) {
          return chart;
        }
      `,
    },
    {
      name: "typeof import('x')",
      filename: file,
      code: code`
        let charts: typeof import('./charts');
        export { charts };
      `,
    },
    {
      name: 'a type argument of import type',
      filename: file,
      code: code`
        export type Loaded = Promise<typeof import('./charts')>;
      `,
    },
    {
      name: 'a specifier listed in allow',
      filename: file,
      options: [{ allow: ['./heavy-pdf'] }],
      code: code`
        export async function renderPdf() {
          const { render } = await import('./heavy-pdf');
          return render();
        }
      `,
    },
    {
      name: 'a glob listed in allow',
      filename: projectFile('src/lib/i18n.ts'),
      options: [{ allow: ['@/locales/*'] }],
      code: code`
        export function loadMessages() {
          return import('@/locales/en');
        }
      `,
    },
    {
      name: 'a ** glob for JSON files',
      filename: projectFile('src/lib/i18n.ts'),
      options: [{ allow: ['**/*.json'] }],
      code: code`
        export const messages = () => import('../../messages/en.json');
      `,
    },
    {
      name: 'next/dynamic when allowLazyComponents is set',
      filename: componentFile,
      options: [{ allowLazyComponents: true }],
      code: code`
        import dynamic from 'next/dynamic';
        const Chart = dynamic(() => import('@/components/chart'), { ssr: false });
        export default function Page() {
          return <Chart />;
        }
      `,
    },
    {
      name: 'React.lazy when allowLazyComponents is set',
      filename: componentFile,
      options: [{ allowLazyComponents: true }],
      code: code`
        import React from 'react';
        const Editor = React.lazy(() => import('./editor'));
        export default function Page() {
          return <Editor />;
        }
      `,
    },
    {
      name: 'lazy with a named export picked in .then, when allowed',
      filename: componentFile,
      options: [{ allowLazyComponents: true }],
      code: code`
        import { lazy } from 'react';
        const Editor = lazy(() => import('./editor').then((module) => ({ default: module.Editor })));
        export default function Page() {
          return <Editor />;
        }
      `,
    },
    {
      name: 'React.lazy through a namespace import in a .js file, when allowed',
      filename: projectFile('src/app/widgets.js'),
      options: [{ allowLazyComponents: true }],
      code: code`
        import * as React from 'react';
        export const Map = React.lazy(function load() {
          return import('./map');
        });
      `,
    },
    {
      name: 'require is a different rule',
      filename: projectFile('scripts/seed.cjs'),
      code: code`
        const { seed } = require('./seed-data');
        seed();
      `,
    },
    {
      name: 'a method called import',
      filename: file,
      code: code`
        export function load(registry: { import(name: string): unknown }) {
          return registry.import('charts');
        }
      `,
    },
    {
      name: 'import.meta',
      filename: file,
      code: code`
        export const here = new URL('.', import.meta.url);
      `,
    },
    {
      name: 'import() inside a string',
      filename: file,
      code: code`
        export const hint = "use import('x') only where allowed";
      `,
    },
    {
      name: 'a re-export',
      filename: file,
      code: code`
        export * from './charts';
        export { default as Chart } from './chart';
      `,
    },
    {
      name: 'a JSDoc import type in a .js file',
      filename: projectFile('src/lib/format.js'),
      code: code`
        /** @param {import('./charts').Chart} chart */
        export function name(chart) {
          return chart.name;
        }
      `,
    },
    {
      name: 'import type',
      filename: file,
      code: code`
        import type { Chart } from './charts';
        export const charts: Chart[] = [];
      `,
    },
    {
      name: 'import equals require',
      filename: file,
      code: code`
        import fs = require('node:fs');
        export const exists = fs.existsSync;
      `,
    },
    {
      name: 'a declared module with an import type',
      filename: projectFile('src/types/env.d.ts'),
      code: code`
        declare module 'charts' {
          export type Theme = import('./themes').Theme;
        }
      `,
    },
    {
      name: 'next/dynamic under another name when allowLazyComponents is set',
      filename: componentFile,
      options: [{ allowLazyComponents: true }],
      code: code`
        import loadable from 'next/dynamic';
        const Map = loadable(() => import('@/components/map'), { ssr: false });
        export default function Page() {
          return <Map />;
        }
      `,
    },
    {
      name: "import('x').T in a generic constraint and a return type",
      filename: file,
      code: code`
        export function first<T extends import('./charts').Chart>(charts: T[]): import('./charts').Chart | undefined {
          return charts[0];
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'const m = await import(x) at the top level becomes a namespace import',
      filename: file,
      code: code`
        const charts = await import('./charts');
        export const name = charts.name;
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './charts' },
          line: 1,
          column: 22,
          endLine: 1,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'useStaticImport',
              data: { source: './charts' },
              output: code`
                import * as charts from './charts';
                export const name = charts.name;
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'const { a } = await import(x) in a function moves under the imports',
      filename: file,
      code: code`
        import { db } from '@/lib/db';
        export async function exportReport() {
          const { toCsv } = await import('./csv');
          return toCsv(await db.select().from(reports));
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './csv' },
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'useStaticImport',
              data: { source: './csv' },
              output: code`
                import { db } from '@/lib/db';
                import { toCsv } from './csv';
                export async function exportReport() {
                  return toCsv(await db.select().from(reports));
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a default and a renamed binding',
      filename: file,
      code: code`
        import { z } from 'zod';
        export async function chart() {
          const { default: Chart, helpers: chartHelpers } = await import('./chart');
          return new Chart(chartHelpers, z);
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './chart' },
          line: 3,
          column: 59,
          endLine: 3,
          endColumn: 76,
          suggestions: [
            {
              messageId: 'useStaticImport',
              data: { source: './chart' },
              output: code`
                import { z } from 'zod';
                import Chart, { helpers as chartHelpers } from './chart';
                export async function chart() {
                  return new Chart(chartHelpers, z);
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'import().then() has no mechanical rewrite',
      filename: file,
      code: code`
        export function load() {
          return import('./charts').then((module) => module.default);
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './charts' },
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 28,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a template specifier is reported with its source text',
      filename: projectFile('src/lib/i18n.ts'),
      options: [{ allow: ['@/locales/*'] }],
      code: code`
        export function loadMessages(locale: string) {
          return import(\`@/locales/\${locale}\`);
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: '`@/locales/${locale}`' },
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 39,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a computed specifier',
      filename: file,
      code: code`
        export function plugin(path: string) {
          return import(path);
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: 'path' },
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 22,
          suggestions: [],
        },
      ],
    },
    {
      name: 'next/dynamic by default',
      filename: componentFile,
      code: code`
        import dynamic from 'next/dynamic';
        const Chart = dynamic(() => import('@/components/chart'));
        export default function Page() {
          return <Chart />;
        }
      `,
      errors: [
        {
          messageId: 'lazyComponent',
          data: { source: '@/components/chart', wrapper: 'dynamic' },
          line: 2,
          column: 29,
          endLine: 2,
          endColumn: 57,
          suggestions: [],
        },
      ],
    },
    {
      name: 'React.lazy by default',
      filename: componentFile,
      code: code`
        import React from 'react';
        const Editor = React.lazy(() => import('./editor'));
        export default function Page() {
          return <Editor />;
        }
      `,
      errors: [
        {
          messageId: 'lazyComponent',
          data: { source: './editor', wrapper: 'React.lazy' },
          line: 2,
          column: 33,
          endLine: 2,
          endColumn: 51,
          suggestions: [],
        },
      ],
    },
    {
      name: 'lazy as a named import',
      filename: componentFile,
      code: code`
        import { lazy } from 'react';
        const Editor = lazy(() => import('./editor'));
        export default Editor;
      `,
      errors: [
        {
          messageId: 'lazyComponent',
          data: { source: './editor', wrapper: 'lazy' },
          line: 2,
          column: 27,
          endLine: 2,
          endColumn: 45,
          suggestions: [],
        },
      ],
    },
    {
      name: 'next/dynamic under another name, picking a named export',
      filename: componentFile,
      code: code`
        import load from 'next/dynamic';
        const Map = load(() => import('./map').then((module) => module.Map), { ssr: false });
        export default Map;
      `,
      errors: [
        {
          messageId: 'lazyComponent',
          data: { source: './map', wrapper: 'load' },
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 39,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a local function named dynamic is not next/dynamic',
      filename: componentFile,
      options: [{ allowLazyComponents: true }],
      code: code`
        const dynamic = (load: () => Promise<unknown>) => load;
        export const Chart = dynamic(() => import('./chart'));
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './chart' },
          line: 2,
          column: 36,
          endLine: 2,
          endColumn: 53,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a specifier outside allow',
      filename: file,
      options: [{ allow: ['./heavy-pdf'] }],
      code: code`
        const { render } = await import('./light-pdf');
        export { render };
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './light-pdf' },
          line: 1,
          column: 26,
          endLine: 1,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'useStaticImport',
              data: { source: './light-pdf' },
              output: code`
                import { render } from './light-pdf';
                export { render };
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a client component's effect, under the 'use client' directive",
      filename: projectFile('src/app/map.tsx'),
      code: code`
        'use client';
        export function Map() {
          useEffect(() => {
            void (async () => {
              const leaflet = await import('leaflet');
              leaflet.map('map');
            })();
          }, []);
          return <div id="map" />;
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: 'leaflet' },
          line: 5,
          column: 29,
          endLine: 5,
          endColumn: 46,
          suggestions: [
            {
              messageId: 'useStaticImport',
              data: { source: 'leaflet' },
              output: code`
                'use client';
                import * as leaflet from 'leaflet';
                export function Map() {
                  useEffect(() => {
                    void (async () => {
                      leaflet.map('map');
                    })();
                  }, []);
                  return <div id="map" />;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a .js file without semicolons, double quotes kept',
      filename: projectFile('src/lib/mailer.js'),
      code: code`
        export async function send(message) {
          const mailer = await import("nodemailer")
          return mailer.createTransport({}).sendMail(message)
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: 'nodemailer' },
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'useStaticImport',
              data: { source: 'nodemailer' },
              output: code`
                import * as mailer from "nodemailer"
                export async function send(message) {
                  return mailer.createTransport({}).sendMail(message)
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'no suggestion when the name is taken at module level',
      filename: file,
      code: code`
        const toCsv = 'csv';
        export async function exportReport() {
          const { toCsv } = await import('./csv');
          return toCsv;
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './csv' },
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 42,
          suggestions: [],
        },
      ],
    },
    {
      name: 'no suggestion for a binding that is reassigned',
      filename: file,
      code: code`
        export async function pick() {
          let charts = await import('./charts');
          charts = fallback;
          return charts;
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './charts' },
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 40,
          suggestions: [],
        },
      ],
    },
    {
      name: 'no suggestion with import attributes',
      filename: file,
      code: code`
        export async function config() {
          const data = await import('./config.json', { with: { type: 'json' } });
          return data;
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './config.json' },
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 73,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a side-effect import() keeps its timing: no suggestion',
      filename: file,
      code: code`
        export async function start() {
          await import('./polyfills');
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './polyfills' },
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 30,
          suggestions: [],
        },
      ],
    },
    {
      name: 'no suggestion for an exported binding',
      filename: file,
      code: code`
        export const charts = await import('./charts');
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './charts' },
          line: 1,
          column: 29,
          endLine: 1,
          endColumn: 47,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a server action importing lazily',
      filename: projectFile('src/actions/reports.ts'),
      code: code`
        'use server';
        import { selectReports } from '@/models/reports';
        export async function exportReports() {
          const rows = await selectReports([]);
          const { stringify } = await import('csv-stringify/sync');
          return { success: true, csv: stringify(rows) };
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: 'csv-stringify/sync' },
          line: 5,
          column: 31,
          endLine: 5,
          endColumn: 59,
          suggestions: [
            {
              messageId: 'useStaticImport',
              data: { source: 'csv-stringify/sync' },
              output: code`
                'use server';
                import { selectReports } from '@/models/reports';
                import { stringify } from 'csv-stringify/sync';
                export async function exportReports() {
                  const rows = await selectReports([]);
                  return { success: true, csv: stringify(rows) };
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'no suggestion when an enclosing function has a parameter of that name',
      filename: file,
      code: code`
        export async function formatDay(d: Date, format: (d: Date) => string) {
          if (d.getDay() === 0) {
            const { format } = await import('date-fns');
            return format(d, 'PP');
          }
          return format(d);
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: 'date-fns' },
          line: 3,
          column: 30,
          endLine: 3,
          endColumn: 48,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a class method, whose import moves under the imports',
      filename: file,
      code: code`
        import { selectReports } from '@/models/reports';
        export class ReportExporter {
          async toCsv(ownerId: string) {
            const { stringify } = await import('csv-stringify/sync');
            return stringify(await selectReports([eq(reports.ownerId, ownerId)]));
          }
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: 'csv-stringify/sync' },
          line: 4,
          column: 33,
          endLine: 4,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'useStaticImport',
              data: { source: 'csv-stringify/sync' },
              output: code`
                import { selectReports } from '@/models/reports';
                import { stringify } from 'csv-stringify/sync';
                export class ReportExporter {
                  async toCsv(ownerId: string) {
                    return stringify(await selectReports([eq(reports.ownerId, ownerId)]));
                  }
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an object-literal method awaiting import() inline: no suggestion',
      filename: file,
      code: code`
        export const exporters = {
          async csv(rows: Row[]) {
            return (await import('papaparse')).unparse(rows);
          },
        };
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: 'papaparse' },
          line: 3,
          column: 19,
          endLine: 3,
          endColumn: 38,
          suggestions: [],
        },
      ],
    },
    {
      name: "an inline 'use server' action in a Server Component",
      filename: projectFile('src/app/tasks/new/page.tsx'),
      code: code`
        import { insertTasks } from '@/models/tasks';
        export default function NewTaskPage() {
          async function create(formData: FormData) {
            'use server';
            const { parseTask } = await import('@/lib/task-form');
            await insertTasks([parseTask(formData)]);
          }
          return <form action={create} />;
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: '@/lib/task-form' },
          line: 5,
          column: 33,
          endLine: 5,
          endColumn: 58,
          suggestions: [
            {
              messageId: 'useStaticImport',
              data: { source: '@/lib/task-form' },
              output: code`
                import { insertTasks } from '@/models/tasks';
                import { parseTask } from '@/lib/task-form';
                export default function NewTaskPage() {
                  async function create(formData: FormData) {
                    'use server';
                    await insertTasks([parseTask(formData)]);
                  }
                  return <form action={create} />;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'React.lazy through a namespace import, without the option',
      filename: componentFile,
      code: code`
        import * as React from 'react';
        const Editor = React.lazy(() => import('./editor'));
        export default function Page() {
          return <Editor />;
        }
      `,
      errors: [
        {
          messageId: 'lazyComponent',
          data: { source: './editor', wrapper: 'React.lazy' },
          line: 2,
          column: 33,
          endLine: 2,
          endColumn: 51,
          suggestions: [],
        },
      ],
    },
    {
      name: 'lazy imported under another name',
      filename: componentFile,
      code: code`
        import { lazy as lazyLoad } from 'react';
        const Chart = lazyLoad(() => import('./chart'));
        export default function Page() {
          return <Chart />;
        }
      `,
      errors: [
        {
          messageId: 'lazyComponent',
          data: { source: './chart', wrapper: 'lazyLoad' },
          line: 2,
          column: 30,
          endLine: 2,
          endColumn: 47,
          suggestions: [],
        },
      ],
    },
    {
      name: 'an empty pattern at the top level becomes a side-effect import',
      filename: file,
      code: code`
        import { db } from '@/lib/db';
        export const ready = db;
        const {} = await import('./polyfills');
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './polyfills' },
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'useStaticImport',
              data: { source: './polyfills' },
              output: code`
                import { db } from '@/lib/db';
                import './polyfills';
                export const ready = db;
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'patterns an import clause cannot say get no suggestion',
      filename: file,
      code: code`
        export async function load(key: string) {
          const { [key]: picked } = await import('./a');
          const { nested: { deep } } = await import('./b');
          const { withDefault = 1 } = await import('./c');
          const { 'not-a-name': odd } = await import('./d');
          const { default: first, default: second } = await import('./e');
          const { ...rest } = await import('./f');
          const [head] = await import('./g');
          return [picked, deep, withDefault, odd, first, second, rest, head];
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './a' },
          line: 2,
          column: 35,
          endLine: 2,
          endColumn: 48,
          suggestions: [],
        },
        {
          messageId: 'dynamicImport',
          data: { source: './b' },
          line: 3,
          column: 38,
          endLine: 3,
          endColumn: 51,
          suggestions: [],
        },
        {
          messageId: 'dynamicImport',
          data: { source: './c' },
          line: 4,
          column: 37,
          endLine: 4,
          endColumn: 50,
          suggestions: [],
        },
        {
          messageId: 'dynamicImport',
          data: { source: './d' },
          line: 5,
          column: 39,
          endLine: 5,
          endColumn: 52,
          suggestions: [],
        },
        {
          messageId: 'dynamicImport',
          data: { source: './e' },
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 66,
          suggestions: [],
        },
        {
          messageId: 'dynamicImport',
          data: { source: './f' },
          line: 7,
          column: 29,
          endLine: 7,
          endColumn: 42,
          suggestions: [],
        },
        {
          messageId: 'dynamicImport',
          data: { source: './g' },
          line: 8,
          column: 24,
          endLine: 8,
          endColumn: 37,
          suggestions: [],
        },
      ],
    },
    {
      name: 'two declarators in one declaration get no suggestion',
      filename: file,
      code: code`
        export async function load() {
          const charts = await import('./charts'), limit = 10;
          return [charts, limit];
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './charts' },
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 42,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a file parsed as a script (CommonJS) gets no static-import suggestion',
      filename: projectFile('scripts/report.cjs'),
      languageOptions: { parserOptions: { sourceType: 'script' } },
      code: code`
        async function main() {
          const charts = await import('./charts.mjs');
          return charts;
        }
        module.exports = { main };
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './charts.mjs' },
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 46,
          suggestions: [],
        },
      ],
    },
    {
      name: 'without imports, the static import goes below the directive prologue, or first',
      filename: file,
      code: code`
        'use client';
        export async function load() {
          const { draw } = await import('./charts');
          return draw;
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './charts' },
          line: 3,
          column: 26,
          endLine: 3,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'useStaticImport',
              data: { source: './charts' },
              output: code`
                'use client';
                import { draw } from './charts';
                export async function load() {
                  return draw;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'without imports or directives, the static import goes first',
      filename: file,
      code: code`
        export async function load() {
          const { draw } = await import('./charts');
          return draw;
        }
      `,
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './charts' },
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'useStaticImport',
              data: { source: './charts' },
              output: code`
                import { draw } from './charts';
                export async function load() {
                  return draw;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a moved line with Windows line endings is removed whole',
      filename: file,
      code: "import { db } from '@/lib/db';\r\nexport async function load() {\r\n  const { draw } = await import('./charts');\r\n  return [db, draw];\r\n}\r\n",
      errors: [
        {
          messageId: 'dynamicImport',
          data: { source: './charts' },
          line: 3,
          column: 26,
          endLine: 3,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'useStaticImport',
              data: { source: './charts' },
              output:
                "import { db } from '@/lib/db';\nimport { draw } from './charts';\r\nexport async function load() {\r\n  return [db, draw];\r\n}\r\n",
            },
          ],
        },
      ],
    },
  ],
});
