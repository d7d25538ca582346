// res9-global-state-function: Swift `__res_9_state()` used as a pointer, i.e. the libresolv function (launch crash before iOS 18.4), not the struct.
import type { Node } from 'web-tree-sitter';
import { RES9_STATE, RES9_STATE_FUNCTIONS, RES9_STATE_POINTER } from './apis/libresolv';
import { defineRule } from './rule';
import { swiftCall, swiftMember } from './syntax/swift';
import { childrenWithFields, descendants, descendantsOfType, namedChildren } from './syntax/tree';

/*
 * Since the Xcode 16.3 SDKs, `<resolv.h>` declares a function `__res_9_state()` (symbol `___res_9_state`)
 * next to the struct of the same name. Without a contextual type Swift picks the function, which returns
 * a pointer to the library's shared state and exists only in newer libresolv builds. Code that treats the
 * result as a pointer proves the function was picked; code that takes `&state` only compiles with the
 * struct, so it is the safe form and stays silent.
 */

/** `__res_9_state()` with no arguments, called by its bare name. */
function isStateCall(node: Node): boolean {
  const call = swiftCall(node);
  return call !== undefined && call.name === RES9_STATE && node.namedChild(0)?.type === 'simple_identifier'
    && call.arguments.length === 0 && call.trailingClosures.length === 0;
}

/** `expr` passed without `&` to a libresolv function that takes the state pointer, or read through `.pointee`. */
function isPointerUse(expr: Node): boolean {
  const parent = expr.parent;
  if (!parent) return false;
  if (parent.type === 'value_argument' && parent.childForFieldName('value')?.id === expr.id) {
    const callNode = parent.parent?.parent?.parent;
    const call = callNode ? swiftCall(callNode) : undefined;
    return call !== undefined && call.receiver === undefined && RES9_STATE_FUNCTIONS.has(call.name);
  }
  if (parent.type === 'navigation_expression' && parent.childForFieldName('target')?.id === expr.id) {
    return swiftMember(parent)?.name === 'pointee';
  }
  return false;
}

/** A use of `name` as an expression: `name` itself or `self.name`; undefined for other members named alike. */
function referenceExpression(identifier: Node, name: string): Node | undefined {
  if (identifier.text !== name) return undefined;
  const parent = identifier.parent;
  if (parent?.type !== 'navigation_suffix') return identifier;
  const navigation = parent.parent;
  return navigation?.childForFieldName('target')?.type === 'self_expression' ? navigation : undefined;
}

/** The binding and type annotation that `value` initialises in `let a = …, b: T = value`. */
function bindingOf(declaration: Node, value: Node): { name?: string; annotation?: Node } {
  let name: string | undefined;
  let annotation: Node | undefined;
  for (const { node: child, field } of childrenWithFields(declaration)) {
    if (child.id === value.id) return { name, annotation };
    if (field === 'name') {
      name = child.childForFieldName('bound_identifier')?.text;
      annotation = undefined;
    } else if (child.type === 'type_annotation') {
      annotation = child;
    }
  }
  return {};
}

/** `res_9_state`, `UnsafeMutablePointer<__res_9_state>` (optional or not). */
function isPointerAnnotation(annotation: Node): boolean {
  const type = annotation.text.replace(/^:/, '').replace(/\s+/g, '').replace(/[!?]$/, '');
  return type === RES9_STATE_POINTER || type === `UnsafeMutablePointer<${RES9_STATE}>`;
}

/** A function or closure with a parameter called `name`: inside it the name means something else. */
function shadows(node: Node, name: string): boolean {
  let parameters: Node[] = [];
  if (node.type === 'function_declaration' || node.type === 'init_declaration') {
    parameters = namedChildren(node).filter((c) => c.type === 'parameter');
  } else if (node.type === 'lambda_literal') {
    const type = node.childForFieldName('type');
    if (type) parameters = [...descendantsOfType(type, ['lambda_parameter'])];
  }
  return parameters.some((p) => p.childForFieldName('name')?.text === name);
}

/** `let state = __res_9_state()` whose variable is later used as a pointer in the same scope. */
function isBoundToPointer(call: Node): boolean {
  const declaration = call.parent;
  if (declaration?.type !== 'property_declaration' || declaration.childForFieldName('value') === null) return false;
  const { name, annotation } = bindingOf(declaration, call);
  if (annotation) return isPointerAnnotation(annotation);
  const scope = declaration.parent;
  if (!name || !scope) return false;
  for (const node of descendants(scope, (n) => shadows(n, name))) {
    if (node.type !== 'simple_identifier') continue;
    const expr = referenceExpression(node, name);
    if (expr && isPointerUse(expr)) return true;
  }
  return false;
}

