// nw-peer-to-peer-opt-in: peer-to-peer Wi-Fi switched on for Network framework parameters; a reminder to stop browsing once a peer is chosen.
import type { Node } from 'web-tree-sitter';
import { cCalleeName, swiftCalleeName } from './apis/nw-lifecycle';
import { defineRule, type ReportDescriptor } from './rule';
import { cCall } from './syntax/c-family';
import { inInactiveRegion } from './syntax/conditional-compilation';
import { swiftCall, swiftMember } from './syntax/swift';

const TRUE_LITERALS = new Set(['true', 'YES', 'TRUE', '1']);
const BROWSER_NAME = /browser/i;
const SWIFT_CALLS = new Set(['peerToPeerIncluded', 'NWBrowser', 'cancel']);
const C_CALLS = new Set(['nw_parameters_set_include_peer_to_peer', 'nw_browser_create', 'nw_browser_cancel']);

export default defineRule({
  id: 'nw-peer-to-peer-opt-in',
  title: 'Peer-to-peer Wi-Fi enabled: stop browsing once a peer is chosen',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'info',
  confidence: 'high',
  article: 'nw-peer-to-peer-opt-in',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), "Enable peer-to-peer Wi-Fi"',
    'https://developer.apple.com/documentation/network/nwparameters/includepeertopeer',
    'https://developer.apple.com/documentation/network/nw_parameters_set_include_peer_to_peer(_:_:)',
    'https://developer.apple.com/documentation/network/nwparametersprovider/peertopeerincluded(_:)',
  ],
  messages: {
    optIn: 'Peer-to-peer Wi-Fi can slow the Wi-Fi network for everyone nearby, so enable it only if your app gains a lot from it, and stop browsing (and cancel idle listeners and connections) as soon as the user has picked a peer.',
    browserNotCancelled: 'Peer-to-peer Wi-Fi is enabled and this file starts an NWBrowser that it never cancels; cancel the browser as soon as the user has picked a peer, because an ongoing browse keeps peer-to-peer Wi-Fi busy and slows your connection.',
    optInC: 'Peer-to-peer Wi-Fi can slow the Wi-Fi network for everyone nearby, so enable it only if your app gains a lot from it, and call nw_browser_cancel (and cancel idle listeners and connections) as soon as the user has picked a peer.',
    browserNotCancelledC: 'Peer-to-peer Wi-Fi is enabled and this file creates a browser (nw_browser_create) that it never cancels; call nw_browser_cancel as soon as the user has picked a peer, because an ongoing browse keeps peer-to-peer Wi-Fi busy and slows your connection.',
  },
  knownLimitations: [
    'Only a literal true is reported; a value computed at run time (`includePeerToPeer = settings.allowP2P`) is not.',
    'The "never cancels its browser" wording looks at this file only: a browser cancelled from another file still gets it (the finding stays information-level).',
    'NetService.includesPeerToPeer and kDNSServiceFlagsIncludeP2P (DNS-SD) are not covered.',
  ],
  triggers: ['includePeerToPeer', 'peerToPeerIncluded', 'nw_parameters_set_include_peer_to_peer'],
  create(context) {
    const swift = context.language === 'swift';
    const sites: Node[] = [];
    let createsBrowser = false;
    let cancelsBrowser = false;
    return {
      assignment(node) {
        if (!swift) return;
        const target = node.childForFieldName('target')?.namedChild(0);
        const member = target ? swiftMember(target) : undefined;
        const value = node.childForFieldName('result');
        if (member?.name === 'includePeerToPeer' && member.target && value?.type === 'boolean_literal' && value.text === 'true') {
          sites.push(member.nameNode);
        }
      },
      call_expression(node) {
        if (swift) {
          if (!SWIFT_CALLS.has(swiftCalleeName(node) ?? '')) return;
          const call = swiftCall(node);
          if (!call) return;
          if (call.name === 'peerToPeerIncluded' && call.arguments.length === 1 && call.arguments[0].value?.text === 'true') sites.push(call.nameNode);
          else if (call.name === 'NWBrowser' && !call.receiver) createsBrowser = true;
          else if (call.name === 'cancel' && call.receiver && BROWSER_NAME.test(call.receiver.text)) cancelsBrowser = true;
          return;
        }
        if (!C_CALLS.has(cCalleeName(node) ?? '')) return;
        const call = cCall(node);
        if (!call) return;
        if (call.name === 'nw_parameters_set_include_peer_to_peer' && call.arguments.length === 2 && TRUE_LITERALS.has(call.arguments[1].text)) sites.push(call.nameNode);
        else if (call.name === 'nw_browser_create') createsBrowser = true;
        else if (call.name === 'nw_browser_cancel') cancelsBrowser = true;
      },
      'file:exit'() {
        const lingering = createsBrowser && !cancelsBrowser;
        const messageId = `${lingering ? 'browserNotCancelled' : 'optIn'}${swift ? '' : 'C'}`;
        for (const node of sites) {
          if (inInactiveRegion(node, swift ? 'swift' : 'c-family')) continue;
          const finding: ReportDescriptor = { node, messageId };
          context.report(finding);
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'let parameters = NWParameters.tcp\nparameters.⟦includePeerToPeer⟧ = true\nlet listener = try NWListener(using: parameters)',
        },
        {
          code: 'func makeParameters() -> NWParameters {\n  let parameters = NWParameters(tls: tlsOptions, tcp: tcpOptions)\n  parameters.⟦includePeerToPeer⟧ = true\n  return parameters\n}\nfunc startBrowsing() {\n  let browser = NWBrowser(for: .bonjour(type: "_chat._tcp", domain: nil), using: makeParameters())\n  browser.browseResultsChangedHandler = { results, _ in self.show(results) }\n  browser.start(queue: .main)\n  self.browser = browser\n}',
          messages: ['browserNotCancelled'],
          note: 'browser never cancelled in this file',
        },
        {
          code: 'self.parameters.⟦includePeerToPeer⟧ = true\nfunc userPicked(_ result: NWBrowser.Result) {\n  browser?.cancel()\n  connect(to: result.endpoint)\n}',
          note: 'browser cancelled: plain reminder',
        },
        {
          code: 'let gameParameters = NWParametersBuilder.parameters { TCP() }\n  .⟦peerToPeerIncluded⟧(true)',
          note: 'iOS 26 parameters provider',
        },
      ],
      valid: [
        'let parameters = NWParameters.tcp\nparameters.includePeerToPeer = false',
        { code: 'parameters.includePeerToPeer = settings.allowPeerToPeer', note: 'not a literal' },
        { code: '// parameters.includePeerToPeer = true\nlet tip = "set includePeerToPeer = true for AWDL"\nif parameters.includePeerToPeer == true { print("p2p") }', note: 'comment, string, comparison' },
        { code: 'service.includesPeerToPeer = true\n#if false\nparameters.includePeerToPeer = true\n#endif', note: 'NetService spelling; #if false' },
      ],
    },
    objc: {
      invalid: [
        {
          code: '@implementation Server\n- (nw_parameters_t)parameters {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  ⟦nw_parameters_set_include_peer_to_peer⟧(parameters, true);\n  return parameters;\n}\n@end',
          messages: ['optInC'],
        },
        {
          code: '@implementation Finder\n- (void)browse {\n  nw_parameters_t parameters = nw_parameters_create();\n  ⟦nw_parameters_set_include_peer_to_peer⟧(parameters, YES);\n  self.browser = nw_browser_create(nw_browse_descriptor_create_bonjour_service("_chat._tcp", NULL), parameters);\n  nw_browser_start(self.browser);\n}\n@end',
          messages: ['browserNotCancelledC'],
        },
        {
          code: '@implementation Finder\n- (void)configure:(nw_parameters_t)p {\n  ⟦nw_parameters_set_include_peer_to_peer⟧(p, 1);\n}\n- (void)pick {\n  nw_browser_cancel(self.browser);\n}\n@end',
          messages: ['optInC'],
        },
      ],
      valid: [
        '@implementation Server\n- (void)configure:(nw_parameters_t)p {\n  nw_parameters_set_include_peer_to_peer(p, false);\n}\n@end',
        '@implementation Server\n- (void)configure:(nw_parameters_t)p {\n  nw_parameters_set_include_peer_to_peer(p, self.allowPeerToPeer);\n}\n@end',
        '@implementation Server\n- (void)configure:(nw_parameters_t)p {\n  // nw_parameters_set_include_peer_to_peer(p, true);\n  NSLog(@"nw_parameters_set_include_peer_to_peer(p, true)");\n  BOOL on = nw_parameters_get_include_peer_to_peer(p);\n}\n@end',
      ],
    },
    c: {
      invalid: [
        {
          code: 'nw_parameters_t make_parameters(void) {\n  nw_parameters_t parameters = nw_parameters_create_secure_udp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  ⟦nw_parameters_set_include_peer_to_peer⟧(parameters, true);\n  return parameters;\n}',
          messages: ['optInC'],
        },
        {
          code: 'void browse(dispatch_queue_t q) {\n  nw_parameters_t p = nw_parameters_create();\n  ⟦nw_parameters_set_include_peer_to_peer⟧(p, TRUE);\n  nw_browser_t browser = nw_browser_create(nw_browse_descriptor_create_bonjour_service("_game._udp", NULL), p);\n  nw_browser_set_queue(browser, q);\n  nw_browser_start(browser);\n}',
          messages: ['browserNotCancelledC'],
        },
        {
          code: 'void enable(nw_parameters_t p) { ⟦nw_parameters_set_include_peer_to_peer⟧(p, 1); }\nvoid stop(nw_browser_t b) { nw_browser_cancel(b); }',
          messages: ['optInC'],
        },
      ],
      valid: [
        'void disable(nw_parameters_t p) { nw_parameters_set_include_peer_to_peer(p, false); }',
        'void configure(nw_parameters_t p, bool allow) { nw_parameters_set_include_peer_to_peer(p, allow); }',
        'void configure(nw_parameters_t p) {\n#if 0\n  nw_parameters_set_include_peer_to_peer(p, true);\n#endif\n  puts("nw_parameters_set_include_peer_to_peer");\n}',
      ],
    },
  },
});
