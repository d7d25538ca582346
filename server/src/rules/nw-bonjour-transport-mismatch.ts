// nw-bonjour-transport-mismatch: a `._tcp` service advertised or reached over UDP/QUIC parameters, or a `._udp` one over TCP/TLS.
import type { Node } from 'web-tree-sitter';
import { bonjourTransport, serviceTypeSite, type ServiceTypeSite } from './apis/bonjour-service-types';
import {
  CNetworkFacts, SwiftNetworkFacts, cCreation, cParametersTransport, cUnwrap, cValueOf, swiftBindingOf, swiftCreation,
  swiftParametersTransport, swiftUnwrap, type Transport,
  NETWORK_FACT_TOKENS,
} from './apis/nw-data-facts';
import { defineRule } from './rule';
import { cCall } from './syntax/c-family';
import { inInactiveRegion } from './syntax/conditional-compilation';
import { swiftMember } from './syntax/swift';

/** A service-type literal whose transport must match parameters found later (at `file:exit`). */
interface Pending {
  site: ServiceTypeSite;
  listener: Node;
}

function mismatch(site: ServiceTypeSite | undefined, parameters: Transport | undefined): 'tcpOverUdp' | 'udpOverTcp' | undefined {
  if (!site || site.kind !== 'bonjour' || !parameters) return undefined;
  const named = bonjourTransport(site.value);
  if (named === 'tcp' && (parameters === 'udp' || parameters === 'quic')) return 'tcpOverUdp';
  if (named === 'udp' && parameters === 'tcp') return 'udpOverTcp';
  return undefined;
}

/** The service-type literal of an endpoint or service expression, following one local name. */
function swiftSiteOf(expression: Node | undefined): ServiceTypeSite | undefined {
  if (!expression) return undefined;
  const node = swiftUnwrap(expression);
  if (node.type === 'call_expression') return serviceTypeSite(node, true);
  const value = swiftBindingOf(node)?.value;
  return value && swiftUnwrap(value).type === 'call_expression' ? serviceTypeSite(swiftUnwrap(value), true) : undefined;
}

function cSiteOf(expression: Node | undefined): ServiceTypeSite | undefined {
  if (!expression) return undefined;
  const node = cUnwrap(expression);
  if (node.type === 'call_expression') return serviceTypeSite(node, false);
  const value = cValueOf(node);
  return value && cUnwrap(value).type === 'call_expression' ? serviceTypeSite(cUnwrap(value), false) : undefined;
}

