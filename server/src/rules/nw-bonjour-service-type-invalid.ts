// nw-bonjour-service-type-invalid: a malformed Bonjour service type (or Multipeer serviceType) string literal passed to a discovery API.
import type { Node } from 'web-tree-sitter';
import {
  bonjourTypeProblem, multipeerNameFromBonjour, multipeerTypeProblem, serviceTypeSite, type ServiceTypeSite,
} from './apis/bonjour-service-types';
import { defineRule, type Suggestion } from './rule';
import { inInactiveRegion } from './syntax/conditional-compilation';

/** The offsets of a literal's characters (inside the quotes, after Objective-C's `@`). */
function contentRange(literal: Node): { startIndex: number; endIndex: number } {
  const open = literal.children.find((c) => c?.type === '"');
  const close = [...literal.children].reverse().find((c) => c?.type === '"');
  return { startIndex: open ? open.endIndex : literal.startIndex, endIndex: close ? close.startIndex : literal.endIndex };
}

function replaceContent(site: ServiceTypeSite, text: string, title: string): Suggestion[] {
  return [{ title, edits: [{ ...contentRange(site.literal), text }] }];
}

/** `myapp._tcp` → `_myapp._tcp`: add the missing underscores when that alone makes the type valid. */
function underscoreFix(value: string): string | undefined {
  const [main, ...subtypes] = value.split(',');
  const dot = main.endsWith('.') ? '.' : '';
  const labels = (dot ? main.slice(0, -1) : main).split('.');
  const fixed = labels.map((l) => (l.startsWith('_') ? l : `_${l}`)).join('.') + dot;
  const candidate = [fixed, ...subtypes].join(',');
  return bonjourTypeProblem(candidate) === undefined ? candidate : undefined;
}

