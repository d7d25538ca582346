// plist-local-network-usage-missing: local-network work in code while the target's Info.plist has no NSLocalNetworkUsageDescription.
import { localNetworkSite, type LocalNetworkSite } from './apis/local-network';
import { LOCAL_NETWORK_USAGE, LOCAL_NETWORK_USAGE_PLACEHOLDER, macOSOnly } from './apis/project-keys';
import { defineRule, type ExampleProject } from './rule';

const IOS: ExampleProject = { platforms: ['ios'] };
const IOS_WITH_KEY: ExampleProject = {
  platforms: ['ios'],
  infoPlist: '<plist version="1.0">\n<dict>\n\t<key>NSLocalNetworkUsageDescription</key>\n\t<string>Finds your printers.</string>\n</dict>\n</plist>',
};
const MAC_ONLY: ExampleProject = { platforms: ['macos'] };

export default defineRule({
  id: 'plist-local-network-usage-missing',
  title: 'Local-network work needs NSLocalNetworkUsageDescription in the Info.plist',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'medium',
  triggers: [
    'bonjour', 'bonjourWithTXTRecord', 'NWListener', 'Service', 'service', 'BonjourListenerProvider', 'NetServiceBrowser',
    'NSNetServiceBrowser', 'searchForServices', 'searchForServicesOfType', 'NetService', 'initWithDomain', 'NWConnectionGroup',
    'NWMulticastGroup', 'DNSServiceBrowse', 'DNSServiceRegister', 'DNSServiceResolve', 'nw_browse_descriptor_create_bonjour_service',
    'nw_advertise_descriptor_create_bonjour_service', 'nw_connection_group_create', 'nw_group_descriptor_create_multicast',
    'IP_ADD_MEMBERSHIP', 'IPV6_JOIN_GROUP', 'MCAST_JOIN_GROUP', 'IP_ADD_SOURCE_MEMBERSHIP', 'SO_BROADCAST',
    // Local addresses: `host:` arguments, URL strings and the C address functions.
    'host', 'URL', 'URLWithString', 'initWithString', 'inet_pton', 'inet_addr', 'inet_aton', 'nw_endpoint_create_host', 'getaddrinfo',
  ],
  article: 'plist-local-network-usage-missing',
  sources: [
    'Apple Developer Forums: Why won\'t you fix local network connectivity issues? (user report; symptoms fit local network privacy)',
    'Apple Developer Forums: UDP silently blocked on macOS 26 (user report)',
    'https://developer.apple.com/documentation/technotes/tn3179-understanding-local-network-privacy',
    'https://developer.apple.com/documentation/bundleresources/information-property-list/nslocalnetworkusagedescription',
  ],
  messages: {
    missing: 'This code uses the local network (Bonjour, multicast, broadcast or a local address) but the target\'s Info.plist has no NSLocalNetworkUsageDescription: add one that tells people why the app needs the local network.',
  },
  knownLimitations: [
    'Runs only when the file\'s target is known: an Xcode target that builds the file (or, without a project, the nearest Info.plist). Files of frameworks and libraries are not checked: their host app\'s Info.plist is what counts.',
    'Targets that build only for macOS are not checked, although macOS 15 has local network privacy too.',
    'One finding per file, at the first local-network call; addresses are recognised only as string literals.',
  ],
  create(context) {
    const project = context.project;
    if (!project || macOSOnly(project) || project.infoKeys().has(LOCAL_NETWORK_USAGE)) return {};
    let first: LocalNetworkSite | undefined;
    const visit = (node: Parameters<typeof localNetworkSite>[0]) => {
      if (!first) first = localNetworkSite(node, context.grammar === 'swift');
    };
    return {
      call_expression: visit,
      message_expression: visit,
      'file:exit'() {
        if (!first) return;
        const edits = project.addInfoStringEdits?.(LOCAL_NETWORK_USAGE, LOCAL_NETWORK_USAGE_PLACEHOLDER);
        const related = project.infoPlistLocation(LOCAL_NETWORK_USAGE);
        context.report({
          node: first.node,
          suggestions: edits ? [{ title: `Add ${LOCAL_NETWORK_USAGE} to the Info.plist (then edit the text)`, edits }] : undefined,
          related: related ? [related] : undefined,
        });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        { code: 'import Network\nlet browser = NWBrowser(for: ⟦.bonjour(type: "_printer._tcp", domain: nil)⟧, using: .tcp)', project: IOS },
        { code: 'let group = ⟦NWConnectionGroup(with: multicast, using: .udp)⟧', project: IOS, note: 'multicast' },
        { code: 'let conn = NWConnection(host: ⟦"192.168.1.20"⟧, port: 8080, using: .tcp)\nlet other = NWConnection(host: "10.0.0.1", port: 80, using: .tcp)', project: IOS, note: 'first local address only' },
        { code: 'let url = URL(string: ⟦"http://printer.local/status"⟧)!', project: { infoPlist: '<plist version="1.0"><dict/></plist>' }, note: 'platform unknown' },
      ],
      valid: [
        { code: 'let browser = NWBrowser(for: .bonjour(type: "_printer._tcp", domain: nil), using: .tcp)', note: 'no project facts: silent' },
        { code: 'let browser = NWBrowser(for: .bonjour(type: "_printer._tcp", domain: nil), using: .tcp)', project: IOS_WITH_KEY },
        { code: 'let browser = NWBrowser(for: .bonjour(type: "_printer._tcp", domain: nil), using: .tcp)', project: MAC_ONLY, note: 'macOS-only target' },
        { code: 'let conn = NWConnection(host: "127.0.0.1", port: 8080, using: .tcp)\nlet api = URL(string: "https://example.com/v1")!', project: IOS, note: 'loopback and the internet' },
      ],
    },
    objc: {
      invalid: [
        { code: '@implementation Finder\n- (void)start { self.browser = ⟦[NSNetServiceBrowser alloc]⟧; }\n@end', project: IOS },
        { code: '@implementation Finder\n- (void)start { ⟦[self.browser searchForServicesOfType:@"_ipp._tcp." inDomain:@"local."]⟧; }\n@end', project: IOS },
        { code: 'void join(int fd, struct ip_mreq m) { ⟦setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof(m))⟧; }', project: IOS },
      ],
      valid: [
        { code: '@implementation Finder\n- (void)start { self.browser = [[NSNetServiceBrowser alloc] init]; }\n@end' },
        { code: '@implementation Finder\n- (void)start { self.browser = [[NSNetServiceBrowser alloc] init]; }\n@end', project: IOS_WITH_KEY },
        { code: '@implementation Api\n- (NSURL *)url { return [NSURL URLWithString:@"https://example.com/"]; }\n@end', project: IOS },
      ],
    },
    c: {
      invalid: [
        { code: 'void browse(DNSServiceRef *ref) { ⟦DNSServiceBrowse(ref, 0, 0, "_http._tcp", NULL, callback, NULL)⟧; }', project: IOS },
        { code: 'void reg(DNSServiceRef *ref) { ⟦DNSServiceRegister(ref, 0, 0, NULL, "_http._tcp", NULL, NULL, 80, 0, NULL, NULL, NULL)⟧; }', project: IOS },
        { code: 'int addr(struct in_addr *a) { return inet_pton(AF_INET, ⟦"169.254.10.1"⟧, a); }', project: IOS },
      ],
      valid: [
        { code: 'void browse(DNSServiceRef *ref) { DNSServiceBrowse(ref, 0, 0, "_http._tcp", NULL, callback, NULL); }', project: IOS_WITH_KEY },
        { code: 'int addr(struct in_addr *a) { return inet_pton(AF_INET, "8.8.8.8", a); }', project: IOS },
        { code: 'void browse(DNSServiceRef *ref) { DNSServiceBrowse(ref, 0, 0, "_http._tcp", NULL, callback, NULL); }', project: MAC_ONLY },
      ],
    },
  },
});