export default defineRule({
  id: 'res9-global-state-function',
  title: '`__res_9_state()` used as a pointer calls the libresolv function (launch crash on older systems)',
  scope: 'item',
  languages: ['swift'],
  defaultSeverity: 'error',
  confidence: 'high',
  article: 'res9-global-state-function',
  triggers: ['__res_9_state'],
  sources: [
    'Apple Developer Forums: Symbol not found: ___res_9_state (user report: built with Xcode 16.4, crashes at launch; worked with Xcode 16.1)',
    'https://developer.apple.com/library/archive/documentation/System/Conceptual/ManPages_iPhoneOS/man3/resolver.3.html',
    'https://github.com/firezone/firezone/issues/10108 (same crash on iOS 17 and earlier; fixed by initialising app-owned storage with a typed __res_9_state())',
  ],
  messages: {
    pointer: 'This `__res_9_state()` calls the libresolv function that returns the shared resolver state (symbol `___res_9_state`, missing before iOS 18.4 / macOS 15.4, so the app crashes at launch there): allocate your own zeroed state with an explicit type (`var state: __res_9_state = __res_9_state()`), pass `&state` to res_9_ninit, and release it with res_9_ndestroy(&state).',
  },
  knownLimitations: [
    'Swift only. In C and Objective-C the same symbol is reached through an explicit `__res_9_state()` / `__res_state()` call or the `_res` macro; whether that links `___res_9_state` depends on the SDK header version and the deployment target, which the linter cannot see, so those are not flagged.',
    'Needs evidence of pointer use in the same scope (a libresolv argument without `&`, `.pointee`, or a pointer type annotation); a result that is returned or passed to your own helpers is not followed.',
    'With a deployment target of iOS 18.4 / macOS 15.4 or later the launch crash cannot happen, but the code still initialises and destroys the process-wide shared state; the finding stays.',
    'Uses are matched by name within the declaring scope (functions and closures with a parameter of that name are skipped), so a shadowing local variable of the same name can still count as a use.',
  ],
  create(context) {
    return {
      call_expression(node) {
        if (isStateCall(node) && (isPointerUse(node) || isBoundToPointer(node))) context.report({ node });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `import Darwin

func systemDNSServers() -> [res_9_sockaddr_union] {
    let state = ⟦__res_9_state()⟧
    guard res_9_ninit(state) == 0 else { return [] }
    defer { res_9_ndestroy(state) }
    var servers = [res_9_sockaddr_union](repeating: res_9_sockaddr_union(), count: Int(MAXNS))
    let found = res_9_getservers(state, &servers, Int32(MAXNS))
    return Array(servers.prefix(Int(found)))
}`,
          note: 'bound, then passed without &',
        },
        {
          code: `func resolverReady() -> Bool {
    return res_9_ninit(⟦__res_9_state()⟧) == 0
}`,
          note: 'passed straight to res_9_ninit',
        },
        {
          code: `final class SystemResolver {
    private let state = ⟦__res_9_state()⟧

    init() { res_9_ninit(state) }

    deinit { res_9_ndestroy(self.state) }
}`,
          note: 'stored property used in methods',
        },
        {
          code: `func nameServerCount() -> Int32 {
    res_9_init()
    return ⟦__res_9_state()⟧.pointee.nscount
}`,
          note: 'read through .pointee',
        },
        {
          code: `let shared: UnsafeMutablePointer<__res_9_state> = ⟦__res_9_state()⟧
let retries = shared.pointee.retry`,
          note: 'explicit pointer annotation',
        },
        {
          code: `func queryTimeout() -> Int32 {
    var state = ⟦__res_9_state()⟧
    res_9_ninit(state)
    return state.pointee.retrans
}`,
          note: 'a var that is still used as a pointer',
        },
      ],
      valid: [
        {
          code: `func systemDNSServers() -> Int32 {
    var state = __res_9_state()
    guard res_9_ninit(&state) == 0 else { return 0 }
    defer { res_9_ndestroy(&state) }
    return state.nscount
}`,
          note: 'app-owned zeroed struct passed with &',
        },
        {
          code: `final class Resolver {
    private var state: __res_9_state = __res_9_state()
    init() { res_9_ninit(&state) }
    deinit { res_9_ndestroy(&state) }
}`,
          note: 'explicit struct type',
        },
        {
          code: `let statePointer = UnsafeMutablePointer<__res_9_state>.allocate(capacity: 1)
statePointer.initialize(to: __res_9_state())
res_9_ninit(statePointer)
res_9_ndestroy(statePointer)
statePointer.deallocate()`,
          note: 'allocated storage initialised with the struct',
        },
        {
          code: `// Old code: let state = __res_9_state(); res_9_ninit(state) crashed at launch on iOS 17.
let reason = "__res_9_state() was used as a pointer"
print(reason)`,
          note: 'comment and string',
        },
        {
          code: `func describe(_ state: __res_9_state) -> String { "servers: \\(state.nscount)" }
let summary = describe(__res_9_state())`,
          note: 'struct passed to your own function',
        },
        {
          code: `final class Resolver {
    private var state = __res_9_state()
    init() { res_9_ninit(&state) }
    func close(state: res_9_state) { res_9_nclose(state) }
}`,
          note: 'a parameter with the same name is another value',
        },
      ],
    },
  },
});
