// res9-ninit-without-cleanup: res_9_ninit / res_ninit on a local resolver state that the function never releases with res_9_ndestroy / res_9_nclose.
import type { Node } from 'web-tree-sitter';
import { RES9_STATE_FUNCTIONS } from './apis/libresolv';
import { defineRule, type Suggestion } from './rule';
import { resolveCName } from './syntax/c-bindings';
import { cCall } from './syntax/c-family';
import { swiftCall } from './syntax/swift';
import { resolveSwiftName } from './syntax/swift-bindings';
import { closestAncestor, contains, descendants } from './syntax/tree';
import { FunctionsDefinedHere } from './syntax/defined-functions';

const SWIFT_BODIES = new Set(['function_declaration', 'init_declaration', 'deinit_declaration', 'computed_property', 'subscript_declaration']);
const C_BODIES = new Set(['function_definition', 'method_definition']);

const INIT_SWIFT = new Set(['res_9_ninit']);
const INIT_C = new Set(['res_9_ninit', 'res_ninit']);
const CLEANUP = new Set(['res_9_ndestroy', 'res_9_nclose', 'res_ndestroy', 'res_nclose']);
/** Calls that use the state without taking ownership of it: libresolv itself, and zeroing. */
const STATE_USERS = new Set([...RES9_STATE_FUNCTIONS, ...[...RES9_STATE_FUNCTIONS].map((n) => n.replace('res_9_', 'res_')), 'memset', 'bzero']);

/** The address-of operand: `state` in Swift `&state` or C `&state`. */
function addressOf(arg: Node | undefined): Node | undefined {
  if (!arg) return undefined;
  if (arg.type === 'prefix_expression' && arg.childForFieldName('operation')?.text === '&') {
    const target = arg.childForFieldName('target');
    return target?.type === 'simple_identifier' ? target : undefined;
  }
  if (arg.type === 'pointer_expression' && arg.child(0)?.type === '&') {
    const target = arg.childForFieldName('argument');
    return target?.type === 'identifier' ? target : undefined;
  }
  return undefined;
}

/** The call whose argument list directly holds `&name` (the `&name` node's call), if any. */
function callTakingAddress(ref: Node, swift: boolean): { name: string } | undefined {
  const amp = ref.parent;
  if (!amp || (amp.type !== 'prefix_expression' && amp.type !== 'pointer_expression')) return undefined;
  const holder = swift ? amp.parent?.parent?.parent?.parent : amp.parent?.parent;
  if (holder?.type !== 'call_expression') return undefined;
  const call = swift ? swiftCall(holder) : cCall(holder);
  return call ? { name: call.name } : undefined;
}

/** Uses of the state that keep it inside the function: member access, `sizeof`, the declaration itself. */
function isLocalUse(ref: Node, swift: boolean): boolean {
  const parent = ref.parent;
  if (!parent) return false;
  if (swift) {
    if (parent.type === 'navigation_expression' && parent.childForFieldName('target')?.id === ref.id) return true;
    return parent.type === 'pattern';
  }
  if (parent.type === 'field_expression' && parent.childForFieldName('argument')?.id === ref.id) return true;
  if (parent.type === 'sizeof_expression') return true;
  if (parent.type === 'parenthesized_expression' && parent.parent?.type === 'sizeof_expression') return true;
  return parent.type === 'init_declarator' || parent.type === 'declaration';
}

