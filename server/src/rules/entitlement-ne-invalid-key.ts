// entitlement-ne-invalid-key: `com.apple.developer.network-extension…` keys; the real entitlement is
// com.apple.developer.networking.networkextension, an array of provider values.
import { isMisspeltNeKey, NE_ENTITLEMENT, providerFromMisspeltKey } from './apis/network-extension-entitlement';
import { defineProjectFileRule, type PlistEntry } from './project-file-rule';
import type { Suggestion, SuggestionEdit } from './rule';
import { addArrayItemEdit, dictEntry, plistValueXml, removeEntryEdit, stringItems, xmlEscape } from './syntax/plist';

const ENT = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n${body}</dict>\n</plist>\n`;

export default defineProjectFileRule({
  id: 'entitlement-ne-invalid-key',
  title: 'The Network Extension entitlement is com.apple.developer.networking.networkextension',
  files: ['entitlements', 'info-plist'],
  defaultSeverity: 'error',
  confidence: 'high',
  article: 'entitlement-ne-invalid-key',
  sources: [
    'Apple Developer Forums: a user question about approval of a Mac App Store content filter that names the entitlement with a key that does not exist',
    'Apple Developer Forums: Exporting a Developer ID Network Extension (DTS)',
    'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.networking.networkextension',
    'https://developer.apple.com/documentation/technotes/tn3134-network-extension-provider-deployment',
  ],
  messages: {
    key: 'This is not the Network Extension entitlement: use com.apple.developer.networking.networkextension, an array of provider values such as content-filter-provider.',
  },
  knownLimitations: [
    'The quick fix is offered when the intended provider can be read from the key (`….content-filter` → `content-filter-provider`) or the value is already an array of strings.',
  ],
  check(context) {
    const { document } = context;
    const root = document.root.type === 'dict' ? document.root : undefined;
    if (!root) return;
    const correct = dictEntry(root, NE_ENTITLEMENT);
    for (const entry of root.entries) {
      if (!isMisspeltNeKey(entry.key)) continue;
      const fix = fixFor(entry, correct);
      context.report({
        range: entry.keyRange,
        suggestions: fix ? [fix] : undefined,
      });
    }

    function fixFor(entry: PlistEntry, existing: PlistEntry | undefined): Suggestion | undefined {
      const text = document.text;
      if (text === undefined || !entry.keyRange || !entry.value.range) return undefined;
      const provider = providerFromMisspeltKey(entry.key);
      const values = entry.value.type === 'array' ? stringItems(entry.value).map((s) => s.value) : provider && entry.value.type === 'boolean' && entry.value.value ? [provider] : undefined;
      if (!values || values.length === 0) return undefined;
      const title = `Use ${NE_ENTITLEMENT} with ${values.join(', ')}`;
      if (existing) {
        // The real key is there too: move the values into it and drop the misspelt entry.
        if (existing.value.type !== 'array') return undefined;
        const present = new Set(stringItems(existing.value).map((s) => s.value));
        const add = values.filter((v) => !present.has(v));
        const edits: SuggestionEdit[] = [];
        const removal = removeEntryEdit(document, entry);
        if (!removal) return undefined;
        edits.push(removal);
        if (add.length) {
          const append = addArrayItemEdit(document, existing.value, add);
          if (!append) return undefined;
          edits.push(append);
        }
        return { title, edits: edits.map(({ file: _file, ...e }) => e) };
      }
      const edits: SuggestionEdit[] = [{ startIndex: entry.keyRange.startIndex, endIndex: entry.keyRange.endIndex, text: `<key>${xmlEscape(NE_ENTITLEMENT)}</key>` }];
      if (entry.value.type !== 'array') {
        const lineStart = text.lastIndexOf('\n', entry.value.range.startIndex - 1) + 1;
        const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
        const unit = /\n(\t| +)</.exec(text)?.[1] ?? '\t';
        const eol = /\r\n/.test(text) ? '\r\n' : '\n';
        edits.push({ startIndex: entry.value.range.startIndex, endIndex: entry.value.range.endIndex, text: plistValueXml(values, indent, unit, eol) });
      }
      return { title, edits };
    }
  },
  examples: {
    invalid: [
      {
        code: ENT('\t⟦<key>com.apple.developer.network-extension.content-filter</key>⟧\n\t<true/>\n'),
        output: ENT('\t<key>com.apple.developer.networking.networkextension</key>\n\t<array>\n\t\t<string>content-filter-provider</string>\n\t</array>\n'),
      },
      {
        code: ENT('\t⟦<key>com.apple.developer.networkextension</key>⟧\n\t<array>\n\t\t<string>packet-tunnel-provider</string>\n\t</array>\n'),
        output: ENT('\t<key>com.apple.developer.networking.networkextension</key>\n\t<array>\n\t\t<string>packet-tunnel-provider</string>\n\t</array>\n'),
        note: 'right value, wrong key',
      },
      {
        code: ENT('\t<key>com.apple.developer.networking.networkextension</key>\n\t<array>\n\t\t<string>packet-tunnel-provider</string>\n\t</array>\n\t⟦<key>com.apple.developer.network-extension.dns-proxy</key>⟧\n\t<true/>\n'),
        output: ENT('\t<key>com.apple.developer.networking.networkextension</key>\n\t<array>\n\t\t<string>packet-tunnel-provider</string>\n\t\t<string>dns-proxy</string>\n\t</array>\n'),
        note: 'merged into the real key',
      },
      { code: ENT('\t⟦<key>com.apple.developer.network-extension</key>⟧\n\t<string>yes</string>\n'), note: 'no provider to infer: no fix' },
      { code: ENT('\t⟦<key>com.apple.developer.network-extension.app-proxy</key>⟧\n\t<true/>\n'), kind: 'info-plist', file: 'Info.plist', note: 'in an Info.plist too' },
    ],
    valid: [
      ENT('\t<key>com.apple.developer.networking.networkextension</key>\n\t<array>\n\t\t<string>content-filter-provider</string>\n\t</array>\n'),
      ENT('\t<key>com.apple.developer.networking.vpn.api</key>\n\t<array>\n\t\t<string>allow-vpn</string>\n\t</array>\n'),
      ENT('\t<key>com.apple.developer.networking.multicast</key>\n\t<true/>\n\t<key>com.apple.developer.networking.wifi-info</key>\n\t<true/>\n'),
      { code: ENT('\t<key>NEMachServiceName</key>\n\t<string>$(TeamIdentifierPrefix)com.example.filter</string>\n'), kind: 'info-plist', file: 'Info.plist' },
    ],
  },
});
