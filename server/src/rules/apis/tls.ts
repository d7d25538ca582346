// TLS and trust names shared by the tls- rules: deprecations, protocol version constants, availability checks.
import type { Node } from 'web-tree-sitter';
import { ancestors } from '../syntax/tree';

/** SecTrustEvaluate and SecTrustEvaluateAsync: API_DEPRECATED in the iOS 13 / macOS 10.15 SDKs. */
export const SECTRUST_EVALUATE_DEPRECATION = {
  since: 'iOS 13, macOS 10.15, tvOS 13, watchOS 6 (SecTrustEvaluateWithError and SecTrustEvaluateAsyncWithError replace them)',
  source: 'https://developer.apple.com/documentation/security/sectrustevaluate(_:_:)',
};

/**
 * Every value tls-legacy-protocol-version flags is a deprecated constant: tls_protocol_version_t TLSv10, TLSv11
 * and DTLSv10 since iOS 15 / macOS 12, and the whole SSLProtocol enum (with Secure Transport) since iOS 13 /
 * macOS 10.15 (SecProtocolTypes.h).
 */
export const LEGACY_TLS_DEPRECATION = {
  since: 'tls_protocol_version_t TLSv10/TLSv11/DTLSv10: iOS 15, macOS 12; SSLProtocol constants and Secure Transport: iOS 13, macOS 10.15',
  source: 'https://developer.apple.com/documentation/security/tls_protocol_version_t',
};

/** tls_protocol_version_t cases below TLS 1.2 (Swift names) and their replacement. */
export const LEGACY_TLS_VERSION_CASES: ReadonlyMap<string, string> = new Map([
  ['TLSv10', 'TLSv12'], ['TLSv11', 'TLSv12'], ['DTLSv10', 'DTLSv12'],
]);

/** The same cases as C constants. */
export const LEGACY_TLS_VERSION_CONSTANTS: ReadonlyMap<string, string> = new Map([
  ['tls_protocol_version_TLSv10', 'tls_protocol_version_TLSv12'],
  ['tls_protocol_version_TLSv11', 'tls_protocol_version_TLSv12'],
  ['tls_protocol_version_DTLSv10', 'tls_protocol_version_DTLSv12'],
]);

/** SSLProtocol values that allow SSL 2/3 or TLS 1.0/1.1 (C names). */
export const LEGACY_SSL_PROTOCOL_CONSTANTS = new Set([
  'kSSLProtocol2', 'kSSLProtocol3', 'kSSLProtocol3Only', 'kTLSProtocol1', 'kTLSProtocol1Only', 'kTLSProtocol11',
  'kDTLSProtocol1', 'kSSLProtocolAll',
]);

/** The same SSLProtocol values as Swift enum cases. */
export const LEGACY_SSL_PROTOCOL_CASES = new Set([
  'sslProtocol2', 'sslProtocol3', 'sslProtocol3Only', 'tlsProtocol1', 'tlsProtocol1Only', 'tlsProtocol11',
  'dtlsProtocol1', 'sslProtocolAll',
]);

/** Functions that set a minimum or maximum protocol version: the version is argument 1. */
export const VERSION_SETTER_FUNCTIONS: ReadonlyMap<string, 'min' | 'max' | 'exact' | 'enabled'> = new Map([
  ['sec_protocol_options_set_min_tls_protocol_version', 'min'],
  ['sec_protocol_options_set_max_tls_protocol_version', 'max'],
  ['sec_protocol_options_set_tls_min_version', 'min'],
  ['sec_protocol_options_set_tls_max_version', 'max'],
  ['SSLSetProtocolVersionMin', 'min'],
  ['SSLSetProtocolVersionMax', 'max'],
  ['SSLSetProtocolVersion', 'exact'],
  ['SSLSetProtocolVersionEnabled', 'enabled'],
] as const);

/** URLSessionConfiguration properties (Swift spelling, ObjC spelling) that bound the protocol version. */
export const VERSION_PROPERTIES: ReadonlyMap<string, 'min' | 'max'> = new Map([
  ['tlsMinimumSupportedProtocol', 'min'], ['tlsMinimumSupportedProtocolVersion', 'min'],
  ['tlsMaximumSupportedProtocol', 'max'], ['tlsMaximumSupportedProtocolVersion', 'max'],
  ['TLSMinimumSupportedProtocol', 'min'], ['TLSMinimumSupportedProtocolVersion', 'min'],
  ['TLSMaximumSupportedProtocol', 'max'], ['TLSMaximumSupportedProtocolVersion', 'max'],
] as const);

/** True when `text` is an availability check (`#available`, `@available`, `__builtin_available`). */
const AVAILABILITY = /^\(?\s*(#available|@available|__builtin_available)\b/;
const UNAVAILABILITY = /^\(?\s*(#unavailable)\b/;

/**
 * True when `node` sits in the branch of an availability check that runs on older systems: the `else` of
 * `if #available(…)` / `if (@available(…))`, the body of `guard #available(…) else { … }`, or the body of
 * `if #unavailable(…)`. Deprecated calls there are the fallback for old OS versions, not a mistake.
 */
export function inOldSystemBranch(node: Node): boolean {
  let child = node;
  for (const ancestor of ancestors(node)) {
    if (ancestor.type === 'if_statement' || ancestor.type === 'guard_statement') {
      const condition = ancestor.childForFieldName('condition');
      const conditionText = condition?.text ?? '';
      const elseToken = ancestor.children.find((c) => c?.type === 'else');
      const inElse = ancestor.childForFieldName('alternative')?.id === child.id
        || (elseToken !== undefined && child.startIndex >= elseToken.endIndex);
      if (AVAILABILITY.test(conditionText) && (inElse || ancestor.type === 'guard_statement') && child.id !== condition?.id) return true;
      if (UNAVAILABILITY.test(conditionText) && !inElse && child.id !== condition?.id && child.type === 'statements') return true;
    }
    child = ancestor;
  }
  return false;
}

/**
 * The called name of a Swift `call_expression` (`f` in `f(…)`, `m` in `x.m(…)`), read without parsing the
 * arguments: a cheap filter before swiftCall on every call of a file.
 */
export function swiftCalleeName(call: Node): string | undefined {
  const callee = call.namedChild(0);
  if (!callee) return undefined;
  if (callee.type === 'simple_identifier') return callee.text;
  if (callee.type === 'navigation_expression') return callee.childForFieldName('suffix')?.childForFieldName('suffix')?.text;
  if (callee.type === 'prefix_expression') return callee.childForFieldName('target')?.text;
  return undefined;
}

/** The called function's name of a C `call_expression`, when it is a plain identifier. */
export function cCalleeName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'identifier' ? fn.text : undefined;
}
