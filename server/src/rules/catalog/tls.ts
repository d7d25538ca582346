// TLS and trust rules (tls-, websocket-).
import type { RuleDefinition } from '../rule';
import tlsAppendCiphersuiteNoEffect from '../tls-append-ciphersuite-no-effect';
import tlsLegacyProtocolVersion from '../tls-legacy-protocol-version';
import tlsPskKeySameAsIdentity from '../tls-psk-key-same-as-identity';
import tlsSectrustEvaluateDeprecated from '../tls-sectrust-evaluate-deprecated';
import tlsVerifyAcceptsAnyTrust from '../tls-verify-accepts-any-trust';
import websocketClosecodeAsOpenCheck from '../websocket-closecode-as-open-check';

export const tlsRules: RuleDefinition[] = [
  tlsVerifyAcceptsAnyTrust, tlsPskKeySameAsIdentity, tlsLegacyProtocolVersion, tlsSectrustEvaluateDeprecated,
  tlsAppendCiphersuiteNoEffect, websocketClosecodeAsOpenCheck,
];
