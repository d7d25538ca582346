// tls-append-ciphersuite-no-effect: sec_protocol_options_append_tls_ciphersuite with a built-in suite on a connection that can negotiate TLS 1.3.
import type { Node } from 'web-tree-sitter';
import { cCalleeName, swiftCalleeName } from './apis/tls';
import { defineRule, type RuleVisitors } from './rule';
import { C_FUNCTION_TYPES, cCall } from './syntax/c-family';
import { SWIFT_FUNCTION_TYPES, swiftCall, swiftImplicitMember, swiftMember } from './syntax/swift';
import { closestAncestor, descendants } from './syntax/tree';

const APPEND = 'sec_protocol_options_append_tls_ciphersuite';
const SET_MAX = 'sec_protocol_options_set_max_tls_protocol_version';

/**
 * TLS 1.2 cases of tls_ciphersuite_t (Swift names; C adds the `tls_ciphersuite_` prefix). PSK suites have no case;
 * the TLS 1.3 suites (AES_128_GCM_SHA256, AES_256_GCM_SHA384, CHACHA20_POLY1305_SHA256) are left alone.
 */
const SUITES = new Set([
  'RSA_WITH_3DES_EDE_CBC_SHA', 'RSA_WITH_AES_128_CBC_SHA', 'RSA_WITH_AES_256_CBC_SHA', 'RSA_WITH_AES_128_GCM_SHA256',
  'RSA_WITH_AES_256_GCM_SHA384', 'RSA_WITH_AES_128_CBC_SHA256', 'RSA_WITH_AES_256_CBC_SHA256',
  'ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA', 'ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 'ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  'ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', 'ECDHE_RSA_WITH_AES_128_CBC_SHA', 'ECDHE_RSA_WITH_AES_256_CBC_SHA',
  'ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', 'ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', 'ECDHE_RSA_WITH_AES_128_CBC_SHA256',
  'ECDHE_RSA_WITH_AES_256_CBC_SHA384', 'ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
]);

/** Maximums that keep the connection off TLS 1.3: the appended TLS 1.2 suite can then matter. */
const BELOW_13 = /(^|[._])(TLSv12|TLSv11|TLSv10|DTLSv12|DTLSv10)$/;

function swiftSuite(value: Node | undefined): boolean {
  if (!value) return false;
  const implicit = swiftImplicitMember(value);
  if (implicit) return SUITES.has(implicit);
  const member = swiftMember(value);
  if (member) return member.target?.text === 'tls_ciphersuite_t' && SUITES.has(member.name);
  return value.type === 'simple_identifier' && SUITES.has(value.text.replace(/^tls_ciphersuite_/, '')) && value.text.startsWith('tls_ciphersuite_');
}

const cSuite = (value: Node | undefined) =>
  value?.type === 'identifier' && value.text.startsWith('tls_ciphersuite_') && SUITES.has(value.text.slice('tls_ciphersuite_'.length));

