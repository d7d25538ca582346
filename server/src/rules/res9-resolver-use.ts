// res9-resolver-use: libresolv lookups (res_9_* and the res_* macros); recommend DNSServiceQueryRecord or connect-by-name APIs.
import type { Node } from 'web-tree-sitter';
import { RES9_FUNCTIONS, RES_MACROS } from './apis/libresolv';
import { defineRule } from './rule';
import { cCall } from './syntax/c-family';
import { swiftCall } from './syntax/swift';
import { closestAncestor } from './syntax/tree';
import { FunctionsDefinedHere } from './syntax/defined-functions';

/*
 * One finding per function body, on its first libresolv call: a query helper typically makes three to
 * six calls (init, query, getservers, close) and they all share one fix. Closures and blocks belong to
 * the enclosing function for the same reason.
 */
const SWIFT_BODIES = new Set(['function_declaration', 'init_declaration', 'deinit_declaration', 'computed_property', 'subscript_declaration']);
const C_BODIES = new Set(['function_definition', 'method_definition']);

interface Candidate { name: string; nameNode: Node; body: number }

export default defineRule({
  id: 'res9-resolver-use',
  aliases: ['resolver-libresolv-use'],
  title: 'libresolv (res_9_*, res_query, res_ninit…) bypasses the system resolver: use DNSServiceQueryRecord or connect by name',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'info',
  confidence: 'medium',
  article: 'res9-resolver-use',
  triggers: [...RES9_FUNCTIONS, ...RES_MACROS],
  sources: [
    'Apple Developer Forums: DNS resolution using libresolv (res_nquery) fails in macOS 15.4 when connected to VPN (user report; works over TCP with RES_USEVC)',
    'Apple <resolv.h> (libresolv), "Important note regarding the BIND-9 API on Mac OS": the API "does not do query routing or search amongst multiple resolver clients … We strongly encourage developers to use higher-level APIs where possible."',
    'https://developer.apple.com/library/archive/documentation/System/Conceptual/ManPages_iPhoneOS/man3/resolver.3.html',
    'https://developer.apple.com/documentation/dnssd/dnsservicequeryrecord(_:_:_:_:_:_:_:_:)',
    'https://developer.apple.com/documentation/technotes/tn3151-choosing-the-right-networking-api',
  ],
  messages: {
    libresolv: 'libresolv does not use the system\'s DNS query routing (per-interface, VPN and split-DNS resolvers) and has been reported failing over UDP on macOS 15.4 with a VPN: query records with DNSServiceQueryRecord (dns_sd), or connect by name with Network framework, URLSession or getaddrinfo instead of resolving yourself.',
  },
  knownLimitations: [
    'Only the first libresolv call of each function (closures and blocks included) is flagged; cleanup calls (res_nclose, res_ndestroy) and wire-format parsers (dn_expand, ns_initparse, ns_parserr) are never flagged, because code that moved to DNSServiceQueryRecord still uses the parsers on its rdata.',
    'Swift is checked for the res_9_ names only (the unprefixed names are C macros that Swift does not import); in C and Objective-C a same-named function defined in the same file silences calls to it, but one defined in another file does not.',
    'Taking a libresolv function\'s address (a function pointer) is not a call and is not flagged.',
    'Reading the DNS server list (res_9_getservers) gets the same advice, although it has no direct replacement on iOS; reconsider whether the list is needed at all.',
  ],
  create(context) {
    const swift = context.grammar === 'swift';
    const names = swift ? RES9_FUNCTIONS : new Set([...RES9_FUNCTIONS, ...RES_MACROS]);
    const bodies = swift ? SWIFT_BODIES : C_BODIES;
    const definedHere = new FunctionsDefinedHere(context.grammar);
    const candidates: Candidate[] = [];
    const consider = (name: string, nameNode: Node) => {
      if (!names.has(name)) return;
      const body = closestAncestor(nameNode, (n) => bodies.has(n.type));
      candidates.push({ name, nameNode, body: body?.id ?? -1 });
    };
    return {
      call_expression(node) {
        if (swift) {
          // Only bare calls: `resolver.res_9_query(…)` is a member of some other type.
          const call = swiftCall(node);
          if (call && node.namedChild(0)?.type === 'simple_identifier') consider(call.name, call.nameNode);
        } else {
          const call = cCall(node);
          if (call) consider(call.name, call.nameNode);
        }
      },
      ...definedHere.visitors,
      'file:exit'() {
        const flagged = new Set<number>();
        for (const candidate of candidates) {
          if (definedHere.has(candidate.name) || flagged.has(candidate.body)) continue;
          flagged.add(candidate.body);
          context.report({ node: candidate.nameNode });
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `import Darwin

func mailExchangers(for domain: String) -> Int32 {
    var state = __res_9_state()
    guard ⟦res_9_ninit⟧(&state) == 0 else { return -1 }
    defer { res_9_ndestroy(&state) }
    var answer = [UInt8](repeating: 0, count: 4096)
    return res_9_nquery(&state, domain, 1, 15, &answer, Int32(answer.count))
}`,
          note: 'one finding for the whole helper',
        },
        {
          code: `final class SystemResolver {
    private var state = __res_9_state()

    init() { ⟦res_9_ninit⟧(&state) }

    func servers() -> Int32 {
        var list = [res_9_sockaddr_union](repeating: res_9_sockaddr_union(), count: 3)
        return ⟦res_9_getservers⟧(&state, &list, 3)
    }

    deinit { res_9_ndestroy(&state) }
}`,
          note: 'one per function; cleanup alone is not flagged',
        },
        {
          code: `func lookUpText(_ name: String, completion: @escaping (Int32) -> Void) {
    DispatchQueue.global().async {
        var answer = [UInt8](repeating: 0, count: 1024)
        completion(⟦res_9_search⟧(name, 1, 16, &answer, Int32(answer.count)))
    }
}`,
          note: 'inside a closure',
        },
        {
          code: `var buffer = [UInt8](repeating: 0, count: 512)
let length = ⟦res_9_query⟧("_xmpp._tcp.example.com", 1, 33, &buffer, Int32(buffer.count))`,
          note: 'top-level code',
        },
      ],
      valid: [
        {
          code: `// res_9_query("example.com", …) was replaced by DNSServiceQueryRecord
let hint = "call res_9_ninit(&state) before res_9_nquery"
print(hint)`,
          note: 'comment and string',
        },
        {
          code: `let resolver = CustomResolver()
let count = resolver.res_9_query("example.com")
let parsed = parse_res_query_result(count)
let res_count = my_res_init()`,
          note: 'members of other types and look-alike names',
        },
        {
          code: `func res_9_query(_ name: String) -> Int { name.count }
let n = res_9_query("example.com")`,
          note: 'a same-named function of the app',
        },
        {
          code: `import dnssd

func queryText(_ name: String, reply: @escaping DNSServiceQueryRecordReply) -> DNSServiceRef? {
    var ref: DNSServiceRef?
    let err = DNSServiceQueryRecord(&ref, 0, 0, name, UInt16(kDNSServiceType_TXT), UInt16(kDNSServiceClass_IN), reply, nil)
    return err == kDNSServiceErr_NoError ? ref : nil
}`,
          note: 'the recommended API',
        },
        {
          code: `func targetName(rdata: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, out: UnsafeMutablePointer<CChar>) -> Int32 {
    res_9_dn_expand(rdata, end, rdata + 6, out, 1025)
}`,
          note: 'a wire-format parser for DNSServiceQueryRecord rdata',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: `#include <resolv.h>

@implementation SRVLookup
- (int)lookUp:(NSString *)name into:(u_char *)answer length:(int)length {
    struct __res_state state = {0};
    if (⟦res_ninit⟧(&state) != 0) return -1;
    int n = res_nquery(&state, name.UTF8String, ns_c_in, ns_t_srv, answer, length);
    res_ndestroy(&state);
    return n;
}
@end`,
          note: 'the res_* macros',
        },
        {
          code: `@implementation DNSProbe
- (void)probe:(NSString *)host {
    dispatch_async(self.queue, ^{
        u_char answer[512];
        int n = ⟦res_9_query⟧(host.UTF8String, 1, 1, answer, sizeof answer);
        [self finishedWithLength:n];
    });
}
@end`,
          note: 'inside a block',
        },
        {
          code: `@implementation Resolver
- (instancetype)init {
    if ((self = [super init])) { ⟦res_init⟧(); }
    return self;
}
- (int)search:(const char *)name answer:(u_char *)answer {
    return ⟦res_search⟧(name, ns_c_in, ns_t_a, answer, 512);
}
@end`,
          note: 'one per method',
        },
      ],
      valid: [
        {
          code: `@implementation Lookup
- (void)run {
    [self.resolver res_query];
    [resolver res_ninit:state];
}
@end`,
          note: 'messages named like the functions',
        },
        {
          code: `#include <resolv.h>
// res_query() is no longer used here
static NSString *const kFailure = @"res_query failed";`,
          note: 'include, comment and string only',
        },
        {
          code: `#import <dns_sd.h>

@implementation TXTLookup
- (DNSServiceErrorType)start:(NSString *)name {
    return DNSServiceQueryRecord(&_ref, 0, 0, name.UTF8String, kDNSServiceType_TXT, kDNSServiceClass_IN, TXTReply, (__bridge void *)self);
}
@end`,
          note: 'the recommended API',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: `#include <string.h>
#include <resolv.h>

int lookup_mx(const char *domain, unsigned char *answer, int size) {
    struct __res_state state;
    memset(&state, 0, sizeof state);
    if (⟦res_ninit⟧(&state) != 0) return -1;
    int len = res_nquery(&state, domain, ns_c_in, ns_t_mx, answer, size);
    res_ndestroy(&state);
    return len;
}`,
          note: 'one finding for the whole helper',
        },
        {
          code: `#include <resolv.h>

int lookup_txt(const char *name, unsigned char *answer, int size) {
    if (⟦res_init⟧() != 0) return -1;
    _res.options |= RES_USEVC;
    return res_query(name, ns_c_in, ns_t_txt, answer, size);
}`,
          note: 'the process-wide state',
        },
        {
          code: `int srv_lookup(const char *name, unsigned char *answer, int size) {
    return ⟦res_9_search⟧(name, 1, 33, answer, size);
}

int ptr_lookup(const char *name, unsigned char *answer, int size) {
    return ⟦res_9_query⟧(name, 1, 12, answer, size);
}`,
          note: 'one per function',
        },
      ],
      valid: [
        {
          code: `#include <resolv.h>
/* res_query(name, ns_c_in, ns_t_a, ...) moved to dns_sd */
const char *failure = "res_ninit failed";`,
          note: 'include, comment and string only',
        },
        {
          code: `int res_count = 0;
int summarize(const unsigned char *buf) {
    res_count += parse_res_query_result(buf);
    return my_res_init() + resInit();
}`,
          note: 'look-alike names',
        },
        {
          code: `static int res_query(const char *name) { return name[0]; }

int first_letter(const char *name) { return res_query(name); }`,
          note: 'a same-named function defined in this file',
        },
        {
          code: `typedef int (*query_fn)(const char *, int, int, unsigned char *, int);
struct resolver { query_fn res_query; };

int run(struct resolver *r, const char *name, unsigned char *buf) {
    int (*fallback)(const char *, int, int, unsigned char *, int) = res_search;
    return r->res_query(name, 1, 1, buf, 512) + (fallback != 0);
}`,
          note: 'function pointer type and a member named like the function',
        },
        {
          code: `#include <resolv.h>

int expand_target(const unsigned char *msg, const unsigned char *end, const unsigned char *src, char *out) {
    return dn_expand(msg, end, src, out, 1025);
}`,
          note: 'wire-format parser only',
        },
      ],
    },
  },
});