export default defineRule({
  id: 'nw-bonjour-service-type-invalid',
  title: 'Malformed Bonjour service type',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'nw-bonjour-service-type-invalid',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), section About service types',
    'https://www.rfc-editor.org/rfc/rfc6335#section-5.1',
    'https://developer.apple.com/documentation/multipeerconnectivity/mcnearbyservicebrowser/init(peer:servicetype:)',
    'https://developer.apple.com/documentation/foundation/netservice/init(domain:type:name:port:)',
    'https://developer.apple.com/documentation/network/nwlistener/service-swift.struct',
    'https://developer.apple.com/documentation/dnssd/dnsservicebrowse(_:_:_:_:_:_:_:)',
    'mDNSResponder source, mDNSCore/DNSCommon.c ConstructServiceName (apple-oss-distributions/mDNSResponder)',
  ],
  messages: {
    underscore: 'Each label of a Bonjour service type starts with an underscore: write it as "_name._tcp" or "_name._udp".',
    transport: 'A Bonjour service type must end in ._tcp or ._udp: use _tcp for TCP and WebSocket, _udp for UDP and QUIC.',
    length: 'The name part of a Bonjour service type is limited to 15 characters by RFC 6335: pick a shorter name and register it with IANA.',
    characters: 'A Bonjour service name may only hold letters, digits and interior hyphens (RFC 6335): rename it, for example "_my-app._tcp".',
    domain: 'Pass only "_name._tcp" or "_name._udp" as the service type and give the domain ("local." or nil) in its own argument.',
    format: 'This string is not a Bonjour service type: use the RFC 6335 form "_name._tcp" or "_name._udp".',
    multipeer: 'A Multipeer serviceType is a bare name of 1-15 lower-case letters, digits and single hyphens with at least one letter, without "_" or "._tcp" (for example "my-game").',
  },
  triggers: ['bonjour', 'bonjourWithTXTRecord', 'service', 'Service', 'BonjourListenerProvider', 'NetService', 'searchForServices', 'searchForServicesOfType', 'initWithDomain', 'serviceType', 'initWithServiceType', 'DNSServiceBrowse', 'DNSServiceRegister', 'DNSServiceResolve', 'nw_browse_descriptor_create_bonjour_service', 'nw_advertise_descriptor_create_bonjour_service', 'nw_endpoint_create_bonjour_service'],
  knownLimitations: [
    'Only string literals written directly in the call are checked; a type held in a constant, built by interpolation or read from Info.plist is not.',
    'Shapes mDNSResponder accepts are left alone even where RFC 6335 is stricter: upper-case letters, interior underscores (legacy types), doubled hyphens and names without a letter.',
    'A name longer than 15 characters is flagged although mDNSResponder tolerates it in the local. domain (with a "Bad service type" log line); other domains and other DNS-SD implementations refuse it.',
    'Upper-case letters in a Multipeer serviceType are not flagged: Apple documents lower case, but DNS compares names case-insensitively and we know of no failure.',
    'Subtype forms (`_printer._sub._http._tcp`, `_http._tcp,_printer`) and the `_services._dns-sd._udp` meta-query are accepted; only the final `_name._tcp` part is checked.',
  ],
  create(context) {
    const swift = context.language === 'swift';
    const check = (node: Node) => {
      const site = serviceTypeSite(node, swift);
      if (!site || inInactiveRegion(site.literal, swift ? 'swift' : 'c-family')) return;
      if (site.kind === 'multipeer') {
        if (!multipeerTypeProblem(site.value)) return;
        const bare = multipeerNameFromBonjour(site.value);
        context.report({
          node: site.literal,
          messageId: 'multipeer',
          suggestions: bare ? replaceContent(site, bare, `Use "${bare}"`) : undefined,
        });
        return;
      }
      const problem = bonjourTypeProblem(site.value);
      if (!problem) return;
      const fixed = problem === 'underscore' ? underscoreFix(site.value) : undefined;
      context.report({
        node: site.literal,
        messageId: problem,
        suggestions: fixed ? replaceContent(site, fixed, `Use "${fixed}"`) : undefined,
      });
    };
    return swift ? { call_expression: check } : { call_expression: check, message_expression: check };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'let browser = NWBrowser(for: .bonjour(type: ⟦"myapp._tcp"⟧, domain: nil), using: .tcp)',
          messages: ['underscore'],
          output: 'let browser = NWBrowser(for: .bonjour(type: "_myapp._tcp", domain: nil), using: .tcp)',
        },
        {
          code: 'func advertise(on listener: NWListener, txt: NWTXTRecord) {\n  listener.service = .init(name: nil, type: ⟦"_photo-sharing-app._tcp"⟧, domain: nil, txtRecord: txt)\n}',
          messages: ['length'],
          note: 'name part longer than 15 characters',
        },
        { code: 'let browser = NWBrowser(for: .bonjourWithTXTRecord(type: ⟦"_chat._tcp.local."⟧, domain: nil), using: .tcp)', messages: ['domain'] },
        { code: 'let service = NetService(domain: "local.", type: ⟦"_scoreboard._http"⟧, name: "Lobby", port: 8080)', messages: ['transport'] },
        { code: 'serviceBrowser.searchForServices(ofType: ⟦"_my_printer_._tcp"⟧, inDomain: "local.")', messages: ['characters'] },
        {
          code: 'let peer = MCPeerID(displayName: UIDevice.current.name)\nlet advertiser = MCNearbyServiceAdvertiser(peer: peer, discoveryInfo: nil, serviceType: ⟦"_board-game._tcp"⟧)\nlet browser = MCNearbyServiceBrowser(peer: peer, serviceType: ⟦"board_game"⟧)',
          messages: ['multipeer', 'multipeer'],
          output: 'let peer = MCPeerID(displayName: UIDevice.current.name)\nlet advertiser = MCNearbyServiceAdvertiser(peer: peer, discoveryInfo: nil, serviceType: "board-game")\nlet browser = MCNearbyServiceBrowser(peer: peer, serviceType: "board_game")',
        },
        {
          code: 'let endpoint = NWEndpoint.service(name: "Den", type: ⟦"Den._airplay._tcp"⟧, domain: "local.", interface: nil)',
          messages: ['format'],
          note: 'a full instance name passed as the type',
        },
      ],
      valid: [
        {
          code: 'let listener = try NWListener(using: .tcp)\nlistener.service = NWListener.Service(name: "Lobby", type: "_board-game._tcp")\nlet browser = NWBrowser(for: .bonjourWithTXTRecord(type: "_board-game._tcp.", domain: "local."), using: .tcp)\nlet advertiser = MCNearbyServiceAdvertiser(peer: peer, discoveryInfo: nil, serviceType: "board-game")',
          note: 'valid types, trailing dot, a bare Multipeer name',
        },
        {
          code: 'browser.searchForServices(ofType: "_services._dns-sd._udp.", inDomain: "local.")\nbrowser.searchForServices(ofType: "_printer._sub._ipp._tcp", inDomain: "")\nlet legacy = NWBrowser(for: .bonjour(type: "_Legacy_Type._tcp", domain: nil), using: .tcp)',
          note: 'meta-query, subtype, legacy shapes mDNSResponder accepts',
        },
        {
          code: 'let type = "myapp._tcp"\nlet browser = NWBrowser(for: .bonjour(type: type, domain: nil), using: .tcp)\nlet other = NWBrowser(for: .bonjour(type: "\\(prefix)._tcp", domain: nil), using: .tcp)',
          note: 'not a literal in the call',
        },
        {
          code: '// NWBrowser(for: .bonjour(type: "myapp._tcp", domain: nil), using: .tcp)\nlog("bonjour(type: \\"myapp._tcp\\")")\nlet row = Row(type: "myapp._tcp", domain: nil)\nlet contact = Service(name: "x", type: "myapp")',
          note: 'comment, string, other APIs with the same labels',
        },
        {
          code: '#if false\nlet browser = NWBrowser(for: .bonjour(type: "myapp._tcp", domain: nil), using: .tcp)\n#endif',
          note: 'code the compiler never sees',
        },
        {
          code: 'let peer = MCPeerID(displayName: "Pad")\nlet assistant = MCAdvertiserAssistant(serviceType: "Chess-Club", discoveryInfo: nil, session: session)',
          note: 'upper case in a Multipeer serviceType is tolerated',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: 'NSNetService *service = [[NSNetService alloc] initWithDomain:@"local." type:⟦@"myapp._tcp"⟧ name:@"" port:8080];',
          messages: ['underscore'],
          output: 'NSNetService *service = [[NSNetService alloc] initWithDomain:@"local." type:@"_myapp._tcp" name:@"" port:8080];',
        },
        { code: '[self.browser searchForServicesOfType:⟦@"_remote-control"⟧ inDomain:@"local."];', messages: ['transport'] },
        {
          code: 'MCNearbyServiceBrowser *browser = [[MCNearbyServiceBrowser alloc] initWithPeer:self.peerID serviceType:⟦@"_chess._tcp"⟧];',
          messages: ['multipeer'],
          output: 'MCNearbyServiceBrowser *browser = [[MCNearbyServiceBrowser alloc] initWithPeer:self.peerID serviceType:@"chess"];',
        },
        { code: 'nw_browse_descriptor_t descriptor = nw_browse_descriptor_create_bonjour_service(⟦"_sensor-telemetry-v2._udp"⟧, NULL);', messages: ['length'] },
      ],
      valid: [
        'NSNetService *service = [[NSNetService alloc] initWithDomain:@"" type:@"_myapp._tcp." name:@"" port:8080];\n[self.browser searchForServicesOfType:@"_myapp._tcp" inDomain:@"local."];',
        { code: 'MCAdvertiserAssistant *assistant = [[MCAdvertiserAssistant alloc] initWithServiceType:@"chess-club" discoveryInfo:nil session:self.session];\nMCBrowserViewController *picker = [[MCBrowserViewController alloc] initWithServiceType:kServiceType session:self.session];', note: 'valid literal, a constant' },
        { code: '// [browser searchForServicesOfType:@"myapp" inDomain:@"local."];\nNSLog(@"searchForServicesOfType: myapp");\n[catalog entryWithDomain:@"local." type:@"myapp" name:@""];', note: 'comment, log, an unrelated selector' },
        { code: '#if 0\nnw_browse_descriptor_t d = nw_browse_descriptor_create_bonjour_service("myapp", NULL);\n#endif', note: 'code the compiler never sees' },
      ],
    },
    c: {
      invalid: [
        { code: 'DNSServiceRef ref;\nDNSServiceErrorType err = DNSServiceBrowse(&ref, 0, 0, ⟦"_printer._ipp"⟧, NULL, browse_reply, NULL);', messages: ['transport'] },
        {
          code: 'DNSServiceRegister(&ref, 0, 0, "Kitchen", ⟦"thermostat._udp"⟧, NULL, NULL, htons(5683), 0, NULL, register_reply, NULL);',
          messages: ['underscore'],
          output: 'DNSServiceRegister(&ref, 0, 0, "Kitchen", "_thermostat._udp", NULL, NULL, htons(5683), 0, NULL, register_reply, NULL);',
        },
        { code: 'nw_advertise_descriptor_t ad = nw_advertise_descriptor_create_bonjour_service("Kitchen", ⟦"_smart home._tcp"⟧, NULL);', messages: ['characters'] },
        { code: 'nw_endpoint_t endpoint = nw_endpoint_create_bonjour_service("Kitchen", ⟦"_thermostat._tcp.local"⟧, "local.");', messages: ['domain'] },
      ],
      valid: [
        'DNSServiceBrowse(&ref, 0, 0, "_ipp._tcp,_universal", NULL, browse_reply, NULL);\nDNSServiceRegister(&ref, 0, 0, NULL, "_thermostat._udp", "", NULL, htons(5683), 0, NULL, register_reply, NULL);',
        { code: 'static const char *kType = "thermostat";\nDNSServiceBrowse(&ref, 0, 0, kType, NULL, browse_reply, NULL);\nDNSServiceBrowse(&ref, 0, 0, "_" "thermostat" "._udp", NULL, browse_reply, NULL);', note: 'a constant; concatenated literal' },
        { code: '/* DNSServiceBrowse(&ref, 0, 0, "thermostat", NULL, reply, NULL); */\nputs("DNSServiceBrowse thermostat");\nmy_browse(&ref, 0, 0, "thermostat", NULL);', note: 'comment, string, other function' },
        { code: 'nw_browse_descriptor_t d = nw_browse_descriptor_create_bonjour_service("_thermostat._udp", "local.");\nnw_endpoint_t e = nw_endpoint_create_bonjour_service("Kitchen", "_thermostat._udp", "local.");', note: 'valid types' },
      ],
    },
  },
});
