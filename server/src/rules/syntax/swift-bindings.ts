// Swift name lookup inside one file: the declaration a plain identifier refers to (parameter, local, if/guard
// binding, loop variable, stored property of the enclosing type), nearest scope first, so rules can learn a type.
import type { Node } from 'web-tree-sitter';
import { ancestors, childrenWithFields } from './tree';

export type SwiftBindingKind =
  | 'parameter' | 'closureParameter' | 'implicitClosureParameter' | 'variable' | 'property' | 'optionalBinding' | 'loopVariable';

export interface SwiftBinding {
  kind: SwiftBindingKind;
  /** The declaring node (parameter, pattern, bound identifier; the closure for `$0`). */
  node: Node;
  /** The written type, when there is one (`NEHotspotNetwork?` in `let n: NEHotspotNetwork? = …`). */
  type?: Node;
  /** The initial value, or the optional that `if let x = value` unwraps. */
  value?: Node;
  /** `if let x {` shorthand: look `x` up again from this node to find what it unwraps. */
  shorthandFrom?: Node;
  /** The closure a closure parameter belongs to. */
  closure?: Node;
}

/** Bodies of classes, structs, actors, extensions and enums: where stored properties are declared. */
const TYPE_BODIES = new Set(['class_body', 'enum_class_body']);

/** The type written after `:` in a parameter (`net: NEHotspotNetwork?`), and the name before it. */
function parameterParts(param: Node): { name?: Node; type?: Node } {
  let name: Node | undefined;
  let afterColon = false;
  for (const { node, field } of childrenWithFields(param)) {
    if (node.type === ':') afterColon = true;
    else if (!afterColon && node.type === 'simple_identifier' && field !== 'external_name') name = node;
    else if (afterColon && node.isNamed) return { name, type: node };
  }
  return { name };
}

/** `let a: T = x, b = y`: one entry per bound name. */
function propertyBindings(decl: Node): { name: Node; type?: Node; value?: Node }[] {
  const out: { name: Node; type?: Node; value?: Node }[] = [];
  let current: { name: Node; type?: Node; value?: Node } | undefined;
  for (const { node, field } of childrenWithFields(decl)) {
    if (field === 'name' && node.type === 'pattern') {
      const bound = node.childForFieldName('bound_identifier');
      current = bound ? { name: bound } : undefined;
      if (current) out.push(current);
    } else if (node.type === 'type_annotation' && current) {
      current.type = node.childForFieldName('name') ?? undefined;
    } else if (field === 'value' && current) {
      current.value = node;
    }
  }
  return out;
}

/** `if let a = x, let b {` / `guard let …`: the bound names with the value each unwraps (none for shorthand). */
function conditionBindings(stmt: Node): { name: Node; value?: Node }[] {
  const out: { name: Node; value?: Node }[] = [];
  let pending: { name: Node; value?: Node } | undefined;
  let expectValue = false;
  for (const { node, field } of childrenWithFields(stmt)) {
    if (field === 'bound_identifier') {
      pending = { name: node };
      out.push(pending);
      expectValue = false;
    } else if (node.type === '=' && pending) {
      expectValue = true;
    } else if (expectValue && pending && node.isNamed) {
      pending.value = node;
      pending = undefined;
      expectValue = false;
    } else if (node.type === 'statements' || node.type === 'else' || node.type === ',') {
      pending = undefined;
      expectValue = false;
    }
  }
  return out;
}

function fromCondition(stmt: Node, name: string): SwiftBinding | undefined {
  const found = conditionBindings(stmt).find((b) => b.name.text === name);
  if (!found) return undefined;
  return found.value
    ? { kind: 'optionalBinding', node: found.name, value: found.value }
    : { kind: 'optionalBinding', node: found.name, shorthandFrom: stmt };
}

function fromProperty(decl: Node, name: string, kind: 'variable' | 'property'): SwiftBinding | undefined {
  const found = propertyBindings(decl).find((b) => b.name.text === name);
  return found && { kind, node: found.name, type: found.type, value: found.value };
}

