import noDynamicImports from './no-dynamic-imports.js';

/** Every rule of the plugin, by name (without the `many-first/` prefix), in alphabetical order. */
export const rules = {
  'no-dynamic-imports': noDynamicImports,
};

export type RuleName = keyof typeof rules;
