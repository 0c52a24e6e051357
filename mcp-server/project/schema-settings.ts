/**
 * How the schema alone is read (`readSchema`), without discovering the rest of the layout: the schema
 * globs come from the conventions or drizzle.config, and the database client (whose `drizzle({ casing })`
 * names key-named columns) is looked for only when asked. A project whose config names no schema falls
 * back to the full settings, where the layout finds the files that declare tables.
 */
import { DEFAULT_CONVENTIONS } from '../../conventions/index.js';
import { findClientModules } from '../../conventions/layout.js';
import { createConventionMatchers, type ConventionMatchers } from './convention-matchers.js';
import { readPathAliases } from './module-resolver.js';
import { loadSettings, readProjectConfig, type ProjectSettings } from './settings.js';

export type SchemaSettings = Pick<ProjectSettings, 'drizzleConfig' | 'aliases' | 'matchers' | 'diagnostics'>;

/**
 * The settings `readSchema` needs, for a root and its source files (root-relative). The matchers answer
 * `isSchema` and `isDbModule` as the full settings' do (the client modules are the same ones the layout
 * finds); the other matchers are the conventions' own, without what the layout would have added.
 */
export function loadSchemaSettings(root: string, files: readonly string[]): SchemaSettings {
  const config = readProjectConfig(root);
  const { loaded, drizzleConfig } = config;
  const schemaGlobs = loaded.configured.includes('schema')
    ? loaded.conventions.schema
    : drizzleConfig?.schema !== undefined && drizzleConfig.schema.length > 0
      ? drizzleConfig.schema
      : undefined;
  if (schemaGlobs === undefined) return loadSettings(root, config);
  const diagnostics = [...config.diagnostics];
  const aliases = readPathAliases(root, diagnostics);

  const conventions = { ...loaded.conventions, schema: [...schemaGlobs] };
  const matchers = createConventionMatchers(conventions, schemaGlobs);
  let isDbModule: ConventionMatchers['isDbModule'] | undefined;
  const dbModuleMatcher = () => {
    if (isDbModule !== undefined) return isDbModule;
    let dbModules = loaded.conventions.dbModules;
    if (!loaded.configured.includes('dbModules')) {
      // As discoverLayout chooses: the clients found, else the defaults. Modules that only re-export a
      // client are left out: they call no drizzle(), so they never carry its casing.
      const clients = findClientModules(root, files);
      dbModules = clients.length > 0 ? [...clients, ...DEFAULT_CONVENTIONS.dbModules] : dbModules;
    }
    isDbModule = createConventionMatchers({ ...conventions, dbModules }, schemaGlobs).isDbModule;
    return isDbModule;
  };
  return {
    drizzleConfig,
    aliases,
    matchers: { ...matchers, isDbModule: (specifier, resolved) => dbModuleMatcher()(specifier, resolved) },
    diagnostics,
  };
}