export default defineRule({
  id: 'res9-ninit-without-cleanup',
  title: 'res_9_ninit without res_9_ndestroy: the resolver state leaks its memory and sockets',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'off',
  confidence: 'medium',
  article: 'res9-ninit-without-cleanup',
  triggers: ['res_9_ninit', 'res_ninit'],
  sources: [
    'Apple Developer Forums: Xcode 16.3/16.4 launch crash "Symbol not found: ___res_9_state" (sample code pairs res_9_ninit with res_9_nclose)',
    'https://developer.apple.com/library/archive/documentation/System/Conceptual/ManPages_iPhoneOS/man3/resolver.3.html',
  ],
  messages: {
    noCleanup: 'This resolver state is initialised but never released in this function: call res_9_ndestroy on it (res_ndestroy in C) on every path once you are done, in Swift with a `defer` right after a successful init, or better, move the lookup to DNSServiceQueryRecord.',
  },
  knownLimitations: [
    'Only a state declared as a local variable of the function is checked; a state stored in a property or ivar (released in deinit/dealloc), heap-allocated, returned, or passed by address to any other function is assumed to be released elsewhere.',
    'Paths are not analysed: a single res_9_ndestroy or res_9_nclose anywhere in the function (closures included) counts as cleanup, even if an early return skips it.',
    'res_9_nclose only closes the sockets; res_9_ndestroy also frees the memory res_9_ninit allocated. Either silences the rule.',
    'In C and Objective-C, a state declared inside a `#if` block within the function is not resolved (the shared name lookup does not look into preprocessor blocks) and is not checked.',
  ],
  create(context) {
    const swift = context.grammar === 'swift';
    const inits = swift ? INIT_SWIFT : INIT_C;
    const bodies = swift ? SWIFT_BODIES : C_BODIES;
    const definedHere = new FunctionsDefinedHere(context.grammar);
    const candidates: { nameNode: Node; state: Node; fn: Node }[] = [];

    const suggestionFor = (call: Node, stateName: string): Suggestion[] | undefined => {
      if (!swift) return undefined;
      // Only the `guard res_9_ninit(&state) == 0 else { … }` shape: the defer then runs on the success path only.
      const guard = closestAncestor(call, (n) => n.type === 'guard_statement', (n) => n.type === 'statements' || n.type === 'lambda_literal');
      const condition = guard?.childForFieldName('condition');
      if (!guard || !condition || !contains(condition, call) || guard.parent?.type !== 'statements') return undefined;
      const lineStart = context.text.lastIndexOf('\n', guard.startIndex - 1) + 1;
      const indent = /^[ \t]*/.exec(context.text.slice(lineStart))?.[0] ?? '';
      return [{
        title: `Release the state with defer { res_9_ndestroy(&${stateName}) }`,
        edits: [{ startIndex: guard.endIndex, endIndex: guard.endIndex, text: `\n${indent}defer { res_9_ndestroy(&${stateName}) }` }],
      }];
    };

    return {
      ...definedHere.visitors,
      call_expression(node) {
        const call = swift ? swiftCall(node) : cCall(node);
        if (!call || !inits.has(call.name)) return;
        if (swift && node.namedChild(0)?.type !== 'simple_identifier') return;
        const firstArg = swift ? (call as ReturnType<typeof swiftCall>)!.arguments[0]?.value : (call as ReturnType<typeof cCall>)!.arguments[0];
        const state = addressOf(firstArg);
        const fn = closestAncestor(node, (n) => bodies.has(n.type));
        if (!state || !fn) return;
        // The state must be a local of this function (not a property, ivar, global or parameter).
        if (swift) {
          const binding = resolveSwiftName(state);
          if (binding?.kind !== 'variable' || !contains(fn, binding.node)) return;
        } else {
          const binding = resolveCName(state);
          if (binding?.kind !== 'variable' || binding.pointers !== 0 || !contains(fn, binding.node)) return;
        }
        candidates.push({ nameNode: call.nameNode, state, fn });
      },
      'file:exit'() {
        for (const { nameNode, state, fn } of candidates) {
          if (definedHere.has(nameNode.text)) continue;
          const name = state.text;
          let released = false;
          let escapes = false;
          for (const ref of descendants(fn)) {
            if (ref.type !== (swift ? 'simple_identifier' : 'identifier') || ref.text !== name) continue;
            const user = callTakingAddress(ref, swift);
            if (user && CLEANUP.has(user.name)) released = true;
            else if (user && (STATE_USERS.has(user.name) || inits.has(user.name))) continue;
            else if (!isLocalUse(ref, swift)) escapes = true;
          }
          if (released || escapes) continue;
          context.report({ node: nameNode, suggestions: suggestionFor(nameNode.parent?.type === 'call_expression' ? nameNode.parent : nameNode, name) });
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `func nameServers() -> Int32 {
    var state = __res_9_state()
    guard ⟦res_9_ninit⟧(&state) == 0 else { return -1 }
    var servers = [res_9_sockaddr_union](repeating: res_9_sockaddr_union(), count: 4)
    return res_9_getservers(&state, &servers, 4)
}`,
          note: 'guard form: suggestion adds a defer',
          output: `func nameServers() -> Int32 {
    var state = __res_9_state()
    guard res_9_ninit(&state) == 0 else { return -1 }
    defer { res_9_ndestroy(&state) }
    var servers = [res_9_sockaddr_union](repeating: res_9_sockaddr_union(), count: 4)
    return res_9_getservers(&state, &servers, 4)
}`,
        },
        {
          code: `func lookUpMX(_ domain: String) -> [UInt8]? {
    var state = __res_9_state()
    if ⟦res_9_ninit⟧(&state) != 0 { return nil }
    state.options |= UInt(RES_USEVC)
    var answer = [UInt8](repeating: 0, count: 4096)
    let length = res_9_nquery(&state, domain, 1, 15, &answer, Int32(answer.count))
    return length > 0 ? Array(answer.prefix(Int(length))) : nil
}`,
          note: 'if form: no mechanical fix offered',
        },
        {
          code: `func probe(completion: @escaping (Int32) -> Void) {
    DispatchQueue.global().async {
        var resolver = __res_9_state()
        ⟦res_9_ninit⟧(&resolver)
        var answer = [UInt8](repeating: 0, count: 512)
        completion(res_9_nsearch(&resolver, "example.com", 1, 1, &answer, 512))
    }
}`,
          note: 'inside a closure',
        },
      ],
      valid: [
        {
          code: `func nameServers() -> Int32 {
    var state = __res_9_state()
    guard res_9_ninit(&state) == 0 else { return -1 }
    defer { res_9_ndestroy(&state) }
    var servers = [res_9_sockaddr_union](repeating: res_9_sockaddr_union(), count: 4)
    return res_9_getservers(&state, &servers, 4)
}`,
          note: 'released with defer',
        },
        {
          code: `final class Resolver {
    private var state = __res_9_state()
    init() { res_9_ninit(&state) }
    deinit { res_9_ndestroy(&state) }
}`,
          note: 'stored property released in deinit',
        },
        {
          code: `func start() -> __res_9_state {
    var state = __res_9_state()
    res_9_ninit(&state)
    register(&state)
    return state
}`,
          note: 'the state escapes',
        },
        {
          code: `func query() {
    var state = __res_9_state()
    res_9_ninit(&state)
    // res_9_ndestroy comes later
    res_9_nclose(&state)
}`,
          note: 'res_9_nclose counts as cleanup',
        },
        {
          code: `// res_9_ninit(&state) must be paired with res_9_ndestroy
let hint = "res_9_ninit(&state)"`,
          note: 'comment and string',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: `@implementation MXLookup
- (int)lookUp:(NSString *)domain answer:(u_char *)answer length:(int)length {
    struct __res_state state;
    memset(&state, 0, sizeof(state));
    if (⟦res_ninit⟧(&state) != 0) return -1;
    return res_nquery(&state, domain.UTF8String, ns_c_in, ns_t_mx, answer, length);
}
@end`,
        },
        {
          code: `@implementation Probe
- (void)run {
    dispatch_async(self.queue, ^{
        struct __res_state st = {0};
        ⟦res_9_ninit⟧(&st);
        u_char buf[512];
        [self finished:res_9_nsearch(&st, "example.com", 1, 1, buf, sizeof buf)];
    });
}
@end`,
          note: 'inside a block',
        },
        {
          code: `@implementation Servers
- (int)count {
    struct __res_state state = {0};
    ⟦res_ninit⟧(&state);
    union res_sockaddr_union list[4];
    int n = res_getservers(&state, list, 4);
    res_ndestroy(&other);
    return n;
}
@end`,
          note: 'destroys a different state',
        },
      ],
      valid: [
        {
          code: `@implementation MXLookup
- (int)lookUp:(const char *)domain answer:(u_char *)answer {
    struct __res_state state = {0};
    if (res_ninit(&state) != 0) return -1;
    int n = res_nquery(&state, domain, ns_c_in, ns_t_mx, answer, 512);
    res_ndestroy(&state);
    return n;
}
@end`,
        },
        {
          code: `@implementation Resolver {
    struct __res_state _state;
}
- (instancetype)init {
    if ((self = [super init])) { res_ninit(&_state); }
    return self;
}
- (void)dealloc { res_ndestroy(&_state); }
@end`,
          note: 'ivar released in dealloc',
        },
        {
          code: `@implementation Factory
- (res_state)makeState {
    res_state st = calloc(1, sizeof(struct __res_state));
    res_ninit(st);
    return st;
}
@end`,
          note: 'heap state handed to the caller',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: `#include <resolv.h>

int count_servers(void) {
    struct __res_state state;
    memset(&state, 0, sizeof state);
    if (⟦res_ninit⟧(&state) != 0) return -1;
    union res_sockaddr_union list[8];
    return res_getservers(&state, list, 8);
}`,
        },
        {
          code: `int txt_lookup(const char *name, unsigned char *answer, int size) {
    struct __res_state st = {0};
    ⟦res_9_ninit⟧(&st);
    st.options |= RES_USEVC;
    return res_9_nsearch(&st, name, 1, 16, answer, size);
}`,
        },
        {
          code: `#include <resolv.h>

static int first(const char *name, unsigned char *answer) {
    struct __res_state a = {0};
    struct __res_state b = {0};
    ⟦res_ninit⟧(&a);
    res_ninit(&b);
    int n = res_nquery(&a, name, ns_c_in, ns_t_a, answer, 512);
    res_ndestroy(&b);
    return n;
}`,
          note: 'only the second state is released',
        },
      ],
      valid: [
        {
          code: `#include <resolv.h>

int count_servers(void) {
    struct __res_state state = {0};
    if (res_ninit(&state) != 0) return -1;
    union res_sockaddr_union list[8];
    int n = res_getservers(&state, list, 8);
    res_ndestroy(&state);
    return n;
}`,
        },
        {
          code: `#include <resolv.h>

int start(struct __res_state *out) {
    return res_ninit(out);
}

void stop(struct __res_state *st) { res_nclose(st); }`,
          note: 'caller-owned state',
        },
        {
          code: `#include <resolv.h>

int with_cleanup(void) {
    struct __res_state state = {0};
    res_ninit(&state);
    return finish_and_release(&state);
}`,
          note: 'handed to another function that may release it',
        },
      ],
    },
  },
});