/** Declarations that precede `child` in a statement list (nearest first). */
function fromPrecedingStatements(child: Node, name: string): SwiftBinding | undefined {
  for (let sibling = child.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
    const found = sibling.type === 'property_declaration' ? fromProperty(sibling, name, 'variable')
      : sibling.type === 'guard_statement' ? fromCondition(sibling, name)
        : undefined;
    if (found) return found;
  }
  return undefined;
}

function closureParameters(closure: Node): Node[] {
  const params = closure.childForFieldName('type')?.namedChildren.find((c) => c?.type === 'lambda_function_type_parameters');
  return (params?.namedChildren ?? []).filter((p): p is Node => p?.type === 'lambda_parameter');
}

function lookIn(scope: Node, child: Node, name: string): SwiftBinding | undefined {
  switch (scope.type) {
    case 'statements':
    case 'source_file':
      return fromPrecedingStatements(child, name);
    case 'class_body':
    case 'enum_class_body':
      for (const member of scope.namedChildren) {
        if (member?.type !== 'property_declaration') continue;
        const found = fromProperty(member, name, 'property');
        if (found) return found;
      }
      return undefined;
    case 'function_declaration':
    case 'init_declaration':
      for (const param of scope.namedChildren) {
        if (param?.type !== 'parameter') continue;
        const { name: paramName, type } = parameterParts(param);
        if (paramName?.text === name) return { kind: 'parameter', node: param, type };
      }
      return undefined;
    case 'lambda_literal': {
      const params = closureParameters(scope);
      if (/^\$\d+$/.test(name)) return params.length === 0 ? { kind: 'implicitClosureParameter', node: scope, closure: scope } : undefined;
      for (const param of params) {
        const { name: paramName, type } = parameterParts(param);
        if (paramName?.text === name) return { kind: 'closureParameter', node: param, type, closure: scope };
      }
      return undefined;
    }
    case 'if_statement':
    case 'while_statement':
      // Bindings are visible in the body only, not in the else branch.
      return child.type === 'statements' && child.id === scope.namedChildren.find((c) => c?.type === 'statements')?.id
        ? fromCondition(scope, name)
        : undefined;
    case 'for_statement': {
      const item = scope.childForFieldName('item');
      const bound = item?.childForFieldName('bound_identifier');
      return bound?.text === name ? { kind: 'loopVariable', node: bound } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The declaration that `identifier` (a `simple_identifier` in expression position) refers to, or undefined
 * when it is declared outside what this file shows (a global, an inherited member, another file).
 */
export function resolveSwiftName(identifier: Node, name: string = identifier.text): SwiftBinding | undefined {
  let child = identifier;
  for (const scope of ancestors(identifier)) {
    const found = lookIn(scope, child, name);
    if (found) return found;
    // A nested type cannot see the enclosing type's instance members; past this point names are globals we do not track.
    if (TYPE_BODIES.has(scope.type)) return undefined;
    child = scope;
  }
  return undefined;
}

/** A stored property `name` of the type whose body encloses `node` (for `self.name`). */
export function resolveSwiftSelfMember(node: Node, name: string): SwiftBinding | undefined {
  for (const scope of ancestors(node)) {
    if (TYPE_BODIES.has(scope.type)) return lookIn(scope, node, name);
  }
  return undefined;
}

/** The type name with optionals stripped: `NEHotspotNetwork` for `NEHotspotNetwork?`, `NEHotspotNetwork!`. */
export function swiftTypeName(type: Node | undefined): string | undefined {
  let current = type;
  while (current?.type === 'optional_type' || current?.type === 'implicitly_unwrapped_type') {
    current = current.childForFieldName('wrapped') ?? current.namedChildren[0] ?? undefined;
  }
  return current?.type === 'user_type' ? current.text : undefined;
}
