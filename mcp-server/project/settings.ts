/**
 * How a project is read, before any of its code is: the real root, its conventions (config overrides and
 * the layout found from its code), the drizzle config read statically, tsconfig path aliases, and the
 * convention matchers built from them.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_SCHEMA_GLOBS, loadConventions, type LoadedConventions } from '../../conventions/index.js';
import { discoverLayout, type DiscoverOptions, type ProjectLayout } from '../../conventions/layout.js';
import { createConventionMatchers, type ConventionMatchers } from './convention-matchers.js';
import { readDrizzleConfig, type DrizzleConfig } from './drizzle-config.js';
import type { Diagnostic } from './model.js';
import { readPathAliases, type PathAliases } from './module-resolver.js';

/** Thrown for a root that cannot be indexed at all (missing, not a folder, malformed conventions). */
export class ProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectError';
  }
}

export interface ProjectSettings {
  loaded: LoadedConventions;
  /** Where the project keeps things, found from its code (the same discovery the ESLint configs use). */
  layout: ProjectLayout;
  drizzleConfig: DrizzleConfig | undefined;
  aliases: PathAliases;
  matchers: ConventionMatchers;
  diagnostics: Diagnostic[];
}

/** The real path of a project root; throws ProjectError when it is missing or not a folder. */
export function realRoot(root: string): string {
  const absolute = resolve(root);
  if (!existsSync(absolute)) throw new ProjectError(`project root '${root}' does not exist`);
  const real = realpathSync(absolute);
  if (!statSync(real).isDirectory()) throw new ProjectError(`project root '${root}' is not a folder`);
  return real;
}

/** What a project says about itself: its conventions and its drizzle config, read first. */
export interface ProjectConfig {
  loaded: LoadedConventions;
  drizzleConfig: DrizzleConfig | undefined;
  diagnostics: Diagnostic[];
}

/** Reads the conventions and the drizzle config; throws ProjectError for malformed conventions. */
export function readProjectConfig(root: string): ProjectConfig {
  let loaded: LoadedConventions;
  try {
    loaded = loadConventions(root);
  } catch (error) {
    throw new ProjectError((error as Error).message);
  }
  const diagnostics: Diagnostic[] = [];
  const drizzleConfig = readDrizzleConfig(root, loaded.conventions.drizzleConfig, diagnostics);
  return { loaded, drizzleConfig, diagnostics };
}

/** Conventions, the drizzle config, tsconfig aliases: how the rest of the project is read. */
export function loadSettings(root: string, config: ProjectConfig = readProjectConfig(root)): ProjectSettings {
  const { loaded, drizzleConfig } = config;
  const diagnostics = [...config.diagnostics];
  const aliases = readPathAliases(root, diagnostics);
  const options: DiscoverOptions = { loaded };
  if (drizzleConfig?.schema !== undefined) options.drizzleSchema = drizzleConfig.schema;
  const layout = discoverLayout(root, options);
  const schemaGlobs = layout.conventions.schema ?? [...DEFAULT_SCHEMA_GLOBS];
  const matchers = createConventionMatchers(layout.conventions, schemaGlobs);
  return { loaded, layout, drizzleConfig, aliases, matchers, diagnostics };
}
