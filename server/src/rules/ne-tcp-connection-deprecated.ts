// ne-tcp-connection-deprecated: Network Extension's in-provider networking (NWTCPConnection, NWUDPSession, NWHostEndpoint, createTCPConnection…), deprecated in iOS 18 / macOS 15.
import type { Node } from 'web-tree-sitter';
import {
  NE_CONNECTION_TYPES, NE_CREATE_SELECTORS, NE_CREATE_SWIFT, NE_ENDPOINT_FACTORIES, NE_ENDPOINT_TYPES,
  NE_INPROVIDER_DEPRECATION, NE_OBJC_ENDPOINT_BASE,
} from './apis/legacy-networking';
import { defineRule } from './rule';
import { objcMessage } from './syntax/c-family';
import { declaredTypeName } from './syntax/legacy-support';
import { swiftCall } from './syntax/swift';
import { inInactiveRegion } from './syntax/conditional-compilation';

type Kind = 'create' | 'endpoint' | 'connection';
interface Candidate { node: Node; kind: Kind; name: string; mention: boolean }

const ALL_TYPES = new Set([...NE_CONNECTION_TYPES, ...NE_ENDPOINT_TYPES]);

/** `NWHostEndpoint` or `NetworkExtension.NWHostEndpoint` as a Swift type (not a member of some other type). */
function swiftTypeMention(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type !== 'user_type') return false;
  const parts = parent.namedChildren.filter((c) => c?.type === 'type_identifier');
  if (parts.length === 1) return true;
  return parts.length === 2 && parts[0]?.text === 'NetworkExtension' && parts[1]?.id === node.id;
}

function kindOf(name: string): Kind {
  return NE_CONNECTION_TYPES.has(name) ? 'connection' : 'endpoint';
}

const SWIFT_TRIGGERS = ['NWTCPConnection', 'NWUDPSession', 'NWHostEndpoint', 'NWBonjourServiceEndpoint', 'createTCPConnection', 'createTCPConnectionThroughTunnel', 'createUDPSession', 'createUDPSessionThroughTunnel', 'createTCPConnectionToEndpoint', 'createTCPConnectionThroughTunnelToEndpoint', 'createUDPSessionToEndpoint', 'createUDPSessionThroughTunnelToEndpoint'];
const OBJC_ONLY_TRIGGERS = ['NWEndpoint', 'endpointWithHostname', 'endpointWithName'];

