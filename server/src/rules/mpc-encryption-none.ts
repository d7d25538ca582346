// mpc-encryption-none: an MCSession created without encryption (MCEncryptionPreference.none / MCEncryptionNone).
import { encryptionPreferenceVisitors } from './apis/multipeer-encryption';
import { MPC_DEPRECATION } from './apis/multipeer';
import { defineRule } from './rule';

export default defineRule({
  id: 'mpc-encryption-none',
  title: 'Unencrypted Multipeer session',
  scope: 'item',
  languages: ['swift', 'objc'],
  // Plaintext can be a deliberate choice (a demo, a trusted lab network), so this is advice, not a bug.
  defaultSeverity: 'info',
  confidence: 'medium',
  article: 'mpc-encryption-none',
  triggers: ['encryptionPreference', 'MCEncryptionPreference', 'MCEncryptionNone'],
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), sections Plan for security and Design for privacy',
    'https://developer.apple.com/documentation/multipeerconnectivity/mcencryptionpreference/none',
    'https://developer.apple.com/documentation/multipeerconnectivity/mcsession/init(peer:securityidentity:encryptionpreference:)',
    'https://developer.apple.com/documentation/security/sec_protocol_options_add_pre_shared_key(_:_:_:)',
  ],
  deprecated: MPC_DEPRECATION,
  messages: {
    none: 'This Multipeer session sends everything in plaintext and there is no privacy without security: use .required with a security identity, or, to avoid certificates, move to Network framework with TLS-PSK (sec_protocol_options_add_pre_shared_key plus a PSK cipher suite).',
    noneObjc: 'This Multipeer session sends everything in plaintext and there is no privacy without security: use MCEncryptionRequired with a security identity, or, to avoid certificates, move to Network framework with TLS-PSK (sec_protocol_options_add_pre_shared_key plus a PSK cipher suite).',
  },
  knownLimitations: [
    'A Swift `.none` is only recognised where its type is visible: the `encryptionPreference:` argument of a call that also passes `securityIdentity:`, or a declaration written with the non-optional type `MCEncryptionPreference`; a value passed through an untyped variable, a return value or a wrapper function without `securityIdentity:` is missed.',
    'Comparisons and `case` patterns (`session.encryptionPreference == .none`) are deliberately silent: they read the preference rather than choose it.',
    'Sessions that are unencrypted on purpose (tests, demos) are still reported; suppress the finding there.',
  ],
  create: (context) => encryptionPreferenceVisitors(context, {
    swiftCase: 'none',
    objcConstant: 'MCEncryptionNone',
    messages: { swift: 'none', objc: 'noneObjc' },
  }),
  examples: {
    swift: {
      invalid: [
        'let peer = MCPeerID(displayName: UIDevice.current.name)\nlet session = MCSession(peer: peer, securityIdentity: nil, encryptionPreference: ⟦.none⟧)',
        'final class Lobby {\n  let session: MCSession\n  init(peer: MCPeerID) {\n    session = MCSession(peer: peer, securityIdentity: nil, encryptionPreference: ⟦MCEncryptionPreference.none⟧)\n  }\n}',
        { code: 'final class GameSession: MCSession {\n  init(player: MCPeerID, identity: [Any]?) {\n    super.init(peer: player, securityIdentity: identity, encryptionPreference: identity == nil ? ⟦.none⟧ : .required)\n  }\n}', note: 'subclass, ternary' },
        { code: 'struct SessionConfig {\n  var encryption: MCEncryptionPreference = ⟦.none⟧\n}', note: 'the type annotation says which enum' },
        { code: 'init(peer: MCPeerID, preference: MultipeerConnectivity.MCEncryptionPreference = ⟦.none⟧) {\n  self.session = MCSession(peer: peer, securityIdentity: nil, encryptionPreference: preference)\n}', note: 'parameter default' },
      ],
      valid: [
        { code: 'let session = MCSession(peer: peer, securityIdentity: [identity], encryptionPreference: .required)', note: 'the safe variant' },
        { code: 'let session = MCSession(peer: MCPeerID(displayName: "Pad"))', note: 'defaults to .required since iOS 9' },
        { code: 'let retries: Int? = .none\nvar lastPreference: MCEncryptionPreference? = .none\nlet parameters = NWParameters(tls: .none)', note: 'Optional.none, even of an MCEncryptionPreference?' },
        { code: 'enum Compression { case none, lz4 }\nfunc configure(compression: Compression) {}\nconfigure(compression: .none)', note: 'another enum with a none case' },
        { code: '// encryptionPreference: .none sends plaintext\nlet hint = "MCEncryptionPreference.none"', note: 'comment and string' },
        { code: 'switch session.encryptionPreference {\ncase MCEncryptionPreference.none: showPlaintextBadge()\ndefault: break\n}', note: 'reading, not choosing' },
      ],
    },
    objc: {
      invalid: [
        { code: 'MCSession *session = [[MCSession alloc] initWithPeer:peer securityIdentity:nil encryptionPreference:⟦MCEncryptionNone⟧];', messages: ['noneObjc'] },
        { code: '@implementation Lobby\n- (instancetype)initWithPeer:(MCPeerID *)peer {\n  if ((self = [super init])) {\n    _session = [[MCSession alloc] initWithPeer:peer securityIdentity:self.identity\n                              encryptionPreference:self.identity ? MCEncryptionRequired : ⟦MCEncryptionNone⟧];\n  }\n  return self;\n}\n@end', messages: ['noneObjc'] },
        { code: 'static const MCEncryptionPreference kLobbyEncryption = ⟦MCEncryptionNone⟧;', messages: ['noneObjc'] },
      ],
      valid: [
        'MCSession *session = [[MCSession alloc] initWithPeer:peer securityIdentity:@[identity] encryptionPreference:MCEncryptionRequired];',
        { code: 'MCSession *session = [[MCSession alloc] initWithPeer:peer];', note: 'defaults to required' },
        { code: '// MCEncryptionNone is not allowed here\nNSLog(@"MCEncryptionNone");\nBOOL encryptionNone = NO;', note: 'comment, string, similar name' },
        { code: 'switch (session.encryptionPreference) {\n  case MCEncryptionNone: [self showPlaintextBadge]; break;\n  default: break;\n}', note: 'reading, not choosing' },
      ],
    },
  },
});