export default defineRule({
  id: 'tls-append-ciphersuite-no-effect',
  title: 'sec_protocol_options_append_tls_ciphersuite is unlikely to change a TLS 1.3-capable handshake',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'off',
  confidence: 'low',
  article: 'tls-append-ciphersuite-no-effect',
  sources: [
    'Apple Developer Forums: How to add more cipher suites (user report: after appending ECDHE CBC suites the ClientHello still listed the same 20 default suites; no answer captured)',
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS): append_tls_ciphersuite used only for the PSK suite TLS_PSK_WITH_AES_128_GCM_SHA256',
    'https://developer.apple.com/documentation/security/sec_protocol_options_append_tls_ciphersuite(_:_:)',
    'https://developer.apple.com/documentation/security/tls_ciphersuite_t',
    'RFC 8446 section 1.2 and B.4: TLS 1.3 defines its own cipher suites and does not use TLS 1.2 ones',
  ],
  messages: {
    append: 'Appending a TLS 1.2 cipher suite is unlikely to change this handshake: a TLS 1.3 handshake never uses it, and a developer reports the ClientHello kept its default list after such appends; leave the defaults and update the server, or verify the effect in a packet trace.',
  },
  triggers: [APPEND],
  knownLimitations: [
    'The cause of the reported no-op was never explained in the thread the rule comes from; the rule is off by default and says so. It is silent when the same function caps the maximum version below TLS 1.3, where a TLS 1.2 suite can matter.',
    'PSK suites (tls_ciphersuite_t(rawValue: TLS_PSK_…)), the TLS 1.3 suites, suite groups and suites passed through variables are not flagged.',
  ],
  create(context): RuleVisitors {
    /** The enclosing function also caps the maximum below TLS 1.3. */
    const cappedBelow13 = (call: Node, functionTypes: ReadonlySet<string>, swift: boolean) => {
      const fn = closestAncestor(call, (n) => functionTypes.has(n.type));
      const scope = fn ?? call.tree.rootNode;
      for (const node of descendants(scope)) {
        if (node.type !== 'call_expression') continue;
        if (swift) {
          const c = swiftCall(node);
          if (c?.name === SET_MAX && BELOW_13.test(c.arguments[1]?.value?.text ?? '')) return true;
        } else {
          const c = cCall(node);
          if (c?.name === SET_MAX && BELOW_13.test(c.arguments[1]?.text ?? '')) return true;
        }
      }
      return false;
    };
    if (context.language === 'swift') {
      return {
        call_expression(node) {
          if (swiftCalleeName(node) !== APPEND) return;
          const call = swiftCall(node);
          if (call?.name !== APPEND || call.receiver || call.arguments.length !== 2) return;
          const suite = call.arguments[1].value;
          if (suite && swiftSuite(suite) && !cappedBelow13(node, SWIFT_FUNCTION_TYPES, true)) context.report({ node: suite });
        },
      };
    }
    return {
      call_expression(node) {
        if (cCalleeName(node) !== APPEND) return;
        const call = cCall(node);
        if (call?.name !== APPEND || call.arguments.length !== 2) return;
        const suite = call.arguments[1];
        if (cSuite(suite) && !cappedBelow13(node, C_FUNCTION_TYPES, false)) context.report({ node: suite });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        'let tls = NWProtocolTLS.Options()\nsec_protocol_options_append_tls_ciphersuite(tls.securityProtocolOptions, ⟦tls_ciphersuite_t.ECDHE_ECDSA_WITH_AES_128_CBC_SHA256⟧)',
        'func legacyOptions() -> NWProtocolTLS.Options {\n  let tls = NWProtocolTLS.Options()\n  sec_protocol_options_append_tls_ciphersuite(tls.securityProtocolOptions, ⟦.ECDHE_RSA_WITH_AES_256_CBC_SHA384⟧)\n  return tls\n}',
        'sec_protocol_options_append_tls_ciphersuite(sec, ⟦.ECDHE_ECDSA_WITH_AES_256_GCM_SHA384⟧)',
      ],
      valid: [
        { code: 'sec_protocol_options_append_tls_ciphersuite(sec, tls_ciphersuite_t(rawValue: TLS_PSK_WITH_AES_128_GCM_SHA256)!)', note: 'the PSK suite' },
        { code: 'func options() {\n  sec_protocol_options_set_max_tls_protocol_version(sec, .TLSv12)\n  sec_protocol_options_append_tls_ciphersuite(sec, .ECDHE_RSA_WITH_AES_256_CBC_SHA384)\n}', note: 'capped at TLS 1.2' },
        { code: 'sec_protocol_options_append_tls_ciphersuite_group(sec, .ats)', note: 'a suite group' },
        { code: 'sec_protocol_options_append_tls_ciphersuite(sec, .AES_128_GCM_SHA256)\nsec_protocol_options_set_min_tls_protocol_version(sec, .TLSv13)', note: 'a TLS 1.3 suite' },
        '// sec_protocol_options_append_tls_ciphersuite(sec, .ECDHE_RSA_WITH_AES_256_CBC_SHA384)\nlet s = "ECDHE_RSA_WITH_AES_256_CBC_SHA384"',
      ],
    },
    objc: {
      invalid: [
        'sec_protocol_options_t sec = nw_tls_copy_sec_protocol_options(tls);\nsec_protocol_options_append_tls_ciphersuite(sec, ⟦tls_ciphersuite_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384⟧);',
        '- (void)configure:(sec_protocol_options_t)sec {\n  sec_protocol_options_append_tls_ciphersuite(sec, ⟦tls_ciphersuite_ECDHE_RSA_WITH_AES_256_CBC_SHA384⟧);\n}',
        'sec_protocol_options_append_tls_ciphersuite(sec, ⟦tls_ciphersuite_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256⟧);',
      ],
      valid: [
        'sec_protocol_options_append_tls_ciphersuite(sec, (tls_ciphersuite_t)TLS_PSK_WITH_AES_128_GCM_SHA256);',
        '- (void)configure:(sec_protocol_options_t)sec {\n  sec_protocol_options_set_max_tls_protocol_version(sec, tls_protocol_version_TLSv12);\n  sec_protocol_options_append_tls_ciphersuite(sec, tls_ciphersuite_ECDHE_RSA_WITH_AES_256_CBC_SHA384);\n}',
        'sec_protocol_options_append_tls_ciphersuite(sec, chosenSuite);',
      ],
    },
    c: {
      invalid: [
        'void configure(sec_protocol_options_t sec) {\n  sec_protocol_options_append_tls_ciphersuite(sec, ⟦tls_ciphersuite_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256⟧);\n}',
        'void configure(sec_protocol_options_t sec) {\n  sec_protocol_options_append_tls_ciphersuite(sec, ⟦tls_ciphersuite_RSA_WITH_AES_256_CBC_SHA256⟧);\n  sec_protocol_options_append_tls_ciphersuite(sec, ⟦tls_ciphersuite_ECDHE_RSA_WITH_AES_128_CBC_SHA256⟧);\n}',
        'void configure(sec_protocol_options_t sec) {\n  sec_protocol_options_set_max_tls_protocol_version(sec, tls_protocol_version_TLSv13);\n  sec_protocol_options_append_tls_ciphersuite(sec, ⟦tls_ciphersuite_RSA_WITH_AES_128_GCM_SHA256⟧);\n}',
      ],
      valid: [
        'void configure(sec_protocol_options_t sec) {\n  sec_protocol_options_append_tls_ciphersuite(sec, (tls_ciphersuite_t)TLS_PSK_WITH_AES_128_GCM_SHA256);\n}',
        'void configure(sec_protocol_options_t sec) {\n  sec_protocol_options_set_max_tls_protocol_version(sec, tls_protocol_version_TLSv12);\n  sec_protocol_options_append_tls_ciphersuite(sec, tls_ciphersuite_ECDHE_RSA_WITH_AES_256_CBC_SHA384);\n}',
        'void configure(sec_protocol_options_t sec) {\n  sec_protocol_options_append_tls_ciphersuite_group(sec, tls_ciphersuite_group_default);\n}',
        '/* sec_protocol_options_append_tls_ciphersuite(sec, tls_ciphersuite_AES_128_GCM_SHA256); */',
      ],
    },
  },
});
