// tls-legacy-protocol-version: a TLS minimum (or maximum) set below TLS 1.2: TLSv10/TLSv11, kTLSProtocol1/11, kSSLProtocol3, SSLSetProtocolVersionMin.
import type { Node } from 'web-tree-sitter';
import {
  LEGACY_SSL_PROTOCOL_CASES, LEGACY_SSL_PROTOCOL_CONSTANTS, LEGACY_TLS_DEPRECATION, LEGACY_TLS_VERSION_CASES,
  LEGACY_TLS_VERSION_CONSTANTS, VERSION_PROPERTIES, VERSION_SETTER_FUNCTIONS, cCalleeName, swiftCalleeName,
} from './apis/tls';
import { defineRule, type RuleVisitors, type Suggestion } from './rule';
import { cCall, objcMessage } from './syntax/c-family';
import { swiftCall, swiftImplicitMember, swiftMember } from './syntax/swift';

type Bound = 'min' | 'max' | 'exact' | 'enabled';

/** Secure Transport setters: the whole API is deprecated, so the message says to leave it. */
const SECURE_TRANSPORT = new Set(['SSLSetProtocolVersionMin', 'SSLSetProtocolVersionMax', 'SSLSetProtocolVersion', 'SSLSetProtocolVersionEnabled']);

const ENUM_TYPES = new Set(['tls_protocol_version_t', 'SSLProtocol']);

interface Legacy {
  /** The node to flag (the constant, or the member name of `.TLSv10`). */
  node: Node;
  /** Where the replacement text goes and what it is, for tls_protocol_version_t values. */
  replace?: { node: Node; text: string };
}

/** The branches of `c ? a : b` (nested), or the value itself. */
function swiftBranches(value: Node): Node[] {
  if (value.type !== 'ternary_expression') return [value];
  const parts = [value.childForFieldName('if_true'), value.childForFieldName('if_false')].filter((n): n is Node => n !== null);
  return parts.length === 2 ? parts.flatMap(swiftBranches) : [];
}

function swiftLegacy(value: Node): Legacy | undefined {
  const implicit = swiftImplicitMember(value);
  if (implicit) {
    const target = value.childForFieldName('target')!;
    if (LEGACY_TLS_VERSION_CASES.has(implicit)) return { node: value, replace: { node: target, text: LEGACY_TLS_VERSION_CASES.get(implicit)! } };
    return LEGACY_SSL_PROTOCOL_CASES.has(implicit) ? { node: value } : undefined;
  }
  const member = swiftMember(value);
  if (member && ENUM_TYPES.has(member.target?.text ?? '')) {
    if (member.target?.text === 'tls_protocol_version_t' && LEGACY_TLS_VERSION_CASES.has(member.name)) {
      return { node: value, replace: { node: member.nameNode, text: LEGACY_TLS_VERSION_CASES.get(member.name)! } };
    }
    return member.target?.text === 'SSLProtocol' && LEGACY_SSL_PROTOCOL_CASES.has(member.name) ? { node: value } : undefined;
  }
  if (value.type === 'simple_identifier') return cLegacy(value);
  return undefined;
}

/** C constants: `tls_protocol_version_TLSv10`, `kTLSProtocol1`, `kSSLProtocol3`. */
function cLegacy(value: Node): Legacy | undefined {
  const replacement = LEGACY_TLS_VERSION_CONSTANTS.get(value.text);
  if (replacement) return { node: value, replace: { node: value, text: replacement } };
  return LEGACY_SSL_PROTOCOL_CONSTANTS.has(value.text) ? { node: value } : undefined;
}

function cBranches(value: Node): Node[] {
  if (value.type === 'parenthesized_expression' && value.namedChildren.length === 1) return cBranches(value.namedChildren[0]!);
  if (value.type !== 'conditional_expression') return [value];
  const parts = [value.childForFieldName('consequence'), value.childForFieldName('alternative')].filter((n): n is Node => n !== null);
  return parts.flatMap(cBranches);
}

const C_TRUE = new Set(['true', 'YES', 'TRUE', '1']);

