// entitlement-ne-systemextension-variant: Network Extension entitlement values in the wrong variant: `-systemextension`
// values in development or non-macOS entitlements, or an app and its system extension signed with different variants.
import { isSystemExtensionValue, NE_ENTITLEMENT, standardValue, SYSTEM_EXTENSION_CAPABLE, SYSTEM_EXTENSION_SUFFIX } from './apis/network-extension-entitlement';
import { defineProjectFileRule, type PlistValue, type ProjectFileUsage } from './project-file-rule';
import type { RelatedLocation } from './rule';
import { dictEntry, stringItems, xmlEscape } from './syntax/plist';

/** Entitlements with the NE key and these array items (XML elements, possibly ⟦marked⟧). */
const ENT = (...items: string[]) => `<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.networking.networkextension</key>\n\t<array>\n${items.map((i) => `\t\t${i}\n`).join('')}\t</array>\n</dict>\n</plist>\n`;
const S = (value: string) => `<string>${value}</string>`;
const MARKED = (value: string) => `⟦${S(value)}⟧`;

const usage = (over: Partial<ProjectFileUsage>): ProjectFileUsage => ({
  target: 'Filter', configuration: 'Debug', platforms: ['macos'], productType: 'com.apple.product-type.system-extension',
  signingIdentity: 'Apple Development', partners: [], ...over,
});

/** Developer ID signing (the only place the `-systemextension` values belong). */
const isDeveloperId = (identity: string | undefined) => identity !== undefined && /^Developer ID Application/i.test(identity.trim());
/** Files named for Developer ID re-signing (`Filter-DevID.entitlements`). */
const NAMED_FOR_DEVELOPER_ID = /dev(eloper)?[-_ ]?id/i;

