// legacy-scnetworkreachability: SCNetworkReachability preflight checks and its IsWWAN flag (deprecated in iOS 17.4 / macOS 14.4); recommend making the request, waitsForConnectivity, NWPathMonitor, constrained/expensive.
import type { Node } from 'web-tree-sitter';
import { REACHABILITY_DEPRECATION, REACHABILITY_FUNCTIONS, REACHABILITY_WWAN_FLAG } from './apis/legacy-networking';
import { defineRule } from './rule';
import { cCall } from './syntax/c-family';
import { enclosingBodyId } from './syntax/legacy-support';
import { swiftCall, swiftImplicitMember, swiftMember } from './syntax/swift';
import { FunctionsDefinedHere } from './syntax/defined-functions';
import { inInactiveRegion } from './syntax/conditional-compilation';

interface Candidate { node: Node; name: string; body: number; wwan: boolean }

export default defineRule({
  id: 'legacy-scnetworkreachability',
  title: 'SCNetworkReachability is deprecated and preflight checks mislead: make the request, wait for connectivity, or watch the path',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'info',
  confidence: 'high',
  article: 'legacy-scnetworkreachability',
  triggers: ['SCNetworkReachability*', 'kSCNetworkReachability*'],
  sources: [
    'https://developer.apple.com/documentation/systemconfiguration/scnetworkreachability-g7d ("All SCNetworkReachability functions are deprecated … just attempt your connection")',
    'https://developer.apple.com/documentation/foundation/urlsessionconfiguration/waitsforconnectivity',
    'https://developer.apple.com/documentation/network/nwpathmonitor',
    'Apple Developer Forums: Networking Resources (DTS): constrained networking (WWDC 2019 Session 712) is the answer to "am I on Wi-Fi?"',
  ],
  deprecated: REACHABILITY_DEPRECATION,
  messages: {
    reachability: 'SCNetworkReachability is deprecated (iOS 17.4, macOS 14.4) and a reachability preflight is often wrong: just make the request (URLSession with waitsForConnectivity, or NWConnection, which waits in .waiting), and use NWPathMonitor only to react to path changes.',
    wwan: 'The IsWWAN reachability flag (deprecated with SCNetworkReachability) says nothing about cost or quality: decide with constrained and expensive paths instead (allowsExpensiveNetworkAccess / allowsConstrainedNetworkAccess, NWPath.isExpensive / isConstrained).',
  },
  knownLimitations: [
    'One finding per function (closures and blocks belong to their function): an IsWWAN check there takes precedence over the first SCNetworkReachability call.',
    'Third-party reachability wrappers (Reachability.swift, Alamofire NetworkReachabilityManager, AFNetworkReachabilityManager) are not reported; only their SCNetworkReachability calls inside the wrapper\'s own source are.',
    'Whether the result is used as a preflight gate or only for a UI hint is not distinguished: every SCNetworkReachability function is deprecated either way.',
  ],
  create(context) {
    const swift = context.grammar === 'swift';
    const definedHere = new FunctionsDefinedHere(context.grammar);
    const candidates: Candidate[] = [];
    const add = (node: Node, name: string, wwan: boolean) => {
      if (!inInactiveRegion(node, context.grammar)) candidates.push({ node, name, body: enclosingBodyId(node, context.grammar), wwan });
    };
    return {
      ...definedHere.visitors,
      call_expression(node) {
        if (swift) {
          const call = swiftCall(node);
          if (call && call.receiver === undefined && node.namedChild(0)?.type === 'simple_identifier' && REACHABILITY_FUNCTIONS.has(call.name)) {
            add(call.nameNode, call.name, false);
          }
        } else {
          const call = cCall(node);
          if (call && REACHABILITY_FUNCTIONS.has(call.name)) add(call.nameNode, call.name, false);
        }
      },
      identifier(node) {
        if (node.text === REACHABILITY_WWAN_FLAG) add(node, '', true);
      },
      simple_identifier(node) {
        if (node.text === REACHABILITY_WWAN_FLAG) add(node, '', true);
      },
      prefix_expression(node) {
        // `flags.contains(.isWWAN)`
        if (swiftImplicitMember(node) === 'isWWAN') add(node, '', true);
      },
      navigation_expression(node) {
        const member = swiftMember(node);
        if (member?.name === 'isWWAN' && member.target?.text === 'SCNetworkReachabilityFlags') add(node, '', true);
      },
      'file:exit'() {
        const wwanBodies = new Set(candidates.filter((c) => c.wwan).map((c) => c.body));
        const flagged = new Set<number>();
        for (const candidate of candidates) {
          if (candidate.name && definedHere.has(candidate.name)) continue;
          if (flagged.has(candidate.body)) continue;
          if (!candidate.wwan && wwanBodies.has(candidate.body)) continue;
          flagged.add(candidate.body);
          context.report({ node: candidate.node, messageId: candidate.wwan ? 'wwan' : 'reachability' });
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `import SystemConfiguration

func isServerReachable() -> Bool {
    guard let target = ⟦SCNetworkReachabilityCreateWithName⟧(nil, "api.example.com") else { return false }
    var flags = SCNetworkReachabilityFlags()
    guard SCNetworkReachabilityGetFlags(target, &flags) else { return false }
    return flags.contains(.reachable) && !flags.contains(.connectionRequired)
}`,
          messages: ['reachability'],
          note: 'one finding for the whole preflight',
        },
        {
          code: `func shouldDownloadVideo(_ target: SCNetworkReachability) -> Bool {
    var flags = SCNetworkReachabilityFlags()
    SCNetworkReachabilityGetFlags(target, &flags)
    return !flags.contains(⟦.isWWAN⟧)
}`,
          messages: ['wwan'],
          note: 'a Wi-Fi check: the constrained/expensive advice wins',
        },
        {
          code: `final class ReachabilityObserver {
    private let target: SCNetworkReachability

    init?(host: String) {
        guard let t = ⟦SCNetworkReachabilityCreateWithName⟧(kCFAllocatorDefault, host) else { return nil }
        target = t
    }

    func start() {
        var context = SCNetworkReachabilityContext(version: 0, info: nil, retain: nil, release: nil, copyDescription: nil)
        ⟦SCNetworkReachabilitySetCallback⟧(target, { _, _, _ in }, &context)
        SCNetworkReachabilitySetDispatchQueue(target, .main)
    }
}`,
          messages: ['reachability', 'reachability'],
          note: 'one per function',
        },
        {
          code: `var zero = sockaddr_in()
zero.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
zero.sin_family = sa_family_t(AF_INET)
let route = withUnsafePointer(to: &zero) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { ⟦SCNetworkReachabilityCreateWithAddress⟧(nil, $0) }
}`,
          messages: ['reachability'],
          note: 'the "is there any network" zero-address check',
        },
      ],
      valid: [
        {
          code: `let configuration = URLSessionConfiguration.default
configuration.waitsForConnectivity = true
configuration.allowsExpensiveNetworkAccess = false
let session = URLSession(configuration: configuration)`,
          note: 'the recommended alternative',
        },
        {
          code: `import Network

let monitor = NWPathMonitor()
monitor.pathUpdateHandler = { path in
    if path.isExpensive || path.isConstrained { print("lower the bitrate") }
}
monitor.start(queue: .main)`,
          note: 'NWPathMonitor with expensive/constrained',
        },
        {
          code: `// SCNetworkReachabilityCreateWithName was removed; see NWPathMonitor
let reachability = try Reachability(hostname: "api.example.com")
let help = "kSCNetworkReachabilityFlagsIsWWAN is deprecated"`,
          note: 'comment, string, third-party wrapper',
        },
        {
          code: `#if false
let legacy = SCNetworkReachabilityCreateWithName(nil, "example.com")
#endif
func SCNetworkReachabilityGetFlags(_ name: String) -> Int { 0 }
let x = SCNetworkReachabilityGetFlags("x")`,
          note: 'compiled out, and an app function of the same name',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: `@implementation UploadScheduler
- (BOOL)canUploadNow {
    SCNetworkReachabilityRef target = ⟦SCNetworkReachabilityCreateWithName⟧(kCFAllocatorDefault, "upload.example.com");
    SCNetworkReachabilityFlags flags = 0;
    BOOL ok = SCNetworkReachabilityGetFlags(target, &flags);
    CFRelease(target);
    return ok && (flags & kSCNetworkReachabilityFlagsReachable);
}
@end`,
          messages: ['reachability'],
        },
        {
          code: `@implementation MediaQuality
- (BOOL)onCellular:(SCNetworkReachabilityFlags)flags {
    return (flags & ⟦kSCNetworkReachabilityFlagsIsWWAN⟧) != 0;
}
@end`,
          messages: ['wwan'],
        },
        {
          code: `@implementation Watcher
- (void)startWithTarget:(SCNetworkReachabilityRef)target {
    dispatch_async(dispatch_get_main_queue(), ^{
        ⟦SCNetworkReachabilityScheduleWithRunLoop⟧(target, CFRunLoopGetMain(), kCFRunLoopDefaultMode);
    });
}
@end`,
          messages: ['reachability'],
          note: 'inside a block',
        },
      ],
      valid: [
        {
          code: `@implementation Loader
- (void)load {
    NSURLSessionConfiguration *configuration = [NSURLSessionConfiguration defaultSessionConfiguration];
    configuration.waitsForConnectivity = YES;
    configuration.allowsConstrainedNetworkAccess = NO;
}
@end`,
          note: 'the recommended alternative',
        },
        {
          code: `// SCNetworkReachabilityCreateWithName(NULL, "example.com");
static NSString *const kNote = @"SCNetworkReachabilityGetFlags is deprecated";`,
          note: 'comment and string',
        },
        {
          code: `@implementation App
- (void)watch {
    nw_path_monitor_t monitor = nw_path_monitor_create();
    nw_path_monitor_set_update_handler(monitor, ^(nw_path_t path) {
        BOOL cheap = !nw_path_is_expensive(path) && !nw_path_is_constrained(path);
    });
    [self.reachability startNotifier];
}
@end`,
          note: 'nw_path_monitor and a wrapper object',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: `#include <SystemConfiguration/SystemConfiguration.h>

bool host_reachable(const char *host) {
    SCNetworkReachabilityRef target = ⟦SCNetworkReachabilityCreateWithName⟧(NULL, host);
    SCNetworkReachabilityFlags flags = 0;
    bool ok = target && SCNetworkReachabilityGetFlags(target, &flags);
    if (target) CFRelease(target);
    return ok && (flags & kSCNetworkReachabilityFlagsReachable);
}`,
          messages: ['reachability'],
        },
        {
          code: `bool on_cellular(SCNetworkReachabilityFlags flags) {
    return flags & ⟦kSCNetworkReachabilityFlagsIsWWAN⟧;
}`,
          messages: ['wwan'],
        },
        {
          code: `void watch(SCNetworkReachabilityRef target, SCNetworkReachabilityCallBack cb) {
    SCNetworkReachabilityContext ctx = {0, NULL, NULL, NULL, NULL};
    ⟦SCNetworkReachabilitySetCallback⟧(target, cb, &ctx);
}

void unwatch(SCNetworkReachabilityRef target) {
    ⟦SCNetworkReachabilitySetDispatchQueue⟧(target, NULL);
}`,
          messages: ['reachability', 'reachability'],
        },
      ],
      valid: [
        {
          code: `#include <Network/Network.h>
void watch(void) {
    nw_path_monitor_t monitor = nw_path_monitor_create();
    nw_path_monitor_start(monitor);
}`,
          note: 'the recommended alternative',
        },
        {
          code: `/* SCNetworkReachabilityGetFlags(target, &flags) was removed */
const char *why = "kSCNetworkReachabilityFlagsIsWWAN";`,
          note: 'comment and string',
        },
        {
          code: `#if 0
bool old_check(void) { return SCNetworkReachabilityCreateWithName(NULL, "x") != NULL; }
#endif
typedef void (*cb_t)(void);
struct table { cb_t SCNetworkReachabilityGetFlags; };`,
          note: 'compiled out, and a struct member named like the function',
        },
      ],
    },
  },
});