export default defineRule({
  id: 'tls-legacy-protocol-version',
  title: 'TLS version bound below TLS 1.2 (TLS 1.0/1.1 or SSL)',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'tls-legacy-protocol-version',
  sources: [
    'Apple Developer Forums: TLS for App Developers (DTS): SSL is no longer considered secure; the TLS standards list (RFC 2246 TLS 1.0, RFC 4346 TLS 1.1, RFC 5246 TLS 1.2, RFC 8446 TLS 1.3)',
    'https://developer.apple.com/documentation/security/tls_protocol_version_t',
    'https://developer.apple.com/documentation/security/sec_protocol_options_set_min_tls_protocol_version(_:_:)',
    'https://developer.apple.com/documentation/security/sslprotocol/tlsprotocol1',
    'https://developer.apple.com/documentation/security/sslsetprotocolversionmin(_:_:)',
    'https://developer.apple.com/documentation/foundation/urlsessionconfiguration/tlsminimumsupportedprotocol',
    'https://developer.apple.com/documentation/bundleresources/information-property-list/nsexceptionminimumtlsversion',
    'RFC 8996: Deprecating TLS 1.0 and TLS 1.1',
  ],
  deprecated: LEGACY_TLS_DEPRECATION,
  messages: {
    min: 'This minimum lets the connection fall back to TLS 1.0/1.1 or SSL, which are deprecated (Apple SDKs, RFC 8996) and insecure: set the minimum to TLS 1.2 (TLSv12) or later, or leave the system default.',
    max: 'This maximum holds the connection at TLS 1.1 or older, which is deprecated (Apple SDKs, RFC 8996) and insecure: raise it to TLS 1.3 (TLSv13), or leave the system default.',
    secureTransport: 'This enables SSL or TLS older than 1.2 through Secure Transport, which Apple deprecated in iOS 13 and macOS 10.15: move to Network framework or URLSession and keep the minimum at TLS 1.2 or later.',
  },
  triggers: [...VERSION_SETTER_FUNCTIONS.keys(), ...VERSION_PROPERTIES.keys(), 'setTLSMinimumSupportedProtocol*', 'setTLSMaximumSupportedProtocol*'],
  knownLimitations: [
    'Only values written at the call or assignment are checked (including both branches of `c ? a : b`); a version passed through a variable, a parameter or a raw number (`tls_protocol_version_t(rawValue: 0x0301)`) is not traced.',
    'The App Transport Security key NSExceptionMinimumTLSVersion lives in Info.plist and is checked by the plist rules, not here.',
    'A raised minimum can break a server that only speaks TLS 1.0/1.1; the suggested rewrite (TLSv10/TLSv11 to TLSv12) is offered only for tls_protocol_version_t minimums, and the server must be upgraded if it fails.',
  ],
  create(context): RuleVisitors {
    const report = (legacy: Legacy, bound: Bound, secureTransport: boolean) => {
      const messageId = secureTransport ? 'secureTransport' : bound === 'max' ? 'max' : 'min';
      let suggestions: Suggestion[] | undefined;
      if (legacy.replace && bound === 'min' && !secureTransport) {
        const { node, text } = legacy.replace;
        suggestions = [{ title: `Raise the minimum to ${text.replace('tls_protocol_version_', '')}`, edits: [{ startIndex: node.startIndex, endIndex: node.endIndex, text }] }];
      }
      context.report({ node: legacy.node, messageId, suggestions });
    };
    if (context.language === 'swift') {
      const check = (value: Node | undefined, bound: Bound, secureTransport: boolean) => {
        if (!value) return;
        for (const branch of swiftBranches(value)) {
          const legacy = swiftLegacy(branch);
          if (legacy) report(legacy, bound, secureTransport);
        }
      };
      return {
        call_expression(node) {
          if (!VERSION_SETTER_FUNCTIONS.has(swiftCalleeName(node) ?? '')) return;
          const call = swiftCall(node);
          const bound = call && !call.receiver ? VERSION_SETTER_FUNCTIONS.get(call.name) : undefined;
          if (!call || !bound || call.arguments.length < 2) return;
          if (bound === 'enabled' && call.arguments[2]?.value?.text !== 'true') return;
          check(call.arguments[1].value, bound, SECURE_TRANSPORT.has(call.name));
        },
        assignment(node) {
          const target = node.childForFieldName('target')?.namedChildren[0];
          const member = target ? swiftMember(target) : undefined;
          const bound = member ? VERSION_PROPERTIES.get(member.name) : undefined;
          if (bound && node.childForFieldName('operator')?.text === '=') check(node.childForFieldName('result') ?? undefined, bound, false);
        },
      };
    }
    const check = (value: Node | undefined, bound: Bound, secureTransport: boolean) => {
      if (!value) return;
      for (const branch of cBranches(value)) {
        const legacy = branch.type === 'identifier' ? cLegacy(branch) : undefined;
        if (legacy) report(legacy, bound, secureTransport);
      }
    };
    return {
      call_expression(node) {
        if (!VERSION_SETTER_FUNCTIONS.has(cCalleeName(node) ?? '')) return;
        const call = cCall(node);
        const bound = call ? VERSION_SETTER_FUNCTIONS.get(call.name) : undefined;
        if (!call || !bound || call.arguments.length < 2) return;
        if (bound === 'enabled' && !C_TRUE.has(call.arguments[2]?.text ?? '')) return;
        check(call.arguments[1], bound, SECURE_TRANSPORT.has(call.name));
      },
      assignment_expression(node) {
        const left = node.childForFieldName('left');
        const field = left?.type === 'field_expression' ? left.childForFieldName('field')?.text : undefined;
        const bound = field ? VERSION_PROPERTIES.get(field) : undefined;
        if (bound && node.childForFieldName('operator')?.text === '=') check(node.childForFieldName('right') ?? undefined, bound, false);
      },
      message_expression(node) {
        const message = objcMessage(node);
        if (!message || message.keywords.length !== 1 || !message.selector.startsWith('set')) return;
        const property = message.keywords[0].name.slice(3);
        const bound = VERSION_PROPERTIES.get(property);
        if (bound) check(message.keywords[0].argument, bound, false);
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'let tls = NWProtocolTLS.Options()\nsec_protocol_options_set_min_tls_protocol_version(tls.securityProtocolOptions, ⟦.TLSv10⟧)',
          output: 'let tls = NWProtocolTLS.Options()\nsec_protocol_options_set_min_tls_protocol_version(tls.securityProtocolOptions, .TLSv12)',
        },
        {
          code: 'sec_protocol_options_set_min_tls_protocol_version(options, ⟦tls_protocol_version_t.TLSv11⟧)',
          output: 'sec_protocol_options_set_min_tls_protocol_version(options, tls_protocol_version_t.TLSv12)',
        },
        {
          code: 'let config = URLSessionConfiguration.default\nconfig.tlsMinimumSupportedProtocolVersion = ⟦.TLSv10⟧',
          output: 'let config = URLSessionConfiguration.default\nconfig.tlsMinimumSupportedProtocolVersion = .TLSv12',
        },
        { code: 'configuration.tlsMinimumSupportedProtocol = ⟦.tlsProtocol1⟧', note: 'the deprecated SSLProtocol property' },
        { code: 'sec_protocol_options_set_max_tls_protocol_version(options, ⟦.TLSv11⟧)', messages: ['max'] },
        { code: 'sec_protocol_options_set_min_tls_protocol_version(options, legacyServer ? ⟦.TLSv10⟧ : .TLSv12)', output: 'sec_protocol_options_set_min_tls_protocol_version(options, legacyServer ? .TLSv12 : .TLSv12)', note: 'one branch of a ternary' },
        { code: 'let status = SSLSetProtocolVersionMin(context, ⟦.sslProtocol3⟧)', messages: ['secureTransport'] },
      ],
      valid: [
        { code: 'sec_protocol_options_set_min_tls_protocol_version(options, .TLSv12)', note: 'TLS 1.2 minimum' },
        'config.tlsMinimumSupportedProtocolVersion = .TLSv13\nconfig.tlsMaximumSupportedProtocolVersion = .TLSv13',
        { code: 'switch sec_protocol_metadata_get_negotiated_tls_protocol_version(metadata) {\ncase .TLSv10, .TLSv11: log("legacy peer")\ndefault: break\n}', note: 'reading the negotiated version' },
        { code: 'enum Level { case TLSv10, TLSv12 }\nfunc pick(_ l: Level) {}\npick(.TLSv10)', note: 'same case name, another enum' },
        { code: '// sec_protocol_options_set_min_tls_protocol_version(options, .TLSv10)\nlet label = "TLSv10"', note: 'comment and string' },
        { code: 'sec_protocol_options_set_max_tls_protocol_version(options, .TLSv13)', note: 'a modern maximum' },
      ],
    },
    objc: {
      invalid: [
        {
          code: 'sec_protocol_options_t sec = nw_tls_copy_sec_protocol_options(tls);\nsec_protocol_options_set_min_tls_protocol_version(sec, ⟦tls_protocol_version_TLSv10⟧);',
          output: 'sec_protocol_options_t sec = nw_tls_copy_sec_protocol_options(tls);\nsec_protocol_options_set_min_tls_protocol_version(sec, tls_protocol_version_TLSv12);',
        },
        'NSURLSessionConfiguration *config = [NSURLSessionConfiguration defaultSessionConfiguration];\nconfig.TLSMinimumSupportedProtocol = ⟦kTLSProtocol1⟧;',
        {
          code: '[config setTLSMinimumSupportedProtocolVersion:⟦tls_protocol_version_TLSv11⟧];',
          output: '[config setTLSMinimumSupportedProtocolVersion:tls_protocol_version_TLSv12];',
        },
        { code: 'SSLSetProtocolVersionMin(ctx, ⟦kSSLProtocol3⟧);', messages: ['secureTransport'] },
        { code: 'config.TLSMaximumSupportedProtocolVersion = ⟦tls_protocol_version_TLSv11⟧;', messages: ['max'] },
      ],
      valid: [
        'config.TLSMinimumSupportedProtocolVersion = tls_protocol_version_TLSv12;',
        'sec_protocol_options_set_min_tls_protocol_version(sec, tls_protocol_version_TLSv13);',
        { code: 'if (sec_protocol_metadata_get_negotiated_tls_protocol_version(metadata) == tls_protocol_version_TLSv10) {\n  NSLog(@"legacy peer");\n}', note: 'a comparison reads the version' },
        { code: 'SSLSetProtocolVersionEnabled(ctx, kSSLProtocol3, false);', note: 'disabling SSL 3' },
        '// config.TLSMinimumSupportedProtocol = kTLSProtocol1;\nNSString *s = @"kTLSProtocol1";',
      ],
    },
    c: {
      invalid: [
        {
          code: 'void configure(sec_protocol_options_t sec) {\n  sec_protocol_options_set_min_tls_protocol_version(sec, ⟦tls_protocol_version_TLSv11⟧);\n}',
          output: 'void configure(sec_protocol_options_t sec) {\n  sec_protocol_options_set_min_tls_protocol_version(sec, tls_protocol_version_TLSv12);\n}',
        },
        { code: 'OSStatus setup(SSLContextRef ctx) {\n  return SSLSetProtocolVersionMin(ctx, ⟦kTLSProtocol1⟧);\n}', messages: ['secureTransport'] },
        { code: 'void enable_ssl3(SSLContextRef ctx) {\n  SSLSetProtocolVersionEnabled(ctx, ⟦kSSLProtocol3⟧, true);\n}', messages: ['secureTransport'] },
        { code: 'void legacy(sec_protocol_options_t sec) {\n  sec_protocol_options_set_tls_min_version(sec, ⟦kTLSProtocol11⟧);\n}' },
      ],
      valid: [
        'void configure(sec_protocol_options_t sec) {\n  sec_protocol_options_set_min_tls_protocol_version(sec, tls_protocol_version_TLSv12);\n}',
        'int is_legacy(tls_protocol_version_t v) {\n  return v == tls_protocol_version_TLSv10 || v == tls_protocol_version_TLSv11;\n}',
        'void disable(SSLContextRef ctx) {\n  SSLSetProtocolVersionEnabled(ctx, kTLSProtocol1, false);\n}',
        '/* sec_protocol_options_set_min_tls_protocol_version(sec, tls_protocol_version_TLSv10); */\nconst char *v = "tls_protocol_version_TLSv10";',
      ],
    },
  },
});
