// watchos-low-level-networking: Network framework, NWPathMonitor, sockets or WebSocket/stream tasks in code compiled for watchOS.
import type { Node } from 'web-tree-sitter';
import { C_LOW_LEVEL_FUNCTIONS, C_PATH_MONITOR_FUNCTIONS, EXCEPTION_MODULES, EXCEPTION_NAMES, LOCAL_FAMILIES, OBJC_LOW_LEVEL_SELECTORS, SOCKET_FUNCTIONS, SWIFT_LOW_LEVEL_TASKS, SWIFT_LOW_LEVEL_TYPES, SWIFT_PATH_MONITOR, WATCH_MODULE, WATCH_ONLY_TYPES } from './apis/watchos-networking';
import { defineRule } from './rule';
import { cCall, objcMessage } from './syntax/c-family';
import { cPlatformScope, cUnconditional, SwiftPlatformTracker, type PlatformScope } from './syntax/platform-conditions';
import { swiftCall } from './syntax/swift';

type Kind = 'lowLevel' | 'pathMonitor' | 'bsdSocket';

interface Candidate { node: Node; kind: Kind; scope: PlatformScope }

/** The module a Swift `import` names (`CallKit` in `import CallKit` or `import CallKit.CXProvider`). */
function swiftImportedModule(node: Node): string | undefined {
  const path = node.namedChildren.find((c) => c?.type === 'identifier');
  return path?.namedChildren[0]?.text ?? path?.text;
}

/** The framework of `@import X;` or `#import <X/…>`. */
function cImportedModule(node: Node): string | undefined {
  const path = node.childForFieldName('path');
  if (!path) return undefined;
  if (node.type === 'module_import') return path.text;
  return path.type === 'system_lib_string' ? /^<([^/>]+)\//.exec(path.text)?.[1] : undefined;
}

/** `socket(AF_UNIX, …)` and friends are local IPC, not networking. */
function isLocalSocket(family: Node | undefined): boolean {
  return family !== undefined && LOCAL_FAMILIES.has(family.text);
}