export default defineRule({
  id: 'ne-tcp-connection-deprecated',
  title: 'Network Extension in-provider networking (NWTCPConnection, NWUDPSession, NWHostEndpoint) is deprecated: use Network framework',
  languages: ['swift', 'objc'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'ne-tcp-connection-deprecated',
  // Swift's NWEndpoint is Network framework's current type, so it only triggers the rule in Objective-C.
  triggers: {
    swift: SWIFT_TRIGGERS,
    objc: [...SWIFT_TRIGGERS, ...OBJC_ONLY_TRIGGERS],
  },
  sources: [
    'Apple Developer Forums: A Peek Behind the NECP Curtain (DTS): createTCPConnection is optional; NWTCPConnection is deprecated with non-deprecated equivalents',
    'Apple Developer Forums: NWEndpoint History and Advice (DTS), https://developer.apple.com/forums/thread/795236',
    'https://developer.apple.com/documentation/networkextension/nwtcpconnection',
    'https://developer.apple.com/documentation/networkextension/nwudpsession',
    'https://developer.apple.com/documentation/networkextension/nwhostendpoint',
    'https://developer.apple.com/documentation/networkextension/neprovider/createudpsession(to:from:)',
    'https://developer.apple.com/documentation/network/nwconnection',
  ],
  deprecated: NE_INPROVIDER_DEPRECATION,
  messages: {
    create: 'createTCPConnection / createUDPSession and the NWTCPConnection / NWUDPSession they return are deprecated (iOS 18, macOS 15): open the connection with Network framework\'s NWConnection (nw_connection_t), which a provider can use without looping through its own tunnel.',
    endpoint: 'Network Extension\'s NWHostEndpoint / NWBonjourServiceEndpoint are deprecated (iOS 18, macOS 15): describe the endpoint with Network framework\'s NWEndpoint (.hostPort, .service) or nw_endpoint_t, and use the NWEndpoint-based replacement of the API that takes it.',
    connection: 'NWTCPConnection and NWUDPSession are deprecated (iOS 18, macOS 15): move this connection code to Network framework\'s NWConnection (nw_connection_t).',
  },
  knownLimitations: [
    'A type named in a declaration (a property, parameter or cast) is reported once per file, and not at all when the same file already has a creation call for it: every call that creates a connection or endpoint is reported.',
    'Swift `NWEndpoint` and `NWPath` are not reported: in Swift those names usually mean Network framework\'s types, the recommended replacements. Objective-C `NWEndpoint *` is reported (Network framework has no Objective-C class of that name).',
    'NEHotspotHelperCommand\'s createTCPConnection(_:) / createUDPSession(_:) (also deprecated in iOS 18) are only caught through the endpoint they are given: a bare single-argument createTCPConnection(_:) could be any type\'s method.',
    'A type of the same name declared in the file (a test double) silences that name.',
  ],
  create(context) {
    const swift = context.grammar === 'swift';
    const candidates: Candidate[] = [];
    const declared = new Set<string>();
    const ownFunctions = new Set<string>();
    const add = (node: Node, kind: Kind, name: string, mention = false) => {
      if (!inInactiveRegion(node, context.grammar)) candidates.push({ node, kind, name, mention });
    };
    const noteDeclaration = (node: Node) => {
      const name = declaredTypeName(node);
      if (name) declared.add(name);
    };

    return {
      class_declaration: noteDeclaration,
      typealias_declaration: noteDeclaration,
      protocol_declaration: noteDeclaration,
      class_interface: noteDeclaration,
      class_implementation: noteDeclaration,
      function_declaration(node) {
        const name = node.childForFieldName('name');
        if (name) ownFunctions.add(name.text);
      },
      call_expression(node) {
        if (!swift) return;
        const call = swiftCall(node);
        if (!call) return;
        const labels = NE_CREATE_SWIFT.get(call.name);
        if (labels) {
          const written = call.arguments.map((a) => a.label ?? '_');
          const own = ownFunctions.has(call.name) && (call.receiver === undefined || call.receiver.text === 'self');
          if (!own && written.length === labels.length && written.every((l, i) => l === labels[i])) add(call.nameNode, 'create', call.name);
          return;
        }
        if (ALL_TYPES.has(call.name) && (call.receiver === undefined || call.receiver.text === 'NetworkExtension')) {
          add(call.nameNode, kindOf(call.name), call.name);
        }
      },
      message_expression(node) {
        const message = objcMessage(node);
        if (!message) return;
        const receiver = message.receiver;
        if (NE_CREATE_SELECTORS.has(message.selector)) {
          add(message.keywords[0].nameNode, 'create', message.keywords[0].name);
        } else if (receiver?.type === 'identifier' && ALL_TYPES.has(receiver.text)
          && (NE_ENDPOINT_FACTORIES.has(message.selector) || message.selector === 'alloc' || message.selector === 'new')) {
          // `[NWHostEndpoint endpointWithHostname:port:]`, `[[NWTCPConnection alloc] initWithUpgradeForConnection:…]`.
          add(receiver, kindOf(receiver.text), receiver.text);
        }
      },
      type_identifier(node) {
        const name = node.text;
        if (swift) {
          if (ALL_TYPES.has(name) && swiftTypeMention(node)) add(node, kindOf(name), name, true);
        } else if (ALL_TYPES.has(name) || name === NE_OBJC_ENDPOINT_BASE) {
          add(node, name === NE_OBJC_ENDPOINT_BASE ? 'endpoint' : kindOf(name), name, true);
        }
      },
      'file:exit'() {
        const live = candidates.filter((c) => !declared.has(c.name));
        const creates = live.some((c) => c.kind === 'create');
        const constructed = new Set(live.filter((c) => !c.mention).map((c) => c.name));
        const others = live.some((c) => c.name !== NE_OBJC_ENDPOINT_BASE);
        const mentioned = new Set<string>();
        for (const candidate of live) {
          if (candidate.mention) {
            if (mentioned.has(candidate.name) || constructed.has(candidate.name)) continue;
            if (candidate.kind === 'connection' && creates) continue;
            // The abstract endpoint class rides along with the concrete classes: report it only on its own.
            if (candidate.name === NE_OBJC_ENDPOINT_BASE && others) continue;
            mentioned.add(candidate.name);
          }
          context.report({ node: candidate.node, messageId: candidate.kind });
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `import NetworkExtension

final class TunnelProvider: NEPacketTunnelProvider {
    private var control: NWTCPConnection?

    override func startTunnel(options: [String: NSObject]?, completionHandler: @escaping (Error?) -> Void) {
        let server = ⟦NWHostEndpoint⟧(hostname: "vpn.example.com", port: "443")
        control = self.⟦createTCPConnection⟧(to: server, enableTLS: true, tlsParameters: nil, delegate: nil)
        completionHandler(nil)
    }
}`,
          messages: ['endpoint', 'create'],
          note: 'the declared NWTCPConnection property is covered by the creation call',
        },
        {
          code: `func openUDP(in provider: NEAppProxyProvider, host: String) -> NWUDPSession {
    let remote = ⟦NWHostEndpoint⟧(hostname: host, port: "53")
    return provider.⟦createUDPSession⟧(to: remote, from: nil)
}`,
          messages: ['endpoint', 'create'],
        },
        {
          code: `final class FlowRelay {
    let upstream: ⟦NWTCPConnection⟧
    init(upstream: NWTCPConnection) { self.upstream = upstream }
    func send(_ data: Data) { upstream.write(data) { _ in } }
}`,
          messages: ['connection'],
          note: 'a file that only receives the connection: first mention',
        },
        {
          code: `let printer = NetworkExtension.⟦NWBonjourServiceEndpoint⟧(name: "Office", type: "_ipp._tcp", domain: "local.")`,
          messages: ['endpoint'],
        },
        {
          code: `extension TunnelProvider {
    func probe(_ endpoint: NWEndpoint) {
        let tunnelled = ⟦createTCPConnectionThroughTunnel⟧(to: endpoint, enableTLS: false, tlsParameters: nil, delegate: nil)
        tunnelled.writeClose()
    }
}`,
          messages: ['create'],
          note: 'Swift NWEndpoint itself is not reported (ambiguous with Network framework)',
        },
      ],
      valid: [
        {
          code: `import Network

let connection = NWConnection(host: "vpn.example.com", port: 443, using: .tls)
connection.stateUpdateHandler = { state in print(state) }
connection.start(queue: .main)
let endpoint = NWEndpoint.hostPort(host: "vpn.example.com", port: 443)`,
          note: 'the Network framework replacement',
        },
        {
          code: `// Replaced NWTCPConnection and createTCPConnection(to:enableTLS:tlsParameters:delegate:) with NWConnection
let note = "NWHostEndpoint(hostname:port:) is deprecated"
print(note)`,
          note: 'comment and string',
        },
        {
          code: `final class Dialer {
    func createTCPConnection(to host: String) -> Int { host.count }
}
let n = Dialer().createTCPConnection(to: "example.com")
let session = pool.createUDPSession(to: "example.com")`,
          note: 'same method names with other labels',
        },
        {
          code: `#if false
let legacy = NWHostEndpoint(hostname: "old.example.com", port: "80")
#endif
let current = NWEndpoint.hostPort(host: "new.example.com", port: 80)`,
          note: 'compiled out with #if false',
        },
        {
          code: `struct NWTCPConnectionStats { var bytes = 0 }
let stats = NWTCPConnectionStats()
let label: NWTCPConnectionState? = nil`,
          note: 'names that merely start with NWTCPConnection',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: `@implementation PacketTunnelProvider
- (void)startTunnelWithOptions:(NSDictionary *)options completionHandler:(void (^)(NSError *))completionHandler {
    NWEndpoint *server = [⟦NWHostEndpoint⟧ endpointWithHostname:@"vpn.example.com" port:@"443"];
    self.connection = [self ⟦createTCPConnectionToEndpoint⟧:server enableTLS:YES TLSParameters:nil delegate:nil];
}
@end`,
          messages: ['endpoint', 'create'],
        },
        {
          code: `@interface DNSRelay : NSObject
@property (nonatomic, strong) ⟦NWUDPSession⟧ *session;
@end`,
          messages: ['connection'],
        },
        {
          code: `@implementation Relay
- (void)open:(NEProvider *)provider to:(NWEndpoint *)remote {
    NWUDPSession *s = [provider ⟦createUDPSessionToEndpoint⟧:remote fromEndpoint:nil];
    [s setReadHandler:^(NSArray<NSData *> *datagrams, NSError *error) {} maxDatagrams:32];
}
@end`,
          messages: ['create'],
        },
        {
          code: `static void Describe(⟦NWEndpoint⟧ *endpoint) {
    NSLog(@"%@", endpoint);
}`,
          messages: ['endpoint'],
          note: 'Objective-C NWEndpoint is the Network Extension class',
        },
      ],
      valid: [
        {
          code: `#import <Network/Network.h>

static nw_connection_t Open(void) {
    nw_endpoint_t endpoint = nw_endpoint_create_host("vpn.example.com", "443");
    nw_connection_t connection = nw_connection_create(endpoint, nw_parameters_create_secure_tcp(NW_PARAMETERS_DEFAULT_CONFIGURATION, NW_PARAMETERS_DEFAULT_CONFIGURATION));
    return connection;
}`,
          note: 'the Network framework replacement',
        },
        {
          code: `// [self createTCPConnectionToEndpoint:server enableTLS:NO TLSParameters:nil delegate:nil];
static NSString *const kLegacy = @"NWTCPConnection";`,
          note: 'comment and string',
        },
        {
          code: `#if 0
NWHostEndpoint *old = [NWHostEndpoint endpointWithHostname:@"old.example.com" port:@"80"];
#endif
nw_endpoint_t current = nw_endpoint_create_host("new.example.com", "80");`,
          note: 'compiled out with #if 0',
        },
        {
          code: `@implementation Pool
- (id)take { return [self.factory createConnectionToHost:@"example.com"]; }
@end`,
          note: 'a different selector',
        },
      ],
    },
  },
});