export default defineRule({
  id: 'nw-bonjour-transport-mismatch',
  title: 'Bonjour service type transport does not match the parameters',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'medium',
  article: 'nw-bonjour-transport-mismatch',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), section About service types',
    'https://www.rfc-editor.org/rfc/rfc6763#section-7',
    'https://developer.apple.com/documentation/network/nwlistener/service-swift.property',
    'https://developer.apple.com/documentation/network/nwlistener/init(service:using:)',
    'https://developer.apple.com/documentation/network/nw_advertise_descriptor_create_bonjour_service(_:_:_:)',
  ],
  messages: {
    tcpOverUdp: 'This service type ends in ._tcp but the parameters are UDP or QUIC: advertise "_name._udp" for UDP and QUIC, or switch to TCP parameters.',
    udpOverTcp: 'This service type ends in ._udp but the parameters are TCP or TLS: advertise "_name._tcp" for TCP and WebSocket, or switch to UDP parameters.',
  },
  triggers: ['service', 'Service', 'nw_advertise_descriptor_create_bonjour_service', 'nw_endpoint_create_bonjour_service'],
  dependsOn: NETWORK_FACT_TOKENS,
  knownLimitations: [
    'NWBrowser is never flagged: browse parameters choose interfaces and peer-to-peer behaviour, not the service\'s protocol (Apple\'s own examples browse a `_tcp` type with `.tcp` parameters, and any parameters work).',
    'The parameters must be visible in the file: `.tcp`, `.tls`, `.udp`, `.dtls`, `.quic(alpn:)`, `NWParameters(tls:)`, `NWParameters(dtls:)`, `NWParameters(quic:)`, `nw_parameters_create_secure_tcp/_udp`, `nw_parameters_create_quic`, directly or through a local constant or stored property; parameters built by a helper function are unknown and stay silent.',
    'A listener or connection stored under one name with different parameters in different places is treated as unknown.',
    'DNSServiceRegister and NetService do not take parameters, so their types are not compared with the socket that serves them.',
  ],
  create(context) {
    const swift = context.language === 'swift';
    const pending: Pending[] = [];
    const report = (site: ServiceTypeSite | undefined, parameters: Transport | undefined) => {
      const problem = mismatch(site, parameters);
      if (!site || !problem || inInactiveRegion(site.literal, swift ? 'swift' : 'c-family')) return;
      context.report({ node: site.literal, messageId: problem });
    };

    if (swift) {
      const facts = new SwiftNetworkFacts();
      return {
        call_expression(node) {
          facts.visitCall(node);
          const creation = swiftCreation(node);
          if (!creation) return;
          const parameters = swiftParametersTransport(creation.parameters);
          if (creation.kind === 'listener') {
            report(swiftSiteOf(creation.call.arguments.find((a) => a.label === 'service')?.value), parameters);
          } else {
            report(swiftSiteOf(creation.call.arguments.find((a) => a.label === 'to')?.value), parameters);
          }
        },
        assignment(node) {
          if (node.childForFieldName('operator')?.text !== '=') return;
          const result = node.childForFieldName('result');
          const path = node.childForFieldName('target')?.namedChildren[0];
          const member = path ? swiftMember(path) : undefined;
          if (!result || member?.name !== 'service' || !member.target) return;
          const site = swiftSiteOf(result);
          if (site) pending.push({ site, listener: member.target });
        },
        'file:exit'() {
          for (const { site, listener } of pending) report(site, facts.transportOf(listener, 'listener'));
        },
      };
    }

    const facts = new CNetworkFacts();
    return {
      call_expression(node) {
        facts.visitCall(node);
        const creation = cCreation(node);
        if (creation?.kind === 'connection') {
          report(cSiteOf(creation.endpoint), cParametersTransport(creation.parameters));
          return;
        }
        const call = cCall(node);
        if (call?.name === 'nw_listener_set_advertise_descriptor' && call.arguments.length === 2) {
          const site = cSiteOf(call.arguments[1]);
          if (site) pending.push({ site, listener: call.arguments[0] });
        }
      },
      'file:exit'() {
        for (const { site, listener } of pending) report(site, facts.transportOf(listener, 'listener'));
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'final class GameHost {\n  private var listener: NWListener?\n\n  func start() throws {\n    let listener = try NWListener(using: .udp)\n    listener.service = NWListener.Service(name: "Arena", type: ⟦"_arena._tcp"⟧)\n    listener.start(queue: .main)\n    self.listener = listener\n  }\n}',
          messages: ['tcpOverUdp'],
        },
        {
          code: 'final class Relay {\n  var listener: NWListener?\n\n  func configure() throws {\n    listener = try NWListener(using: NWParameters(tls: makeTLSOptions()))\n  }\n\n  func advertise() {\n    listener?.service = .init(type: ⟦"_relay._udp"⟧)\n  }\n}',
          messages: ['udpOverTcp'],
          note: 'listener created in one method, advertised in another',
        },
        {
          code: 'let quic = NWProtocolQUIC.Options(alpn: ["arena"])\nlet parameters = NWParameters(quic: quic)\nlet listener = try NWListener(service: .init(name: nil, type: ⟦"_arena._tcp"⟧, domain: nil, txtRecord: nil), using: parameters)',
          messages: ['tcpOverUdp'],
          note: 'QUIC runs over UDP',
        },
        {
          code: 'let endpoint = NWEndpoint.service(name: "Den", type: ⟦"_sync._udp"⟧, domain: "local.", interface: nil)\nlet connection = NWConnection(to: endpoint, using: .tls)',
          messages: ['udpOverTcp'],
        },
      ],
      valid: [
        {
          code: 'let listener = try NWListener(using: .tcp)\nlistener.service = NWListener.Service(name: "Arena", type: "_arena._tcp")\nlet voice = try NWListener(using: .udp)\nvoice.service = .init(type: "_arena-voice._udp")\nlet quic = try NWListener(service: .init(type: "_arena-q._udp"), using: NWParameters(quic: NWProtocolQUIC.Options(alpn: ["a"])))',
          note: 'matching transports (QUIC with _udp)',
        },
        {
          code: 'let browser = NWBrowser(for: .bonjour(type: "_arena._udp", domain: nil), using: .tcp)\nbrowser.start(queue: .main)',
          note: 'browse parameters do not choose the service protocol',
        },
        {
          code: 'func start(with parameters: NWParameters) throws {\n  let listener = try NWListener(using: parameters)\n  listener.service = NWListener.Service(type: "_arena._tcp")\n  let other = try NWListener(using: makeParameters())\n  other.service = .init(type: "_arena._udp")\n}',
          note: 'parameters not visible here',
        },
        {
          code: '// listener = try NWListener(using: .udp); listener.service = .init(type: "_arena._tcp")\nlet label = "_arena._tcp over .udp"\nsettings.service = .init(type: "_arena._tcp")',
          note: 'comment, string, an unrelated service property',
        },
        {
          code: 'let connection = NWConnection(to: result.endpoint, using: .udp)\nlet direct = NWConnection(to: .service(name: "Den", type: "_sync._tcp", domain: "local.", interface: nil), using: .tcp)',
          note: 'endpoint from a browse result; a matching endpoint',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: '@implementation Client\n- (void)startListening {\n  nw_parameters_t parameters = nw_parameters_create_secure_udp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  _listener = nw_listener_create(parameters);\n  nw_listener_set_advertise_descriptor(_listener, nw_advertise_descriptor_create_bonjour_service(NULL, ⟦"_telemetry._tcp"⟧, NULL));\n}\n@end',
          messages: ['tcpOverUdp'],
        },
        {
          code: 'nw_endpoint_t endpoint = nw_endpoint_create_bonjour_service("Rack", ⟦"_metrics._udp"⟧, "local.");\nnw_parameters_t tcp = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\nnw_connection_t connection = nw_connection_create(endpoint, tcp);',
          messages: ['udpOverTcp'],
        },
        {
          code: '@implementation Beacon\n- (void)setUp {\n  self.listener = nw_listener_create(nw_parameters_create_quic(^(nw_protocol_options_t options) {}));\n}\n- (void)advertise {\n  nw_advertise_descriptor_t ad = nw_advertise_descriptor_create_bonjour_service("Beacon", ⟦"_beacon._tcp"⟧, NULL);\n  nw_listener_set_advertise_descriptor(self.listener, ad);\n}\n@end',
          messages: ['tcpOverUdp'],
          note: 'listener stored in a property',
        },
      ],
      valid: [
        {
          code: '@implementation Client\n- (void)startListening {\n  nw_parameters_t parameters = nw_parameters_create_secure_udp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  _listener = nw_listener_create(parameters);\n  nw_listener_set_advertise_descriptor(_listener, nw_advertise_descriptor_create_bonjour_service(NULL, "_telemetry._udp", NULL));\n}\n@end',
          note: 'matching transport',
        },
        {
          code: '@implementation Client\n- (void)startWithParameters:(nw_parameters_t)parameters {\n  nw_listener_t listener = nw_listener_create(parameters);\n  nw_listener_set_advertise_descriptor(listener, nw_advertise_descriptor_create_bonjour_service(NULL, "_telemetry._tcp", NULL));\n}\n@end',
          note: 'parameters not visible',
        },
        {
          code: 'nw_browse_descriptor_t d = nw_browse_descriptor_create_bonjour_service("_telemetry._tcp", NULL);\nnw_browser_t browser = nw_browser_create(d, nw_parameters_create_secure_udp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));',
          note: 'browsers are not compared',
        },
        { code: '// nw_connection_create(nw_endpoint_create_bonjour_service("a", "_x._udp", "local."), tcp)\nNSLog(@"_x._udp over TCP");', note: 'comment and string' },
      ],
    },
    c: {
      invalid: [
        {
          code: 'nw_connection_t connect_to(const char *name) {\n  nw_endpoint_t endpoint = nw_endpoint_create_bonjour_service(name, ⟦"_lights._tcp"⟧, "local.");\n  return nw_connection_create(endpoint, nw_parameters_create_secure_udp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n}',
          messages: ['tcpOverUdp'],
        },
        {
          code: 'static nw_listener_t listener;\nvoid serve(void) {\n  listener = nw_listener_create(nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  nw_listener_set_advertise_descriptor(listener, nw_advertise_descriptor_create_bonjour_service(NULL, ⟦"_lights._udp"⟧, NULL));\n}',
          messages: ['udpOverTcp'],
        },
        {
          code: 'void serve_quic(nw_parameters_configure_protocol_block_t configure) {\n  nw_parameters_t parameters = nw_parameters_create_quic(configure);\n  nw_listener_t listener = nw_listener_create_with_port("0", parameters);\n  nw_advertise_descriptor_t ad = nw_advertise_descriptor_create_bonjour_service(NULL, ⟦"_lights._tcp"⟧, NULL);\n  nw_listener_set_advertise_descriptor(listener, ad);\n}',
          messages: ['tcpOverUdp'],
        },
      ],
      valid: [
        {
          code: 'void serve(void) {\n  nw_listener_t listener = nw_listener_create(nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  nw_listener_set_advertise_descriptor(listener, nw_advertise_descriptor_create_bonjour_service(NULL, "_lights._tcp", NULL));\n}',
          note: 'matching transport',
        },
        {
          code: 'nw_connection_t connect_to(nw_endpoint_t endpoint, nw_parameters_t parameters) {\n  return nw_connection_create(endpoint, parameters);\n}',
          note: 'nothing visible',
        },
        {
          code: 'void serve(nw_parameters_t parameters) {\n  nw_listener_t listener = nw_listener_create(parameters);\n  nw_listener_set_advertise_descriptor(listener, nw_advertise_descriptor_create_bonjour_service(NULL, "_lights._udp", NULL));\n  /* nw_listener_create(nw_parameters_create_secure_tcp(a, b)) */\n}',
          note: 'parameters passed in; comment',
        },
      ],
    },
  },
});