export default defineProjectFileRule({
  id: 'entitlement-ne-systemextension-variant',
  title: 'Network Extension entitlement values: standard for development and iOS, -systemextension only for Developer ID, the same in app and system extension',
  files: ['entitlements'],
  defaultSeverity: 'warning',
  confidence: 'medium',
  article: 'entitlement-ne-systemextension-variant',
  sources: [
    'Apple Developer Forums: Exporting a Developer ID Network Extension (DTS)',
    'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.networking.networkextension',
    'https://developer.apple.com/documentation/technotes/tn3134-network-extension-provider-deployment',
  ],
  messages: {
    notMacOS: 'A -systemextension value only exists for Developer ID system extensions on macOS: this target builds for iOS, iPadOS, tvOS or visionOS, so use the standard value.',
    development: 'The -systemextension values are for Developer ID distribution only: keep the standard value in the entitlements Xcode builds with (Apple Development and App Store signing) and add the suffix when you export or re-sign for Developer ID.',
    mismatch: 'The app and its system extension must carry the same variant of this Network Extension value: make both standard or both -systemextension.',
    missingInApp: 'The app that embeds this system extension lacks this Network Extension value: sign the app with the same provider values as the system extension.',
  },
  knownLimitations: [
    'The target, platform and signing identity come from the Xcode project that references the file through CODE_SIGN_ENTITLEMENTS; an entitlements file no project references (for example one made for re-signing) is not checked for development use.',
    'Files named for Developer ID (`…DevID…`, `…DeveloperID…`) and files used only by configurations signed with Developer ID Application are meant to carry the suffix and are not flagged for it.',
  ],
  check(context) {
    const { document, usages } = context;
    const root = document.root.type === 'dict' ? document.root : undefined;
    const values = stringItems(dictEntry(root, NE_ENTITLEMENT)?.value);
    if (values.length === 0) return;
    const fileName = document.file.split(/[\\/]/).pop() ?? '';

    const partnerValues = (partnerFile: string | undefined) => {
      const partner = partnerFile ? context.plist(partnerFile) : undefined;
      const partnerRoot = partner?.root.type === 'dict' ? partner.root : undefined;
      return partner ? { document: partner, values: stringItems(dictEntry(partnerRoot, NE_ENTITLEMENT)?.value) } : undefined;
    };
    const location = (file: string, text: string | undefined, item: PlistValue | undefined, message: string): RelatedLocation => {
      if (!text || !item?.range) return { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message };
      const position = (offset: number) => {
        const before = text.slice(0, offset);
        const line = before.split(/\r\n|\r|\n/).length - 1;
        return { line, character: offset - (Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1) };
      };
      return { file, range: { start: position(item.range.startIndex), end: position(item.range.endIndex) }, message };
    };
    const replaceWith = (item: PlistValue, value: string) => (item.range
      ? [{ title: `Use ${value}`, edits: [{ startIndex: item.range.startIndex, endIndex: item.range.endIndex, text: `<string>${xmlEscape(value)}</string>` }] }]
      : undefined);

    const nonMacOS = usages.some((u) => u.platforms.length > 0 && !u.platforms.includes('macos'));
    const development = usages.length > 0 && !NAMED_FOR_DEVELOPER_ID.test(fileName) && usages.some((u) => !isDeveloperId(u.signingIdentity));
    for (const { value, item } of values) {
      const suffixed = isSystemExtensionValue(value);
      const standard = standardValue(value);
      if (suffixed && nonMacOS) {
        context.report({ range: item.range, messageId: 'notMacOS', suggestions: replaceWith(item, standard) });
        continue;
      }
      let reported = false;
      for (const use of usages) {
        for (const partner of use.partners) {
          const other = partnerValues(partner.entitlementsFile);
          if (!other || reported) continue;
          const twin = other.values.find((v) => standardValue(v.value) === standard);
          const related = (message: string, at?: PlistValue) => [location(other.document.file, other.document.text, at, message)];
          if (twin && twin.value !== value) {
            context.report({
              range: item.range, messageId: 'mismatch', suggestions: replaceWith(item, twin.value),
              related: related(`${twin.value} in the entitlements of ${partner.target}`, twin.item),
            });
            reported = true;
          } else if (!twin && partner.role === 'host-app') {
            context.report({ range: item.range, messageId: 'missingInApp', related: related(`the entitlements of ${partner.target}`, dictEntry(other.document.root.type === 'dict' ? other.document.root : undefined, NE_ENTITLEMENT)?.value) });
            reported = true;
          }
        }
      }
      if (reported) continue;
      if (suffixed && development && SYSTEM_EXTENSION_CAPABLE.has(standard)) {
        context.report({ range: item.range, messageId: 'development', suggestions: replaceWith(item, standard) });
      }
    }
  },
  examples: {
    invalid: [
      {
        code: ENT(MARKED(`content-filter-provider${SYSTEM_EXTENSION_SUFFIX}`)),
        file: 'Filter.entitlements', usages: [usage({})], messages: ['development'],
        output: ENT(S('content-filter-provider')),
        note: 'Apple Development signing',
      },
      {
        code: ENT(MARKED('packet-tunnel-provider-systemextension')),
        file: 'Tunnel.entitlements', usages: [usage({ target: 'Tunnel', platforms: ['ios'], productType: 'com.apple.product-type.app-extension' })],
        messages: ['notMacOS'], output: ENT(S('packet-tunnel-provider')), note: 'iOS target',
      },
      {
        code: ENT(MARKED('content-filter-provider')),
        file: 'App.entitlements',
        usages: [usage({ target: 'App', productType: 'com.apple.product-type.application', signingIdentity: 'Developer ID Application', partners: [{ target: 'Filter', role: 'system-extension', entitlementsFile: 'Filter.entitlements' }] })],
        files: { 'Filter.entitlements': ENT(S('content-filter-provider-systemextension')) },
        messages: ['mismatch'], output: ENT(S('content-filter-provider-systemextension')), note: 'app standard, system extension suffixed',
      },
      {
        code: ENT(MARKED('dns-proxy')),
        file: 'Filter.entitlements',
        usages: [usage({ partners: [{ target: 'App', role: 'host-app', entitlementsFile: 'App.entitlements' }] })],
        files: { 'App.entitlements': '<plist version="1.0">\n<dict>\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n</dict>\n</plist>\n' },
        messages: ['missingInApp'], note: 'the app lacks the value',
      },
    ],
    valid: [
      { code: ENT(S('content-filter-provider')), file: 'Filter.entitlements', usages: [usage({})] },
      { code: ENT(S('content-filter-provider-systemextension')), file: 'Filter.entitlements', usages: [usage({ signingIdentity: 'Developer ID Application' })], note: 'Developer ID signing' },
      { code: ENT(S('content-filter-provider-systemextension')), file: 'Filter-DevID.entitlements', usages: [usage({})], note: 'named for Developer ID re-signing' },
      { code: ENT(S('packet-tunnel-provider-systemextension')), file: 'Resign.entitlements', note: 'no project references it' },
      {
        code: ENT(S('content-filter-provider')), file: 'App.entitlements',
        usages: [usage({ target: 'App', productType: 'com.apple.product-type.application', partners: [{ target: 'Filter', role: 'system-extension', entitlementsFile: 'Filter.entitlements' }] })],
        files: { 'Filter.entitlements': ENT(S('content-filter-provider')) },
        note: 'app and system extension agree',
      },
    ],
  },
});
