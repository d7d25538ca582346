// nw-tcp-local-defaults: TCP parameters left at Internet defaults (no keepalive, no drop time) in a file that does local or peer-to-peer networking.
import type { Node } from 'web-tree-sitter';
import { serviceTypeCallKind } from './apis/bonjour-service-types';
import { cCreation, cParametersTransport, swiftCreation, swiftParametersTransport } from './apis/nw-data-facts';
import { defineRule } from './rule';
import { cCall } from './syntax/c-family';
import { inInactiveRegion } from './syntax/conditional-compilation';
import { swiftCall, swiftMember } from './syntax/swift';

/** Properties of NWProtocolTCP.Options that detect a dead peer (Apple DTS, "Overriding protocol defaults"). */
const SWIFT_TUNING = new Set(['enableKeepalive', 'connectionDropTime', 'keepaliveIdle', 'keepaliveCount', 'keepaliveInterval', 'keepalive']);
const C_TUNING = new Set([
  'nw_tcp_options_set_enable_keepalive', 'nw_tcp_options_set_connection_drop_time', 'nw_tcp_options_set_keepalive_idle_time',
  'nw_tcp_options_set_keepalive_count', 'nw_tcp_options_set_keepalive_interval',
]);
const C_LOCAL = new Set([
  'nw_browse_descriptor_create_bonjour_service', 'nw_advertise_descriptor_create_bonjour_service', 'nw_endpoint_create_bonjour_service',
]);

/** `includePeerToPeer = true` (Swift) / `nw_parameters_set_include_peer_to_peer(p, true)` (C). */
function swiftPeerToPeer(node: Node): boolean {
  if (node.childForFieldName('operator')?.text !== '=' || node.childForFieldName('result')?.text !== 'true') return false;
  const path = node.childForFieldName('target')?.namedChildren[0];
  return !!path && swiftMember(path)?.name === 'includePeerToPeer';
}

/**
 * TCP defaults created here: `NWProtocolTCP.Options()`, or the parameters of an NWConnection / NWListener that
 * resolve to TCP (`.tcp`, `.tls`, `NWParameters(tls:)`, a local or stored `NWParameters.tcp`). Parameters only
 * given to NWBrowser do not count: a browser never opens a TCP connection.
 */
function swiftTcpSite(node: Node): Node | undefined {
  const call = swiftCall(node);
  if (!call) return undefined;
  if (call.name === 'Options' && call.receiver?.text === 'NWProtocolTCP' && call.arguments.length === 0) return node;
  const creation = swiftCreation(node);
  return creation?.parameters && swiftParametersTransport(creation.parameters) === 'tcp' ? creation.parameters : undefined;
}

