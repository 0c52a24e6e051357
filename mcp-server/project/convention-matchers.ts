/**
 * The project's conventions as predicates on root-relative paths: which files are schema, models, the
 * model factory, actions, tests; which imports name the database client; and the layer a file belongs to.
 */
import picomatch from 'picomatch';
import { DEFAULT_SCHEMA_GLOBS, TEST_GLOBS, type Conventions } from '../../conventions/index.js';
import type { Usage } from './model.js';

export interface ConventionMatchers {
  schemaGlobs: readonly string[];
  isSchema(file: string): boolean;
  isModel(file: string): boolean;
  isModelFactory(file: string): boolean;
  isAction(file: string): boolean;
  isTest(file: string): boolean;
  /** True when an import (by its specifier, or the project file it resolves to) is the database client. */
  isDbModule(specifier: string, resolved: string | undefined): boolean;
  layerOf(file: string, directives?: readonly string[]): Usage['layer'];
}

function matcher(globs: readonly string[]): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  return picomatch([...globs], { dot: true });
}

export function createConventionMatchers(
  conventions: Conventions,
  schemaGlobs?: readonly string[],
): ConventionMatchers {
  const schema = schemaGlobs ?? conventions.schema ?? DEFAULT_SCHEMA_GLOBS;
  const isSchema = matcher(schema);
  const isModelFactory = matcher(conventions.modelFactory);
  // `**/models/**` also covers `lib/models/`, where the factory itself lives: that is not a model.
  const inModels = matcher(conventions.models);
  const isModel = (file: string) => inModels(file) && !isModelFactory(file);
  const isAction = matcher(conventions.actions);
  const isTest = matcher([...TEST_GLOBS, ...conventions.testFactories]);
  const dbSpecifiers = new Set(conventions.dbModules);
  const isDbFile = matcher(
    conventions.dbModules.filter((entry) => entry.includes('/') && !entry.startsWith('@')),
  );
  return {
    schemaGlobs: schema,
    isSchema,
    isModel,
    isModelFactory,
    isAction,
    isTest,
    isDbModule(specifier, resolved) {
      if (dbSpecifiers.has(specifier)) return true;
      return resolved !== undefined && isDbFile(resolved);
    },
    layerOf(file, directives = []) {
      if (isTest(file)) return 'test';
      if (isSchema(file)) return 'schema';
      if (isModel(file) || isModelFactory(file)) return 'model';
      if (isAction(file) || directives.includes('use server')) return 'action';
      if (file.endsWith('.tsx') || file.endsWith('.jsx') || /(^|\/)(app|pages|components)\//.test(file))
        return 'component';
      return 'other';
    },
  };
}