export default defineRule({
  id: 'watchos-low-level-networking',
  title: 'Low-level networking (Network framework, NWPathMonitor, sockets) in watchOS code',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'medium',
  article: 'watchos-low-level-networking',
  triggers: ['watchOS', 'TARGET_OS_WATCH', '__WATCH_OS_VERSION_MIN_REQUIRED', '__ENVIRONMENT_WATCH_OS_VERSION_MIN_REQUIRED__', 'TARGET_OS_IOS', 'TARGET_OS_OSX', 'TARGET_OS_TV', 'TARGET_OS_VISION', 'TARGET_OS_XR', 'TARGET_OS_MACCATALYST', WATCH_MODULE, ...WATCH_ONLY_TYPES],
  sources: [
    'Apple Developer Forums: URLSession on watchOS never fails over to watch\'s own Wi-Fi when paired iPhone has Bluetooth but no internet (-1200) (user report citing TN3135)',
    'Apple Developer Forums: Networking Resources (DTS), which lists TN3135',
    'https://developer.apple.com/documentation/technotes/tn3135-low-level-networking-on-watchos',
    'https://developer.apple.com/documentation/foundation/urlsession',
  ],
  messages: {
    lowLevel: 'watchOS blocks low-level networking for ordinary apps (the connection waits with ENETDOWN): use URLSession data, upload or download tasks, and keep Network framework, WebSocket and stream tasks for an active audio-streaming session, a CallKit call or a DeviceDiscoveryUI connection.',
    pathMonitor: 'On watchOS NWPathMonitor stays unsatisfied for ordinary apps even when Wi-Fi works: do not preflight, send the URLSession request and handle its error (or set waitsForConnectivity).',
    bsdSocket: 'BSD sockets do not work for networking on watchOS in any circumstances: use URLSession for HTTP(S), or Network framework in the cases TN3135 allows (audio streaming, CallKit calls, DeviceDiscoveryUI).',
  },
  knownLimitations: [
    'watchOS code is recognised only from the file itself: a `#if os(watchOS)` / `#if TARGET_OS_WATCH` branch, or an `import WatchKit` / WatchKit-only type (WKApplication, WKExtension, WKInterfaceController…) outside every `#if` block. A file that belongs to a watch target but shows none of these is not checked (the target membership lives in the project file).',
    'Shared code under `#if os(iOS) || os(watchOS)`, `canImport(WatchKit)` or no condition at all is not flagged unless the file shows watchOS evidence.',
    'A file that mentions CallKit, LiveCommunicationKit, AVAudioSession, long-form audio or an application-service listener (DeviceDiscoveryUI) is assumed to be in one of the cases TN3135 allows, and only socket creation is reported there.',
    'Only creation sites are flagged (the constructor, `nw_*_create`, `socket`, `webSocketTask`); a connection created in shared code and started from watchOS code is missed.',
  ],
  create(context) {
    const swift = context.grammar === 'swift';
    const tracker = new SwiftPlatformTracker();
    const scopeOf = (node: Node): PlatformScope => (swift ? tracker.current() : cPlatformScope(node));
    // File-wide evidence only counts outside every conditional block (`#if canImport(WatchKit)` is shared code).
    const unconditional = (node: Node): boolean => (swift ? tracker.unconditional() : cUnconditional(node));
    const candidates: Candidate[] = [];
    let watchEvidence = false;
    let exception = false;
    const definedFunctions = new Set<string>();

    const noteName = (node: Node) => {
      const name = node.text;
      if (EXCEPTION_NAMES.has(name)) exception = true;
      else if (!watchEvidence && WATCH_ONLY_TYPES.has(name) && unconditional(node)) watchEvidence = true;
    };
    const noteModule = (node: Node, module: string | undefined) => {
      if (!module) return;
      if (EXCEPTION_MODULES.has(module)) exception = true;
      else if (module === WATCH_MODULE && unconditional(node)) watchEvidence = true;
    };
    const add = (node: Node, kind: Kind) => {
      const scope = scopeOf(node);
      if (scope !== 'notWatch') candidates.push({ node, kind, scope });
    };

    const swiftCallVisitor = (node: Node) => {
      const call = swiftCall(node);
      if (!call) return;
      const callee = node.namedChild(0);
      const bare = callee?.type === 'simple_identifier';
      const qualifiedByNetwork = call.receiver?.type === 'simple_identifier' && call.receiver.text === 'Network';
      if (bare || qualifiedByNetwork) {
        if (SWIFT_LOW_LEVEL_TYPES.has(call.name)) add(call.nameNode, 'lowLevel');
        else if (call.name === SWIFT_PATH_MONITOR) add(call.nameNode, 'pathMonitor');
      }
      if (bare && call.name === 'socket' && call.arguments.length === 3 && call.arguments.every((a) => a.label === undefined) && !isLocalSocket(call.arguments[0].value)) {
        add(call.nameNode, 'bsdSocket');
      } else if (bare && call.name === 'CFSocketCreate') {
        add(call.nameNode, 'bsdSocket');
      } else if (call.receiver && SWIFT_LOW_LEVEL_TASKS.has(call.name)) {
        add(call.nameNode, 'lowLevel');
      } else if (call.name === 'getStreamsToHost' && call.receiver?.text === 'Stream') {
        add(call.nameNode, 'lowLevel');
      }
    };

    const cCallVisitor = (node: Node) => {
      const call = cCall(node);
      if (!call) return;
      if (C_LOW_LEVEL_FUNCTIONS.has(call.name)) add(call.nameNode, 'lowLevel');
      else if (C_PATH_MONITOR_FUNCTIONS.has(call.name)) add(call.nameNode, 'pathMonitor');
      else if (SOCKET_FUNCTIONS.has(call.name) && !(call.name === 'socket' && isLocalSocket(call.arguments[0]))) add(call.nameNode, 'bsdSocket');
    };

    return {
      directive(node) { if (swift) tracker.directive(node); },
      import_declaration(node) { noteModule(node, swiftImportedModule(node)); },
      module_import(node) { noteModule(node, cImportedModule(node)); },
      preproc_include(node) { noteModule(node, cImportedModule(node)); },
      type_identifier: noteName,
      simple_identifier: noteName,
      identifier(node) { if (!swift) noteName(node); },
      function_declaration(node) {
        const name = node.childForFieldName('name');
        if (name) definedFunctions.add(name.text);
      },
      call_expression(node) {
        if (swift) swiftCallVisitor(node);
        else cCallVisitor(node);
      },
      message_expression(node) {
        const message = objcMessage(node);
        if (message && OBJC_LOW_LEVEL_SELECTORS.has(message.selector)) add(message.keywords[0].nameNode, 'lowLevel');
      },
      'file:exit'() {
        for (const candidate of candidates) {
          if (candidate.kind !== 'bsdSocket' && exception) continue;
          if (candidate.kind === 'bsdSocket' && swift && definedFunctions.has(candidate.node.text)) continue;
          if (candidate.scope === 'watch' || watchEvidence) context.report({ node: candidate.node, messageId: candidate.kind });
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `import SwiftUI
import Network

#if os(watchOS)
final class ReachabilityBadge: ObservableObject {
    @Published var online = false
    private let monitor = ⟦NWPathMonitor⟧()

    func start() {
        monitor.pathUpdateHandler = { [weak self] path in
            DispatchQueue.main.async { self?.online = path.status == .satisfied }
        }
        monitor.start(queue: .main)
    }
}
#endif`,
          messages: ['pathMonitor'],
          note: 'inside #if os(watchOS)',
        },
        {
          code: `import WatchKit
import Network

final class TelemetryUplink {
    private var connection: NWConnection?

    func open() {
        let connection = ⟦NWConnection⟧(host: "telemetry.example.com", port: 7000, using: .tls)
        connection.start(queue: .main)
        self.connection = connection
    }
}`,
          note: 'unconditional import WatchKit',
        },
        {
          code: `import SwiftUI

@main
struct StepsApp: App {
    @WKApplicationDelegateAdaptor var delegate: AppDelegate
    var body: some Scene { WindowGroup { Text("Steps") } }
}

final class LiveFeed {
    func connect(to url: URL) -> URLSessionWebSocketTask {
        let task = URLSession.shared.⟦webSocketTask⟧(with: url)
        task.resume()
        return task
    }
}`,
          note: 'WatchKit-only type in the file; WebSocket task',
        },
        {
          code: `#if os(watchOS) && !targetEnvironment(simulator)
func openRawSocket() -> Int32 {
    ⟦socket⟧(AF_INET, SOCK_STREAM, 0)
}
#endif`,
          messages: ['bsdSocket'],
        },
        {
          code: `import Network

#if !os(watchOS)
let params = NWParameters.tcp
#else
let browser = ⟦NWBrowser⟧(for: .bonjour(type: "_scores._tcp", domain: nil), using: .tcp)
#endif`,
          note: 'the #else of #if !os(watchOS)',
        },
      ],
      valid: [
        {
          code: `import WatchKit
import Network

#if os(iOS)
let connection = NWConnection(host: "scores.example.com", port: 443, using: .tls)
#endif`,
          note: 'iOS-only branch of a watch file',
        },
        {
          code: `#if os(watchOS)
import WatchKit
#else
import UIKit
#endif
import Network

let monitor = NWPathMonitor()`,
          note: 'shared file: WatchKit imported conditionally, code compiled for several platforms',
        },
        {
          code: `import WatchKit

final class ScoreLoader {
    func load(_ url: URL) async throws -> Data {
        let (data, _) = try await URLSession.shared.data(from: url)
        return data
    }
}`,
          note: 'URLSession data task: the recommended API',
        },
        {
          code: `import WatchKit
import CallKit
import Network

final class CallAudioLink {
    let provider = CXProvider(configuration: CXProviderConfiguration())
    func startMedia() { NWConnection(host: "media.example.com", port: 5004, using: .udp).start(queue: .main) }
}`,
          note: 'CallKit call: one of the cases TN3135 allows',
        },
        {
          code: `#if os(watchOS)
// NWPathMonitor() stays unsatisfied here, see TN3135
let hint = "NWConnection is not available to ordinary watch apps"
let local = socket(AF_UNIX, SOCK_STREAM, 0)
#endif`,
          note: 'comment, string, local socket',
        },
        {
          code: `import Network

#if os(watchOS)
let reachable = true
#else
let monitor = NWPathMonitor()
#endif`,
          note: 'the #else of #if os(watchOS)',
        },
        {
          code: `#if canImport(WatchKit)
import WatchKit
#endif
import Network

#if os(watchOS) || os(iOS)
let uplink = NWConnection(host: "sync.example.com", port: 443, using: .tls)
#endif`,
          note: 'WatchKit imported under a condition: shared code',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: `#import <Network/Network.h>

@implementation LinkStatus
- (void)start {
#if TARGET_OS_WATCH
    self.monitor = ⟦nw_path_monitor_create⟧();
    nw_path_monitor_start(self.monitor);
#endif
}
@end`,
          messages: ['pathMonitor'],
        },
        {
          code: `#import <WatchKit/WatchKit.h>

@implementation FeedController
- (void)connect:(NSURL *)url {
    self.task = [[NSURLSession sharedSession] ⟦webSocketTaskWithURL⟧:url];
    [self.task resume];
}
@end`,
          note: 'WatchKit imported unconditionally',
        },
        {
          code: `#import <Foundation/Foundation.h>
#include <sys/socket.h>

#if TARGET_OS_WATCH && !TARGET_OS_SIMULATOR
int OpenProbeSocket(void) {
    return ⟦socket⟧(AF_INET6, SOCK_DGRAM, 0);
}
#endif`,
          messages: ['bsdSocket'],
        },
      ],
      valid: [
        {
          code: `#ifdef TARGET_OS_WATCH
nw_connection_t MakeConnection(nw_endpoint_t endpoint) {
    return nw_connection_create(endpoint, nw_parameters_create_secure_tcp(NW_PARAMETERS_DEFAULT_CONFIGURATION, NW_PARAMETERS_DEFAULT_CONFIGURATION));
}
#endif`,
          note: '#ifdef TARGET_OS_WATCH is true on every platform',
        },
        {
          code: `#import <WatchKit/WatchKit.h>

#if TARGET_OS_IOS
static nw_path_monitor_t Monitor(void) { return nw_path_monitor_create(); }
#endif`,
          note: 'iOS-only branch',
        },
        {
          code: `#if TARGET_OS_WATCH
static NSString *const kNote = @"nw_connection_create does not work here";
#else
static nw_connection_t Make(nw_endpoint_t e, nw_parameters_t p) { return nw_connection_create(e, p); }
#endif`,
          note: 'string in the watch branch, call in the #else',
        },
        {
          code: `#import <WatchKit/WatchKit.h>
#import <CallKit/CallKit.h>

@implementation VoiceLink
- (void)startMedia:(nw_endpoint_t)endpoint {
    self.connection = nw_connection_create(endpoint, nw_parameters_create_secure_udp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));
}
@end`,
          note: 'CallKit app',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: `#include <TargetConditionals.h>
#include <sys/socket.h>

#if TARGET_OS_WATCH
int open_beacon(void) {
    return ⟦socket⟧(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
}
#endif`,
          messages: ['bsdSocket'],
        },
        {
          code: `#include <Network/Network.h>

#ifdef __WATCH_OS_VERSION_MIN_REQUIRED
nw_connection_t open_uplink(nw_endpoint_t endpoint, nw_parameters_t parameters) {
    return ⟦nw_connection_create⟧(endpoint, parameters);
}
#endif`,
        },
        {
          code: `#include <Network/Network.h>

#if TARGET_OS_WATCH == 1
nw_path_monitor_t watch_wifi(void) {
    return ⟦nw_path_monitor_create_with_type⟧(nw_interface_type_wifi);
}
#endif`,
          messages: ['pathMonitor'],
        },
      ],
      valid: [
        {
          code: `#include <Network/Network.h>

#if !TARGET_OS_WATCH
nw_path_monitor_t watch_path(void) { return nw_path_monitor_create(); }
#endif`,
          note: 'excluded from watchOS',
        },
        {
          code: `#include <sys/socket.h>

#if TARGET_OS_IPHONE
int open_socket(void) { return socket(AF_INET, SOCK_STREAM, 0); }
#endif`,
          note: 'TARGET_OS_IPHONE is also 1 on iOS and tvOS: shared code',
        },
        {
          code: `#include <sys/socket.h>

#if TARGET_OS_WATCH
int open_ipc(void) { return socket(AF_UNIX, SOCK_STREAM, 0); }
/* socket(AF_INET, ...) never works on watchOS */
#endif`,
          note: 'local IPC socket, comment',
        },
      ],
    },
  },
});