export default defineRule({
  id: 'nw-tcp-local-defaults',
  title: 'Local TCP connection keeps Internet-scale defaults',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'off',
  confidence: 'low',
  article: 'nw-tcp-local-defaults',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), section Final notes › Overriding protocol defaults',
    'https://developer.apple.com/documentation/network/nwprotocoltcp/options',
    'https://developer.apple.com/documentation/network/nwprotocoltcp/options/enablekeepalive',
    'https://developer.apple.com/documentation/network/nwprotocoltcp/options/connectiondroptime',
    'https://developer.apple.com/documentation/network/nw_tcp_options_set_enable_keepalive(_:_:)',
  ],
  messages: {
    defaults: 'This local or peer-to-peer app uses TCP with Internet defaults (keepalives off, no send timeout), so a peer that vanishes can go unnoticed: set enableKeepalive with keepaliveIdle/keepaliveInterval/keepaliveCount and connectionDropTime on NWProtocolTCP.Options.',
    defaultsC: 'This local or peer-to-peer code uses TCP with Internet defaults (keepalives off, no send timeout), so a peer that vanishes can go unnoticed: call nw_tcp_options_set_enable_keepalive, the keepalive timing setters and nw_tcp_options_set_connection_drop_time.',
  },
  triggers: ['includePeerToPeer', 'NWBrowser', 'bonjour', 'bonjourWithTXTRecord', 'service', 'Service', 'BonjourListenerProvider', 'NetService', 'searchForServices', 'DNSServiceBrowse', 'DNSServiceRegister', 'DNSServiceResolve', 'nw_parameters_set_include_peer_to_peer', 'nw_browse_descriptor_create_bonjour_service', 'nw_advertise_descriptor_create_bonjour_service', 'nw_endpoint_create_bonjour_service'],
  knownLimitations: [
    'There is no precise static signal for "local": the rule only runs in files that also set includePeerToPeer, browse or advertise Bonjour with Network framework, or connect to a Bonjour service endpoint, and it reports once per file, at the first TCP parameters.',
    'Setting any of connectionDropTime, enableKeepalive, keepaliveIdle, keepaliveCount or keepaliveInterval (or the C setters) anywhere in the file silences it; noDelay does not count, because it changes latency, not dead-peer detection.',
    'TCP options configured in another file (a shared parameters factory) are not seen; suppress the finding or move the tuning next to the connection code.',
  ],
  create(context) {
    const swift = context.language === 'swift';
    let local = false;
    let tuned = false;
    let first: Node | undefined;
    const noteSite = (site: Node | undefined) => {
      if (site && !first && !inInactiveRegion(site, swift ? 'swift' : 'c-family')) first = site;
    };
    const finish = () => {
      if (local && !tuned && first) context.report({ node: first, messageId: swift ? 'defaults' : 'defaultsC' });
    };
    if (swift) {
      return {
        call_expression(node) {
          if (serviceTypeCallKind(node, true) === 'bonjour' || swiftCall(node)?.name === 'NWBrowser') local = true;
          noteSite(swiftTcpSite(node));
        },
        assignment(node) { if (swiftPeerToPeer(node)) local = true; },
        simple_identifier(node) { if (SWIFT_TUNING.has(node.text)) tuned = true; },
        'file:exit': finish,
      };
    }
    return {
      call_expression(node) {
        const call = cCall(node);
        if (!call) return;
        if (C_TUNING.has(call.name)) tuned = true;
        if (C_LOCAL.has(call.name)) local = true;
        if (call.name === 'nw_parameters_set_include_peer_to_peer' && /^(true|1|YES)$/.test(call.arguments[1]?.text ?? '')) local = true;
        if (call.name === 'nw_tcp_create_options') noteSite(call.nameNode);
        // Parameters given only to nw_browser_create never open a TCP connection: count connections and listeners.
        const creation = cCreation(node);
        if (creation?.parameters && cParametersTransport(creation.parameters) === 'tcp') {
          const direct = cCall(creation.parameters);
          noteSite(direct ? direct.nameNode : creation.parameters);
        }
      },
      'file:exit': finish,
    };
  },
  examples: {
    swift: {
      invalid: [
        'final class PeerLink {\n  func connect(to endpoint: NWEndpoint) -> NWConnection {\n    let parameters = NWParameters.tcp\n    parameters.includePeerToPeer = true\n    return NWConnection(to: endpoint, using: ⟦parameters⟧)\n  }\n}',
        'let listener = try NWListener(using: ⟦.tcp⟧)\nlistener.service = NWListener.Service(type: "_board-game._tcp")\nlistener.start(queue: .main)',
        {
          code: 'func makeParameters() -> NWParameters {\n  let tcp = ⟦NWProtocolTCP.Options()⟧\n  tcp.noDelay = true\n  return NWParameters(tls: nil, tcp: tcp)\n}\nlet browser = NWBrowser(for: .bonjour(type: "_board-game._tcp", domain: nil), using: makeParameters())',
          note: 'noDelay alone does not detect a dead peer',
        },
      ],
      valid: [
        {
          code: 'func makeParameters() -> NWParameters {\n  let tcp = NWProtocolTCP.Options()\n  tcp.enableKeepalive = true\n  tcp.keepaliveIdle = 10\n  tcp.connectionDropTime = 30\n  let parameters = NWParameters(tls: nil, tcp: tcp)\n  parameters.includePeerToPeer = true\n  return parameters\n}',
          note: 'keepalive and drop time configured',
        },
        { code: 'let connection = NWConnection(host: "api.example.com", port: 443, using: .tls)\nconnection.start(queue: .main)', note: 'not local networking' },
        { code: 'let listener = try NWListener(using: .udp)\nlistener.service = NWListener.Service(type: "_board-game._udp")', note: 'UDP' },
        { code: '// let p = NWParameters.tcp; p.includePeerToPeer = true\nlet label = "NWParameters.tcp"\nlet mode: Transport = .tcp\nlet parameters = NWParameters.tcp\nparameters.includePeerToPeer = true\nlet browser = NWBrowser(for: .bonjour(type: "_x._tcp", domain: nil), using: parameters)', note: 'comment, string, another enum, TCP parameters used only to browse' },
      ],
    },
    objc: {
      invalid: [
        {
          code: '@implementation Client\n- (void)startListening {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  nw_parameters_set_include_peer_to_peer(parameters, true);\n  self.listener = nw_listener_create(⟦parameters⟧);\n}\n@end',
          messages: ['defaultsC'],
        },
        {
          code: '@implementation Client\n- (void)connectTo:(NSString *)name {\n  nw_endpoint_t endpoint = nw_endpoint_create_bonjour_service(name.UTF8String, "_board-game._tcp", "local.");\n  self.connection = nw_connection_create(endpoint, ⟦nw_parameters_create_secure_tcp⟧(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n}\n@end',
          messages: ['defaultsC'],
        },
        {
          code: '@implementation Client\n- (void)advertise {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, ^(nw_protocol_options_t tcp) {\n    nw_tcp_options_set_no_delay(tcp, true);\n  });\n  nw_listener_t listener = nw_listener_create(⟦parameters⟧);\n  nw_listener_set_advertise_descriptor(listener, nw_advertise_descriptor_create_bonjour_service(NULL, "_board-game._tcp", NULL));\n}\n@end',
          messages: ['defaultsC'],
        },
      ],
      valid: [
        '@implementation Client\n- (void)startListening {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, ^(nw_protocol_options_t tcp) {\n    nw_tcp_options_set_enable_keepalive(tcp, true);\n    nw_tcp_options_set_keepalive_idle_time(tcp, 10);\n    nw_tcp_options_set_connection_drop_time(tcp, 30);\n  });\n  nw_parameters_set_include_peer_to_peer(parameters, true);\n  self.listener = nw_listener_create(parameters);\n}\n@end',
        { code: '@implementation Client\n- (void)connect {\n  self.connection = nw_connection_create(self.endpoint, nw_parameters_create_secure_tcp(NW_PARAMETERS_DEFAULT_CONFIGURATION, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n}\n@end', note: 'no local evidence' },
        { code: '@implementation Client\n- (void)startListening {\n  nw_parameters_t parameters = nw_parameters_create_secure_udp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  nw_parameters_set_include_peer_to_peer(parameters, true);\n}\n@end', note: 'UDP' },
      ],
    },
    c: {
      invalid: [
        {
          code: 'nw_listener_t start_listener(void) {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  nw_parameters_set_include_peer_to_peer(parameters, true);\n  return nw_listener_create(⟦parameters⟧);\n}',
          messages: ['defaultsC'],
        },
        {
          code: 'nw_connection_t connect_to(const char *name) {\n  nw_endpoint_t endpoint = nw_endpoint_create_bonjour_service(name, "_lights._tcp", "local.");\n  return nw_connection_create(endpoint, ⟦nw_parameters_create_secure_tcp⟧(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n}',
          messages: ['defaultsC'],
        },
        {
          code: 'void advertise(void) {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  nw_listener_t listener = nw_listener_create(⟦parameters⟧);\n  nw_listener_set_advertise_descriptor(listener, nw_advertise_descriptor_create_bonjour_service(NULL, "_lights._tcp", NULL));\n  nw_listener_t second = nw_listener_create(nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n}',
          messages: ['defaultsC'],
          note: 'one finding per file',
        },
      ],
      valid: [
        'nw_listener_t start_listener(void) {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, ^(nw_protocol_options_t tcp) {\n    nw_tcp_options_set_enable_keepalive(tcp, true);\n    nw_tcp_options_set_connection_drop_time(tcp, 30);\n  });\n  nw_parameters_set_include_peer_to_peer(parameters, true);\n  return nw_listener_create(parameters);\n}',
        { code: 'nw_browser_t browse(void) {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  nw_parameters_set_include_peer_to_peer(parameters, true);\n  return nw_browser_create(nw_browse_descriptor_create_bonjour_service("_lights._tcp", NULL), parameters);\n}', note: 'TCP parameters used only to browse' },
        { code: 'nw_connection_t connect_api(nw_endpoint_t endpoint) {\n  return nw_connection_create(endpoint, nw_parameters_create_secure_tcp(NW_PARAMETERS_DEFAULT_CONFIGURATION, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n}', note: 'no local evidence' },
        { code: 'nw_listener_t start_listener(void) {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  nw_parameters_set_include_peer_to_peer(parameters, false);\n  /* nw_browse_descriptor_create_bonjour_service("_x._tcp", NULL) */\n  return nw_listener_create(parameters);\n}', note: 'peer-to-peer off; comment' },
      ],
    },
  },
});
