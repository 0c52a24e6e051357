export { defineFactory, resetSequences } from './define-factory.js';
export type {
  AnyFactory,
  ColumnDefaults,
  Factory,
  FactoryContext,
  FactoryDefinition,
  FactoryMethods,
  Overrides,
  ReservedName,
  Trait,
} from './types.js';
