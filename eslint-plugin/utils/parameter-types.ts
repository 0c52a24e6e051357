/** What a function's parameters declare about how many values they hold, read from their type annotations. */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

/**
 * A parameter that holds many values: `...ids`, `ids: string[]`, `rows: Array<T>`, `ids = []`, or an
 * object whose destructured members include one (`{ messages }: { messages: Message[] }`).
 */
export function isArrayParameter(param: TSESTree.Parameter): boolean {
  if (param.type === AST_NODE_TYPES.RestElement) return true;
  if (param.type === AST_NODE_TYPES.AssignmentPattern && param.right.type === AST_NODE_TYPES.ArrayExpression)
    return true;
  const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  const annotation = 'typeAnnotation' in target ? target.typeAnnotation?.typeAnnotation : undefined;
  if (annotation === undefined) return false;
  if (isArrayType(annotation)) return true;
  return target.type === AST_NODE_TYPES.ObjectPattern && hasArrayMember(target, annotation);
}

/** Whether a destructured member of `pattern` is typed as an array in the inline object type. */
function hasArrayMember(pattern: TSESTree.ObjectPattern, type: TSESTree.TypeNode): boolean {
  const members = type.type === AST_NODE_TYPES.TSTypeLiteral ? type.members : [];
  const destructured = new Set<string>();
  for (const property of pattern.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed) {
      const key = property.key;
      if (key.type === AST_NODE_TYPES.Identifier) destructured.add(key.name);
      else if (key.type === AST_NODE_TYPES.Literal) destructured.add(String(key.value));
    }
  }
  return members.some((member) => {
    if (member.type !== AST_NODE_TYPES.TSPropertySignature || member.computed) return false;
    const key = member.key;
    const name =
      key.type === AST_NODE_TYPES.Identifier
        ? key.name
        : key.type === AST_NODE_TYPES.Literal
          ? String(key.value)
          : undefined;
    const memberType = member.typeAnnotation?.typeAnnotation;
    return (
      name !== undefined && destructured.has(name) && memberType !== undefined && isArrayType(memberType)
    );
  });
}

function isArrayType(type: TSESTree.TypeNode): boolean {
  switch (type.type) {
    case AST_NODE_TYPES.TSArrayType:
    case AST_NODE_TYPES.TSTupleType:
      return true;
    case AST_NODE_TYPES.TSTypeOperator:
      return type.typeAnnotation !== undefined && isArrayType(type.typeAnnotation);
    case AST_NODE_TYPES.TSTypeReference:
      return (
        type.typeName.type === AST_NODE_TYPES.Identifier && /^(?:Readonly)?Array$/.test(type.typeName.name)
      );
    case AST_NODE_TYPES.TSUnionType:
      return type.types.every(isArrayType);
    default:
      return false;
  }
}

/** Whether a parameter carries a type annotation that is not an array (`data: NewTask`). */
export function hasScalarAnnotation(param: TSESTree.Node): boolean {
  const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.ObjectPattern) return false;
  const annotation = target.typeAnnotation?.typeAnnotation;
  return annotation !== undefined && !isArrayType(annotation);
}
