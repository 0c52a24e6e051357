import noDbInServerActions from './no-db-in-server-actions.js';
import noDynamicImports from './no-dynamic-imports.js';
import noRedirectInServerActions from './no-redirect-in-server-actions.js';
import noRedirectInTry from './no-redirect-in-try.js';
import noSingleRecordWrappers from './no-single-record-wrappers.js';
import requireActionAuth from './require-action-auth.js';
import requireUseServer from './require-use-server.js';
import serverActionExports from './server-action-exports.js';

/** Every rule of the plugin, by name (without the `many-first/` prefix), in alphabetical order. */
export const rules = {
  'no-db-in-server-actions': noDbInServerActions,
  'no-dynamic-imports': noDynamicImports,
  'no-redirect-in-server-actions': noRedirectInServerActions,
  'no-redirect-in-try': noRedirectInTry,
  'no-single-record-wrappers': noSingleRecordWrappers,
  'require-action-auth': requireActionAuth,
  'require-use-server': requireUseServer,
  'server-action-exports': serverActionExports,
};

export type RuleName = keyof typeof rules;
