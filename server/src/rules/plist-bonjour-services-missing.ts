// plist-bonjour-services-missing: a Bonjour service type used in code that the target's NSBonjourServices does not list.
import { bonjourTypeProblem, multipeerTypeProblem, serviceTypeSite } from './apis/bonjour-service-types';
import { BONJOUR_SERVICES, macOSOnly, mainServiceType } from './apis/project-keys';
import { defineRule, type ExampleProject } from './rule';

const plist = (...types: string[]) => `<plist version="1.0">\n<dict>\n\t<key>NSBonjourServices</key>\n\t<array>\n${types.map((t) => `\t\t<string>${t}</string>\n`).join('')}\t</array>\n</dict>\n</plist>`;
const IOS: ExampleProject = { platforms: ['ios'], infoPlist: plist('_printer._tcp') };
const IOS_NONE: ExampleProject = { platforms: ['ios'] };
const missing = (type: string) => `The Bonjour service type "${type}" is not in NSBonjourServices of the target's Info.plist: add it there, or browsing and advertising it fail on iOS 14 and later.`;

export default defineRule({
  id: 'plist-bonjour-services-missing',
  title: 'Bonjour service types used in code must be listed in NSBonjourServices',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'medium',
  // Every Bonjour type literal ends in `._tcp` or `._udp`; Multipeer service types are recognised by their classes.
  triggers: ['_tcp', '_udp', 'MCNearbyServiceAdvertiser', 'MCNearbyServiceBrowser', 'MCAdvertiserAssistant', 'MCBrowserViewController', 'initWithServiceType'],
  article: 'plist-bonjour-services-missing',
  sources: [
    'https://developer.apple.com/documentation/technotes/tn3179-understanding-local-network-privacy',
    'https://developer.apple.com/documentation/bundleresources/information-property-list/nsbonjourservices',
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS: service types)',
  ],
  messages: {
    missing: 'The Bonjour service type "{{type}}" is not in NSBonjourServices of the target\'s Info.plist: add it there, or browsing and advertising it fail on iOS 14 and later.',
  },
  knownLimitations: [
    'Only service types written as string literals at the call are read; a type held in a variable or built at run time is not checked.',
    'Runs only when the file\'s target is known, and not for targets that build only for macOS.',
    'Multipeer Connectivity service types are checked as both `_name._tcp` and `_name._udp`, the two entries Multipeer needs.',
  ],
  create(context) {
    const project = context.project;
    if (!project || macOSOnly(project)) return {};
    const declared = new Set<string>();
    const value = project.infoValue(BONJOUR_SERVICES);
    if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') declared.add(mainServiceType(item));
    const reported = new Set<string>();
    const visit = (node: Parameters<typeof serviceTypeSite>[0]) => {
      const site = serviceTypeSite(node, context.grammar === 'swift');
      if (!site || site.value === '') return;
      let needed: string[];
      if (site.kind === 'multipeer') {
        if (multipeerTypeProblem(site.value)) return;
        needed = [`_${site.value.toLowerCase()}._tcp`, `_${site.value.toLowerCase()}._udp`];
      } else {
        if (bonjourTypeProblem(site.value)) return;
        needed = [mainServiceType(site.value)];
      }
      const absent = needed.filter((t) => !declared.has(t) && !reported.has(t));
      if (absent.length === 0) return;
      absent.forEach((t) => reported.add(t));
      const edits = project.addInfoArrayItemEdits?.(BONJOUR_SERVICES, absent);
      const related = project.infoPlistLocation(BONJOUR_SERVICES);
      context.report({
        node: site.literal,
        data: { type: absent.join('" and "') },
        suggestions: edits ? [{ title: `Add ${absent.join(', ')} to NSBonjourServices`, edits }] : undefined,
        related: related ? [related] : undefined,
      });
    };
    return { call_expression: visit, message_expression: visit };
  },
  examples: {
    swift: {
      invalid: [
        { code: 'let browser = NWBrowser(for: .bonjour(type: ⟦"_chat._tcp"⟧, domain: nil), using: .tcp)', project: IOS, messages: [missing('_chat._tcp')] },
        { code: 'listener.service = NWListener.Service(name: "Den", type: ⟦"_game._udp"⟧)', project: IOS_NONE, messages: [missing('_game._udp')], note: 'no NSBonjourServices at all' },
        {
          code: 'let a = NWBrowser(for: .bonjour(type: ⟦"_chat._tcp"⟧, domain: nil), using: .tcp)\nlet b = NWBrowser(for: .bonjour(type: "_chat._tcp.", domain: nil), using: .tcp)',
          project: IOS, messages: [missing('_chat._tcp')], note: 'each type once',
        },
        { code: 'let browser = MCNearbyServiceBrowser(peer: me, serviceType: ⟦"boardgame"⟧)', project: IOS, messages: [missing('_boardgame._tcp" and "_boardgame._udp')], note: 'Multipeer needs _tcp and _udp' },
      ],
      valid: [
        { code: 'let browser = NWBrowser(for: .bonjour(type: "_printer._tcp", domain: nil), using: .tcp)', project: IOS },
        { code: 'let browser = NWBrowser(for: .bonjour(type: "_PRINTER._tcp.", domain: "local."), using: .tcp)', project: IOS, note: 'case and trailing dot' },
        { code: 'let browser = NWBrowser(for: .bonjour(type: "_chat._tcp", domain: nil), using: .tcp)', note: 'no project facts' },
        { code: 'let browser = NWBrowser(for: .bonjour(type: serviceType, domain: nil), using: .tcp)', project: IOS, note: 'not a literal' },
      ],
    },
    objc: {
      invalid: [
        { code: '@implementation F\n- (void)go { [self.browser searchForServicesOfType:⟦@"_chat._tcp."⟧ inDomain:@"local."]; }\n@end', project: IOS, messages: [missing('_chat._tcp')] },
        { code: '@implementation F\n- (void)go { self.s = [[NSNetService alloc] initWithDomain:@"local." type:⟦@"_chat._tcp."⟧ name:@"" port:80]; }\n@end', project: IOS, messages: [missing('_chat._tcp')] },
        { code: '@implementation F\n- (void)go { nw_browse_descriptor_t d = nw_browse_descriptor_create_bonjour_service(⟦"_chat._tcp"⟧, NULL); }\n@end', project: IOS, messages: [missing('_chat._tcp')] },
      ],
      valid: [
        { code: '@implementation F\n- (void)go { [self.browser searchForServicesOfType:@"_printer._tcp." inDomain:@"local."]; }\n@end', project: IOS },
        { code: '@implementation F\n- (void)go { [self.browser searchForServicesOfType:@"_chat._tcp." inDomain:@"local."]; }\n@end' },
        { code: '@implementation F\n- (void)go { [self.browser searchForServicesOfType:@"_chat._tcp." inDomain:@"local."]; }\n@end', project: { platforms: ['macos'] } },
      ],
    },
    c: {
      invalid: [
        { code: 'void b(DNSServiceRef *r) { DNSServiceBrowse(r, 0, 0, ⟦"_chat._tcp"⟧, NULL, cb, NULL); }', project: IOS, messages: [missing('_chat._tcp')] },
        { code: 'void b(DNSServiceRef *r) { DNSServiceRegister(r, 0, 0, NULL, ⟦"_chat._udp"⟧, NULL, NULL, 80, 0, NULL, NULL, NULL); }', project: IOS, messages: [missing('_chat._udp')] },
        { code: 'void b(DNSServiceRef *r) { DNSServiceBrowse(r, 0, 0, ⟦"_printer._sub._ipp._tcp"⟧, NULL, cb, NULL); }', project: IOS, messages: [missing('_ipp._tcp')], note: 'subtype: the main type must be listed' },
      ],
      valid: [
        { code: 'void b(DNSServiceRef *r) { DNSServiceBrowse(r, 0, 0, "_printer._tcp", NULL, cb, NULL); }', project: IOS },
        { code: 'void b(DNSServiceRef *r) { DNSServiceBrowse(r, 0, 0, "_chat._tcp", NULL, cb, NULL); }' },
        { code: 'void b(DNSServiceRef *r) { DNSServiceBrowse(r, 0, 0, "chat", NULL, cb, NULL); }', project: IOS, note: 'malformed type: another rule' },
      ],
    },
  },
});
