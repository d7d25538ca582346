// entitlement-multicast-missing: multicast in code while the target is not signed with the multicast entitlement.
import { localNetworkSite, type LocalNetworkSite } from './apis/local-network';
import { macOSOnly, MULTICAST_ENTITLEMENT } from './apis/project-keys';
import { defineRule, type ExampleProject } from './rule';

const entitlements = (body: string) => `<plist version="1.0">\n<dict>\n${body}</dict>\n</plist>`;
const IOS_NO_FILE: ExampleProject = { platforms: ['ios'] };
const IOS_WITHOUT: ExampleProject = { platforms: ['ios'], entitlements: entitlements('\t<key>com.apple.security.application-groups</key>\n\t<array/>\n') };
const IOS_WITH: ExampleProject = { platforms: ['ios'], entitlements: entitlements('\t<key>com.apple.developer.networking.multicast</key>\n\t<true/>\n') };

export default defineRule({
  id: 'entitlement-multicast-missing',
  title: 'Multicast on iOS needs the com.apple.developer.networking.multicast entitlement',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'medium',
  triggers: [
    'NWConnectionGroup', 'NWMulticastGroup', 'nw_connection_group_create', 'nw_group_descriptor_create_multicast',
    'IP_ADD_MEMBERSHIP', 'IPV6_JOIN_GROUP', 'MCAST_JOIN_GROUP', 'IP_ADD_SOURCE_MEMBERSHIP',
  ],
  article: 'entitlement-multicast-missing',
  sources: [
    'Apple Developer Forums: Networking Resources (DTS): Using the Multicast Networking Additional Capability',
    'https://developer.apple.com/documentation/network/nwmulticastgroup',
    'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.networking.multicast',
  ],
  messages: {
    missing: 'Joining multicast groups on iOS needs the com.apple.developer.networking.multicast entitlement, which this target is not signed with: request the Multicast Networking capability from Apple and add the entitlement to the target\'s .entitlements file.',
  },
  knownLimitations: [
    'Runs only when the target\'s entitlements are known: an Xcode target (its CODE_SIGN_ENTITLEMENTS, or none), or without a project an Info.plist folder with exactly one .entitlements file.',
    'Broadcast (SO_BROADCAST) is not flagged here; Apple\'s documentation ties the entitlement to multicast.',
    'Targets that build only for macOS are not checked.',
  ],
  create(context) {
    const project = context.project;
    if (!project || macOSOnly(project)) return {};
    const keys = project.entitlementKeys();
    // Without an Xcode project, a missing entitlements file means "unknown", not "absent".
    if (!keys && project.source !== 'xcode-project') return {};
    if (keys?.has(MULTICAST_ENTITLEMENT) && project.entitlementValue(MULTICAST_ENTITLEMENT) !== false) return {};
    let first: LocalNetworkSite | undefined;
    const visit = (node: Parameters<typeof localNetworkSite>[0]) => {
      if (first) return;
      const site = localNetworkSite(node, context.grammar === 'swift');
      if (site?.kind === 'multicast') first = site;
    };
    return {
      call_expression: visit,
      message_expression: visit,
      'file:exit'() {
        if (!first) return;
        const related = project.entitlementsLocation(MULTICAST_ENTITLEMENT);
        context.report({ node: first.node, related: related ? [related] : undefined });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        { code: 'let group = ⟦NWMulticastGroup(for: [.hostPort(host: "224.0.0.251", port: 5353)])⟧', project: IOS_WITHOUT },
        { code: 'let group = ⟦NWConnectionGroup(with: descriptor, using: .udp)⟧', project: IOS_NO_FILE, note: 'no entitlements file at all' },
        { code: '⟦setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, socklen_t(MemoryLayout<ip_mreq>.size))⟧', project: { entitlements: entitlements('\t<key>com.apple.developer.networking.multicast</key>\n\t<false/>\n') }, note: 'entitlement set to false' },
      ],
      valid: [
        { code: 'let group = NWConnectionGroup(with: descriptor, using: .udp)', project: IOS_WITH },
        { code: 'let group = NWConnectionGroup(with: descriptor, using: .udp)', note: 'no project facts' },
        { code: 'let group = NWConnectionGroup(with: descriptor, using: .udp)', project: { platforms: ['macos'] }, note: 'macOS-only target' },
        { code: 'setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))', project: IOS_WITHOUT },
      ],
    },
    objc: {
      invalid: [
        { code: '@implementation G\n- (void)go { self.g = ⟦nw_connection_group_create(self.descriptor, self.params)⟧; }\n@end', project: IOS_WITHOUT },
        { code: '@implementation G\n- (void)go { nw_group_descriptor_t d = ⟦nw_group_descriptor_create_multicast(self.endpoint)⟧; }\n@end', project: IOS_NO_FILE },
        { code: 'void j(int fd, struct ipv6_mreq m) { ⟦setsockopt(fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &m, sizeof(m))⟧; }', project: IOS_WITHOUT },
      ],
      valid: [
        { code: '@implementation G\n- (void)go { self.g = nw_connection_group_create(self.descriptor, self.params); }\n@end', project: IOS_WITH },
        { code: '@implementation G\n- (void)go { self.c = nw_connection_create(self.endpoint, self.params); }\n@end', project: IOS_WITHOUT },
        { code: '@implementation G\n- (void)go { self.g = nw_connection_group_create(self.descriptor, self.params); }\n@end' },
      ],
    },
    c: {
      invalid: [
        { code: 'void j(int fd, struct ip_mreq m) { ⟦setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof(m))⟧; }', project: IOS_WITHOUT },
        { code: 'nw_connection_group_t make(nw_group_descriptor_t d, nw_parameters_t p) { return ⟦nw_connection_group_create(d, p)⟧; }', project: IOS_NO_FILE },
        { code: 'void j(int fd, struct ip_mreq m) {\n  ⟦setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof(m))⟧;\n  setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof(m));\n}', project: IOS_WITHOUT, note: 'first site only' },
      ],
      valid: [
        { code: 'void j(int fd, struct ip_mreq m) { setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof(m)); }', project: IOS_WITH },
        { code: 'void j(int fd, int yes) { setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &yes, sizeof(yes)); }', project: IOS_WITHOUT, note: 'broadcast is not this rule' },
        { code: 'void j(int fd, struct ip_mreq m) { setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof(m)); }', project: { platforms: ['macos'] } },
      ],
    },
  },
});
