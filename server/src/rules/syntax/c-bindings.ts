// C and Objective-C name lookup inside one file: the declaration an identifier refers to (local, parameter,
// block or method parameter, loop variable, or an ivar/property of the enclosing @implementation's class).
import type { Node } from 'web-tree-sitter';
import { ancestors } from './tree';

export type CBindingKind = 'variable' | 'parameter' | 'blockParameter' | 'methodParameter' | 'loopVariable' | 'member';

export interface CBinding {
  kind: CBindingKind;
  node: Node;
  /** The base type as written (`NEHotspotNetwork` in `NEHotspotNetwork * _Nullable net`). */
  type?: Node;
  /** Levels of `*` between the type and the name. */
  pointers: number;
  value?: Node;
  /** The block a block parameter belongs to. */
  block?: Node;
}

/** Unwraps `init_declarator`/`pointer_declarator` layers down to the declared identifier. */
function declaredName(declarator: Node | null | undefined): { name?: Node; pointers: number; value?: Node } {
  let pointers = 0;
  let value: Node | undefined;
  let current = declarator ?? undefined;
  while (current) {
    if (current.type === 'identifier') return { name: current, pointers, value };
    if (current.type === 'init_declarator') value = current.childForFieldName('value') ?? undefined;
    else if (current.type === 'pointer_declarator') pointers++;
    else if (current.type !== 'struct_declarator') return { pointers };
    current = current.childForFieldName('declarator') ?? current.namedChildren.find((c) => c?.type.endsWith('declarator') || c?.type === 'identifier') ?? undefined;
  }
  return { pointers };
}

function typeOf(node: Node): Node | undefined {
  return node.childForFieldName('type') ?? node.namedChildren.find((c) => c?.type === 'type_identifier') ?? undefined;
}

/**
 * Declarators of a `declaration`, `parameter_declaration`, `struct_declaration` (ivars, properties), or the
 * head of `for (T *x in list)` (children before `in` only, or the collection would count as declared).
 */
function fromDeclaration(decl: Node, name: string, kind: CBindingKind): CBinding | undefined {
  const type = typeOf(decl);
  for (let i = 0; i < decl.childCount; i++) {
    const child = decl.child(i);
    if (child?.type === 'in') break;
    if (!child || !(child.type.endsWith('declarator') || child.type === 'identifier')) continue;
    const { name: declared, pointers, value } = declaredName(child);
    if (declared?.text === name) return { kind, node: declared, type, pointers, value };
  }
  return undefined;
}

/** `- (void)use:(NEHotspotNetwork *)network`: the parameter's type sits in `method_type > type_name`. */
function fromMethod(method: Node, name: string): CBinding | undefined {
  for (const param of method.namedChildren) {
    if (param?.type !== 'method_parameter') continue;
    const identifier = param.namedChildren.find((c) => c?.type === 'identifier');
    if (identifier?.text !== name) continue;
    const typeName = param.namedChildren.find((c) => c?.type === 'method_type')?.namedChildren.find((c) => c?.type === 'type_name');
    const type = typeName?.namedChildren.find((c) => c?.type === 'type_identifier') ?? undefined;
    const pointers = typeName?.namedChildren.filter((c) => c?.type === 'abstract_pointer_declarator').length ?? 0;
    return { kind: 'methodParameter', node: identifier, type, pointers };
  }
  return undefined;
}

function fromParameterList(list: Node | null | undefined, name: string, kind: CBindingKind): CBinding | undefined {
  for (const param of list?.namedChildren ?? []) {
    if (param?.type !== 'parameter_declaration') continue;
    const found = fromDeclaration(param, name, kind);
    if (found) return found;
  }
  return undefined;
}

function lookIn(scope: Node, child: Node, name: string): CBinding | undefined {
  switch (scope.type) {
    case 'compound_statement':
    case 'translation_unit':
      for (let sibling = child.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
        if (sibling.type !== 'declaration') continue;
        const found = fromDeclaration(sibling, name, 'variable');
        if (found) return found;
      }
      return undefined;
    case 'block_literal': {
      const found = fromParameterList(scope.namedChildren.find((c) => c?.type === 'parameter_list'), name, 'blockParameter');
      return found && { ...found, block: scope };
    }
    case 'method_definition':
      return fromMethod(scope, name);
    case 'function_definition': {
      const declarator = scope.childForFieldName('declarator');
      return declarator?.type === 'function_declarator'
        ? fromParameterList(declarator.childForFieldName('parameters'), name, 'parameter')
        : undefined;
    }
    case 'for_statement': {
      // `for (NEHotspotNetwork *n in list)` and `for (int i = 0; …)` both bind a loop variable.
      const initializer = scope.childForFieldName('initializer');
      return initializer?.type === 'declaration' ? fromDeclaration(initializer, name, 'loopVariable')
        : scope.children.some((c) => c?.type === 'in') ? fromDeclaration(scope, name, 'loopVariable') : undefined;
    }
    default:
      return undefined;
  }
}

/** The name of the class an `@implementation` implements. */
function implementedClass(node: Node): string | undefined {
  for (const scope of ancestors(node)) {
    if (scope.type === 'class_implementation') return scope.namedChildren.find((c) => c?.type === 'identifier')?.text;
  }
  return undefined;
}

/**
 * An ivar or property of the class whose `@implementation` encloses `node`, declared in this file
 * (`@interface X ()`, `@interface X : Y`, or the implementation's ivar block). `_name` finds property `name`.
 */
export function resolveObjcMember(node: Node, name: string): CBinding | undefined {
  const className = implementedClass(node);
  if (!className) return undefined;
  const root = node.tree.rootNode;
  for (const decl of root.namedChildren) {
    if (!decl || (decl.type !== 'class_interface' && decl.type !== 'class_implementation')) continue;
    if (decl.namedChildren.find((c) => c?.type === 'identifier')?.text !== className) continue;
    for (const member of decl.namedChildren) {
      if (member?.type === 'instance_variables') {
        for (const ivar of member.namedChildren) {
          const struct = ivar?.namedChildren.find((c) => c?.type === 'struct_declaration');
          const found = struct && fromDeclaration(struct, name, 'member');
          if (found) return found;
        }
      } else if (member?.type === 'property_declaration') {
        const struct = member.namedChildren.find((c) => c?.type === 'struct_declaration');
        const found = struct && (fromDeclaration(struct, name, 'member') ?? (name.startsWith('_') ? fromDeclaration(struct, name.slice(1), 'member') : undefined));
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** The declaration `identifier` refers to: nearest local scope first, then the enclosing class's ivars. */
export function resolveCName(identifier: Node, name: string = identifier.text): CBinding | undefined {
  let child = identifier;
  for (const scope of ancestors(identifier)) {
    const found = lookIn(scope, child, name);
    if (found) return found;
    child = scope;
  }
  return resolveObjcMember(identifier, name);
}
