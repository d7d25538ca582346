// ats-arbitrary-loads: App Transport Security turned off for everything (NSAllowsArbitraryLoads), or insecure HTTP
// allowed for a whole top-level domain through NSExceptionDomains.
import { defineProjectFileRule, type PlistDict } from './project-file-rule';
import { asDict, dictEntry, dictValue, isTrue } from './syntax/plist';

const INFO = (ats: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>CFBundleName</key>\n\t<string>Demo</string>\n\t<key>NSAppTransportSecurity</key>\n\t<dict>\n${ats}\t</dict>\n</dict>\n</plist>\n`;
const domain = (name: string, body: string) => `\t\t<key>NSExceptionDomains</key>\n\t\t<dict>\n\t\t\t${name}\n\t\t\t<dict>\n${body}\t\t\t</dict>\n\t\t</dict>\n`;
const INSECURE = '\t\t\t\t<key>NSExceptionAllowsInsecureHTTPLoads</key>\n\t\t\t\t<true/>\n';
const SUBDOMAINS = '\t\t\t\t<key>NSIncludesSubdomains</key>\n\t\t\t\t<true/>\n';

/** Keys that make ATS ignore NSAllowsArbitraryLoads on iOS 10 / macOS 10.12 and later. */
const OVERRIDING_KEYS = ['NSAllowsArbitraryLoadsInWebContent', 'NSAllowsArbitraryLoadsForMedia', 'NSAllowsLocalNetworking'];

/** Second-level public suffixes common enough to list (a complete public-suffix list is out of scope). */
const PUBLIC_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'com.au', 'net.au', 'org.au', 'co.jp', 'ne.jp', 'or.jp', 'com.cn', 'net.cn', 'org.cn',
  'com.br', 'com.mx', 'co.in', 'co.kr', 'com.tw', 'com.hk', 'co.nz', 'co.za', 'com.sg', 'com.tr', 'com.ar',
]);

/** A domain key that covers a whole top-level domain or public suffix once subdomains are included. */
function isBroadDomain(name: string): boolean {
  const domainName = name.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
  if (domainName === '' || domainName === 'localhost' || domainName === 'local') return false;
  if (!domainName.includes('.')) return true;
  return PUBLIC_SUFFIXES.has(domainName);
}

export default defineProjectFileRule({
  id: 'ats-arbitrary-loads',
  title: 'App Transport Security disabled globally or for a whole domain',
  files: ['info-plist'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'ats-arbitrary-loads',
  sources: [
    'Apple Developer Forums: Networking Resources (DTS): Preventing Insecure Network Connections',
    'https://developer.apple.com/documentation/security/preventing-insecure-network-connections',
    'https://developer.apple.com/documentation/bundleresources/information-property-list/nsapptransportsecurity/nsallowsarbitraryloads',
    'https://developer.apple.com/documentation/bundleresources/information-property-list/nsapptransportsecurity/nsallowsarbitraryloadsinwebcontent',
  ],
  messages: {
    arbitrary: 'NSAllowsArbitraryLoads turns App Transport Security off for every connection, which App Review asks you to justify: remove it and allow plain HTTP only for the hosts that need it with NSExceptionDomains (or NSAllowsLocalNetworking, NSAllowsArbitraryLoadsInWebContent).',
    broadDomain: 'This exception allows insecure HTTP to every host under a whole top-level domain: name the specific hosts that need it instead.',
  },
  knownLimitations: [
    'NSAllowsArbitraryLoads is not flagged when NSAllowsArbitraryLoadsInWebContent, NSAllowsArbitraryLoadsForMedia or NSAllowsLocalNetworking is present: on iOS 10 / macOS 10.12 and later ATS then ignores it (it only serves older systems).',
    'Broad domains are top-level domains and a short list of common public suffixes (co.uk, com.au, …) with NSIncludesSubdomains; NSAllowsArbitraryLoadsInWebContent alone is a narrower, documented exception and is not flagged.',
  ],
  check(context) {
    const root = context.document.root.type === 'dict' ? context.document.root : undefined;
    const ats = asDict(dictValue(root, 'NSAppTransportSecurity'));
    if (!ats) return;
    const arbitrary = dictEntry(ats, 'NSAllowsArbitraryLoads');
    if (arbitrary && isTrue(arbitrary.value) && !OVERRIDING_KEYS.some((k) => dictEntry(ats, k))) {
      context.report({ range: arbitrary.keyRange, messageId: 'arbitrary' });
    }
    const domains = asDict(dictValue(ats, 'NSExceptionDomains'));
    for (const entry of domains?.entries ?? []) {
      const settings: PlistDict | undefined = asDict(entry.value);
      const insecure = isTrue(dictValue(settings, 'NSExceptionAllowsInsecureHTTPLoads')) || isTrue(dictValue(settings, 'NSTemporaryExceptionAllowsInsecureHTTPLoads'));
      if (insecure && isTrue(dictValue(settings, 'NSIncludesSubdomains')) && isBroadDomain(entry.key)) {
        context.report({ range: entry.keyRange, messageId: 'broadDomain' });
      }
    }
  },
  examples: {
    invalid: [
      { code: INFO('\t\t⟦<key>NSAllowsArbitraryLoads</key>⟧\n\t\t<true/>\n'), messages: ['arbitrary'] },
      { code: INFO(domain('⟦<key>com</key>⟧', INSECURE + SUBDOMAINS)), messages: ['broadDomain'] },
      { code: INFO(domain('⟦<key>co.uk</key>⟧', SUBDOMAINS + '\t\t\t\t<key>NSTemporaryExceptionAllowsInsecureHTTPLoads</key>\n\t\t\t\t<true/>\n')), messages: ['broadDomain'] },
      {
        code: INFO('\t\t⟦<key>NSAllowsArbitraryLoads</key>⟧\n\t\t<true/>\n' + domain('<key>example.com</key>', INSECURE + SUBDOMAINS)),
        messages: ['arbitrary'], note: 'a specific domain is fine',
      },
    ],
    valid: [
      INFO('\t\t<key>NSAllowsArbitraryLoads</key>\n\t\t<false/>\n'),
      { code: INFO('\t\t<key>NSAllowsArbitraryLoads</key>\n\t\t<true/>\n\t\t<key>NSAllowsArbitraryLoadsInWebContent</key>\n\t\t<true/>\n'), note: 'ignored on iOS 10 and later' },
      INFO(domain('<key>api.example.com</key>', INSECURE + SUBDOMAINS)),
      { code: INFO(domain('<key>com</key>', INSECURE)), note: 'no subdomains: only the host "com"' },
      INFO('\t\t<key>NSAllowsLocalNetworking</key>\n\t\t<true/>\n'),
    ],
  },
});
