// MCEncryptionPreference matching shared by mpc-encryption-optional and mpc-encryption-none.
import type { Node } from 'web-tree-sitter';
import type { RuleContext, RuleVisitors } from '../rule';
import { swiftImplicitMember, swiftMember } from '../syntax/swift';
import { MPC_MODULE } from './multipeer';

const PREFERENCE_TYPE = 'MCEncryptionPreference';

export interface EncryptionChoice {
  /** The Swift case: `optional` or `none`. */
  swiftCase: 'optional' | 'none';
  /** The Objective-C constant: `MCEncryptionOptional` or `MCEncryptionNone`. */
  objcConstant: string;
  /** Message ids of the rule for Swift and Objective-C findings. */
  messages: { swift: string; objc: string };
}

/** `MCEncryptionPreference` or `MultipeerConnectivity.MCEncryptionPreference` as an expression. */
function isPreferenceTypeExpression(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'simple_identifier') return node.text === PREFERENCE_TYPE;
  const member = swiftMember(node);
  return member?.name === PREFERENCE_TYPE && member.target?.type === 'simple_identifier' && member.target.text === MPC_MODULE;
}

/** `MCEncryptionPreference` or `MultipeerConnectivity.MCEncryptionPreference` as a written type. */
function isPreferenceType(node: Node | undefined): boolean {
  if (node?.type !== 'user_type') return false;
  const names = node.namedChildren.filter((c) => c?.type === 'type_identifier').map((c) => c!.text);
  return names.length > 0 && names[names.length - 1] === PREFERENCE_TYPE && (names.length === 1 || (names.length === 2 && names[0] === MPC_MODULE));
}

/**
 * The type written for a declaration whose initial or default value is `value`: `let p: T = value`
 * or a parameter `p: T = value`. `optional` tells whether the type is `T?` or `T!`.
 */
function declaredType(value: Node): { type: Node; optional: boolean } | undefined {
  const parent = value.parent;
  if (!parent) return undefined;
  const field = parent.type === 'property_declaration' ? 'value' : parent.type === 'function_declaration' || parent.type === 'init_declaration' ? 'default_value' : undefined;
  if (!field || !parent.childrenForFieldName(field).some((c) => c?.id === value.id)) return undefined;
  let before = value.previousSibling;
  while (before?.type === '=') before = before.previousSibling;
  let holder: Node | undefined;
  if (before?.type === 'type_annotation') holder = before;
  else if (before?.type === 'parameter') holder = before;
  if (!holder) return undefined;
  const implicitlyUnwrapped = holder.children.some((c) => c?.type === '!');
  const type = holder.namedChildren.find((c) => c?.type === 'user_type' || c?.type === 'optional_type');
  if (!type) return undefined;
  if (type.type === 'optional_type') {
    const wrapped = type.childForFieldName('wrapped');
    return wrapped ? { type: wrapped, optional: true } : undefined;
  }
  return { type, optional: implicitlyUnwrapped };
}

/**
 * The `encryptionPreference:` argument of a call that also passes `securityIdentity:`, which is the
 * shape of MCSession(peer:securityIdentity:encryptionPreference:), whether called on MCSession, a
 * subclass, or as `super.init`.
 */
function isSessionPreferenceArgument(value: Node): boolean {
  const argument = value.parent;
  if (argument?.type !== 'value_argument' || argument.childForFieldName('value')?.id !== value.id) return false;
  if (argument.childForFieldName('name')?.text !== 'encryptionPreference') return false;
  const labels = argument.parent?.namedChildren.map((c) => c?.childForFieldName('name')?.text) ?? [];
  return argument.parent?.type === 'value_arguments' && labels.includes('securityIdentity');
}

/** The expression whose value the implicit member becomes: climbs out of `c ? a : b` branches. */
function valuePosition(node: Node): Node {
  let current = node;
  while (current.parent?.type === 'ternary_expression' && current.parent.childForFieldName('condition')?.id !== current.id) {
    current = current.parent;
  }
  return current;
}

/** Comparisons and case patterns read a session's preference; they do not choose one. */
function isSwiftComparison(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'equality_expression' || parent.type === 'pattern') return true;
  return parent.type === 'infix_expression' && ['==', '!=', '~='].includes(parent.childForFieldName('op')?.text ?? '');
}

function isObjcComparison(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'case_statement') return true;
  return parent.type === 'binary_expression' && ['==', '!='].includes(parent.childForFieldName('operator')?.text ?? '');
}

/** Visitors that report every place the code chooses `choice` as a session's encryption preference. */
export function encryptionPreferenceVisitors(context: RuleContext, choice: EncryptionChoice): RuleVisitors {
  return {
    // `.optional` is only an MCEncryptionPreference where the expected type says so.
    prefix_expression(node) {
      if (swiftImplicitMember(node) !== choice.swiftCase) return;
      const position = valuePosition(node);
      let chosen = isSessionPreferenceArgument(position);
      if (!chosen) {
        const declared = declaredType(position);
        // `.none` of an `MCEncryptionPreference?` is Optional.none (nil), not the enum case.
        chosen = declared !== undefined && isPreferenceType(declared.type) && !(declared.optional && choice.swiftCase === 'none');
      }
      if (chosen) context.report({ node, messageId: choice.messages.swift });
    },
    navigation_expression(node) {
      const member = swiftMember(node);
      if (member?.name !== choice.swiftCase || !isPreferenceTypeExpression(member.target) || isSwiftComparison(node)) return;
      context.report({ node, messageId: choice.messages.swift });
    },
    identifier(node) {
      if (context.language !== 'objc' || node.text !== choice.objcConstant || isObjcComparison(node)) return;
      context.report({ node, messageId: choice.messages.objc });
    },
  };
}
