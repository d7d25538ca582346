// iface-getifaddrs-not-freed: a getifaddrs list that some path of the function leaves without calling freeifaddrs.
import type { Node } from 'web-tree-sitter';
import { analyse, calleeName, indexFunction, type FunctionIndex } from './apis/getifaddrs-flow';
import { defineRule } from './rule';
import { inactiveRegionTest } from './syntax/iface-syntax';

export default defineRule({
  id: 'iface-getifaddrs-not-freed',
  title: 'getifaddrs list not released with freeifaddrs on every path',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'iface-getifaddrs-not-freed',
  sources: [
    'Apple Developer Forums: Network Interface APIs (DTS): its getifaddrs sample pairs the call with defer { freeifaddrs(…) }',
    'getifaddrs(3) man page: "The data returned by getifaddrs() is dynamically allocated and should be freed using freeifaddrs() when no longer needed."',
  ],
  messages: {
    neverFreed: 'This getifaddrs list is never released: call freeifaddrs on it once you are done (in Swift, `defer { freeifaddrs(list) }` right after a successful call).',
    earlyExit: 'This exit leaves the function without calling freeifaddrs on the getifaddrs list: free it before returning, or release it with `defer` (Swift) or a single cleanup path (C).',
    notFreedAtEnd: 'Some paths reach the end of the function without calling freeifaddrs on this getifaddrs list: free it on every path (in Swift, `defer { freeifaddrs(list) }` right after a successful call).',
  },
  knownLimitations: [
    'Only a list held in a local variable of the same function is checked; when the list or a direct copy of it is returned, stored in a property or global, passed to another function (other than sequence, print-style logging and assert), or captured by a closure or block, the rule stays silent.',
    'Any freeifaddrs call counts as releasing the list, whatever its argument; functions that use `goto`, or preprocessor branches around the free or a return, are skipped.',
    'Swift `try` expressions that throw past the free are not treated as exits; only explicit `return` / `throw` and falling off the end are.',
    'Conditions are read generously: a branch where any part of the condition shows getifaddrs failed (or the list is NULL / nil) is assumed to own nothing.',
  ],
  triggers: ['getifaddrs'],
  create(context) {
    const inactive = inactiveRegionTest(context.text, context.grammar);
    const swift = context.grammar === 'swift';
    const calls: Node[] = [];
    const indexes = new Map<number, FunctionIndex>();
    const indexOf = (fn: Node) => {
      let index = indexes.get(fn.id);
      if (!index) indexes.set(fn.id, index = indexFunction(fn, swift));
      return index;
    };
    return {
      call_expression(node) {
        // Cheap test first: most calls are not getifaddrs.
        const callee = swift ? node.namedChild(0) : node.childForFieldName('function');
        if (callee?.text === 'getifaddrs' && calleeName(node, swift) === 'getifaddrs') calls.push(node);
      },
      'file:exit'() {
        for (const call of calls) {
          const result = analyse(call, swift, indexOf);
          if (!result || inactive(call)) continue;
          const nameNode = call.namedChild(0) ?? call;
          if (result.kind === 'neverFreed') {
            context.report({ node: nameNode, messageId: 'neverFreed' });
            continue;
          }
          for (const leak of result.leaks) context.report({ node: leak, messageId: 'earlyExit' });
          if (result.fallsOff) context.report({ node: nameNode, messageId: 'notFreedAtEnd' });
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `func interfaceNames() -> [String] {
    var list: UnsafeMutablePointer<ifaddrs>?
    guard ⟦getifaddrs⟧(&list) == 0, let first = list else { return [] }
    return sequence(first: first, next: { $0.pointee.ifa_next }).map { String(cString: $0.pointee.ifa_name) }
}`,
          messages: ['neverFreed'],
        },
        {
          code: `func firstIPv4Name() -> String? {
    var ifaddr: UnsafeMutablePointer<ifaddrs>?
    guard getifaddrs(&ifaddr) == 0 else { return nil }
    var cursor = ifaddr
    while let entry = cursor {
        if entry.pointee.ifa_addr?.pointee.sa_family == UInt8(AF_INET) {
            ⟦return⟧ String(cString: entry.pointee.ifa_name)
        }
        cursor = entry.pointee.ifa_next
    }
    freeifaddrs(ifaddr)
    return nil
}`,
          messages: ['earlyExit'],
          note: 'return from inside the walk, before the free',
        },
        {
          code: `func loadInterfaces() throws -> [Interface] {
    var head: UnsafeMutablePointer<ifaddrs>? = nil
    if getifaddrs(&head) != 0 { throw POSIXError(.EIO) }
    var result: [Interface] = []
    var ptr = head
    while let p = ptr {
        result.append(Interface(p.pointee))
        ptr = p.pointee.ifa_next
    }
    if result.isEmpty { ⟦throw⟧ InterfaceError.none }
    freeifaddrs(head)
    return result
}`,
          messages: ['earlyExit'],
          note: 'the failure throw is fine; the later one leaks',
        },
        {
          code: `func countInterfaces(verbose: Bool) {
    var list: UnsafeMutablePointer<ifaddrs>?
    guard ⟦getifaddrs⟧(&list) == 0 else { return }
    var count = 0
    var cursor = list
    while cursor != nil {
        count += 1
        cursor = cursor?.pointee.ifa_next
    }
    if verbose {
        print("\\(count) interfaces")
        freeifaddrs(list)
    }
}`,
          messages: ['notFreedAtEnd'],
          note: 'freed on one branch only',
        },
      ],
      valid: [
        {
          code: `func legacyType(ofInterfaceNamed name: String) -> UInt8? {
    var addrList: UnsafeMutablePointer<ifaddrs>? = nil
    let status = getifaddrs(&addrList)
    guard status >= 0, let first = addrList else { return nil }
    defer { freeifaddrs(addrList) }
    for entry in sequence(first: first, next: { $0.pointee.ifa_next }) {
        guard String(cString: entry.pointee.ifa_name) == name, let data = entry.pointee.ifa_data else { continue }
        return data.assumingMemoryBound(to: if_data.self).pointee.ifi_type
    }
    return nil
}`,
          note: 'failure guard, then defer',
        },
        {
          code: `func upInterfaceCount() -> Int {
    var addrs: UnsafeMutablePointer<ifaddrs>?
    defer { if addrs != nil { freeifaddrs(addrs) } }
    guard getifaddrs(&addrs) == 0 else { return 0 }
    var count = 0
    var cursor = addrs
    while let c = cursor {
        if c.pointee.ifa_flags & UInt32(IFF_UP) != 0 { count += 1 }
        cursor = c.pointee.ifa_next
    }
    return count
}`,
          note: 'defer registered before the call',
        },
        {
          code: `final class InterfaceSnapshot {
    private var list: UnsafeMutablePointer<ifaddrs>?

    func copyList() -> UnsafeMutablePointer<ifaddrs>? {
        var head: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&head) == 0 else { return nil }
        return head
    }

    func refresh() {
        getifaddrs(&list)
    }
}`,
          note: 'ownership returned, or kept in a property',
        },
        {
          code: `func hasIPv6() -> Bool {
    var list: UnsafeMutablePointer<ifaddrs>?
    if getifaddrs(&list) == 0 {
        var cursor = list
        while let c = cursor {
            if c.pointee.ifa_addr?.pointee.sa_family == UInt8(AF_INET6) {
                freeifaddrs(list)
                return true
            }
            cursor = c.pointee.ifa_next
        }
        freeifaddrs(list)
    }
    // getifaddrs(&list) without freeifaddrs leaks; see the man page
    return false
}`,
          note: 'freed on every path; a comment',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: `@implementation InterfaceReader
- (NSString *)wifiAddress {
    struct ifaddrs *interfaces = NULL;
    if (getifaddrs(&interfaces) != 0) { return nil; }
    for (struct ifaddrs *ifa = interfaces; ifa != NULL; ifa = ifa->ifa_next) {
        if (ifa->ifa_addr != NULL && ifa->ifa_addr->sa_family == AF_INET) {
            char host[INET_ADDRSTRLEN];
            inet_ntop(AF_INET, &((struct sockaddr_in *)ifa->ifa_addr)->sin_addr, host, sizeof host);
            ⟦return⟧ [NSString stringWithUTF8String:host];
        }
    }
    freeifaddrs(interfaces);
    return nil;
}
@end`,
          messages: ['earlyExit'],
        },
        {
          code: `@implementation InterfaceReader
- (NSArray<NSString *> *)interfaceNames {
    NSMutableArray *names = [NSMutableArray array];
    struct ifaddrs *list;
    if (⟦getifaddrs⟧(&list) == 0) {
        for (struct ifaddrs *ifa = list; ifa; ifa = ifa->ifa_next) {
            [names addObject:@(ifa->ifa_name)];
        }
    }
    return names;
}
@end`,
          messages: ['neverFreed'],
        },
        {
          code: `dispatch_async(queue, ^{
    struct ifaddrs *head = NULL;
    int rc = getifaddrs(&head);
    if (rc == -1) { return; }
    if (self.cancelled) { ⟦return⟧; }
    NSUInteger count = 0;
    for (struct ifaddrs *p = head; p; p = p->ifa_next) count++;
    freeifaddrs(head);
    [self publishCount:count];
});`,
          messages: ['earlyExit'],
          note: 'inside a block',
        },
        {
          code: `@implementation InterfaceReader
- (void)refreshInterfaces {
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list) != 0) return;
    NSUInteger count = 0;
    for (struct ifaddrs *p = list; p; p = p->ifa_next) {
        if (p->ifa_addr == NULL) continue;
        count++;
    }
    if (count == 0) { NSLog(@"no interfaces"); ⟦return⟧; }
    self.interfaceCount = count;
    freeifaddrs(list);
}
@end`,
          messages: ['earlyExit'],
        },
      ],
      valid: [
        {
          code: `@implementation InterfaceReader
- (NSString *)getIPAddress {
    NSString *address = @"error";
    struct ifaddrs *interfaces = NULL;
    struct ifaddrs *temp_addr = NULL;
    int success = 0;
    success = getifaddrs(&interfaces);
    if (success == 0) {
        temp_addr = interfaces;
        while (temp_addr != NULL) {
            if (temp_addr->ifa_addr->sa_family == AF_INET) {
                address = [NSString stringWithUTF8String:inet_ntoa(((struct sockaddr_in *)temp_addr->ifa_addr)->sin_addr)];
            }
            temp_addr = temp_addr->ifa_next;
        }
    }
    freeifaddrs(interfaces);
    return address;
}
@end`,
          note: 'the status is checked, the free follows',
        },
        {
          code: `@implementation InterfaceReader
- (NSUInteger)upCount {
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list) != 0) return 0;
    @try {
        NSUInteger n = 0;
        for (struct ifaddrs *p = list; p; p = p->ifa_next) {
            if ([self shouldStop]) return n;
            if (p->ifa_flags & IFF_UP) n++;
        }
        return n;
    } @finally {
        freeifaddrs(list);
    }
}
@end`,
          note: '@finally frees on every path',
        },
        {
          code: `@implementation InterfaceReader
- (BOOL)copyInterfaces:(struct ifaddrs **)outList {
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list) != 0) return NO;
    *outList = list;
    return YES;
}
@end`,
          note: 'ownership passed to the caller',
        },
        {
          code: `@implementation InterfaceReader
// getifaddrs(&list) must be paired with freeifaddrs(list)
- (void)logInterfaces {
    NSLog(@"getifaddrs(&list) without freeifaddrs leaks");
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list) == -1) { return; }
    for (struct ifaddrs *p = list; p; p = p->ifa_next) NSLog(@"%s", p->ifa_name);
    if (list) freeifaddrs(list);
}
@end`,
          note: 'comment, string, free guarded by a NULL check',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: `int count_interfaces(void) {
    struct ifaddrs *list;
    if (⟦getifaddrs⟧(&list) != 0) return -1;
    int n = 0;
    for (struct ifaddrs *p = list; p != NULL; p = p->ifa_next) n++;
    return n;
}`,
          messages: ['neverFreed'],
        },
        {
          code: `int first_ipv4(struct in_addr *out) {
    struct ifaddrs *list;
    if (getifaddrs(&list) == -1) return -1;
    for (struct ifaddrs *ifa = list; ifa != NULL; ifa = ifa->ifa_next) {
        if (ifa->ifa_addr && ifa->ifa_addr->sa_family == AF_INET) {
            *out = ((struct sockaddr_in *)ifa->ifa_addr)->sin_addr;
            ⟦return⟧ 0;
        }
    }
    freeifaddrs(list);
    return -1;
}`,
          messages: ['earlyExit'],
        },
        {
          code: `void log_interfaces(int verbose) {
    struct ifaddrs *ifap = NULL;
    if (⟦getifaddrs⟧(&ifap) != 0) { perror("getifaddrs"); return; }
    for (struct ifaddrs *p = ifap; p; p = p->ifa_next) {
        if (verbose) printf("%s\\n", p->ifa_name);
    }
    if (verbose) freeifaddrs(ifap);
}`,
          messages: ['notFreedAtEnd'],
        },
        {
          code: `int mtu_kind(const char *wanted) {
    struct ifaddrs *all = NULL;
    int status = getifaddrs(&all);
    if (status < 0) return -1;
    switch (wanted[0]) {
    case 'e':
        ⟦return⟧ 1;
    default:
        break;
    }
    freeifaddrs(all);
    return 0;
}`,
          messages: ['earlyExit'],
          note: 'return inside a switch case',
        },
      ],
      valid: [
        {
          code: `int up_count(void) {
    struct ifaddrs *list = NULL;
    int n = -1;
    if (getifaddrs(&list) != 0) goto done;
    n = 0;
    for (struct ifaddrs *p = list; p; p = p->ifa_next) if (p->ifa_flags & IFF_UP) n++;
done:
    if (list != NULL) freeifaddrs(list);
    return n;
}`,
          note: 'goto cleanup',
        },
        {
          code: `struct ifaddrs *snapshot(void) {
    struct ifaddrs *l;
    if (getifaddrs(&l) != 0) return NULL;
    return l;
}`,
          note: 'ownership returned',
        },
        {
          code: `int main(void) {
    struct ifaddrs *list;
    if (getifaddrs(&list) < 0) { perror("getifaddrs"); exit(1); }
    for (struct ifaddrs *p = list; p; p = p->ifa_next) puts(p->ifa_name);
    freeifaddrs(list);
    return 0;
}`,
          note: 'exit on failure, free on success',
        },
        {
          code: `int first_index(void) {
    struct ifaddrs *list;
    int rc;
    if ((rc = getifaddrs(&list)) != 0) return -rc;
    unsigned int index = if_nametoindex(list->ifa_name);
    freeifaddrs(list);
    return (int)index;
}`,
          note: 'status assigned inside the condition',
        },
        {
          code: `int has_loopback(void) {
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list) == -1 || list == NULL) return 0;
    int found = 0;
    for (struct ifaddrs *p = list; p; p = p->ifa_next) {
        if (p->ifa_flags & IFF_LOOPBACK) { found = 1; break; }
    }
    freeifaddrs(list);
    return found;
}`,
          note: 'failure or empty list returns early; break leaves the loop only',
        },
      ],
    },
  },
});
