export { defineFactory, resetSequences } from './define-factory.js';
export type {
  AnyFactory,
  BuiltRow,
  ColumnDefaults,
  Factory,
  FactoryContext,
  FactoryDefinition,
  FactoryMethods,
  OwnerKeys,
  Overrides,
  ReservedName,
  Trait,
} from './types.js';
