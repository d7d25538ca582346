// mpc-encryption-optional: an MCSession created with optional encryption (MCEncryptionPreference.optional / MCEncryptionOptional).
import { encryptionPreferenceVisitors } from './apis/multipeer-encryption';
import { MPC_DEPRECATION } from './apis/multipeer';
import { defineRule } from './rule';

export default defineRule({
  id: 'mpc-encryption-optional',
  title: 'Multipeer session with optional encryption',
  scope: 'item',
  languages: ['swift', 'objc'],
  // Apple's own docs say to assume such a session is unencrypted, so the setting never buys anything.
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'mpc-encryption-optional',
  triggers: ['encryptionPreference', 'MCEncryptionPreference', 'MCEncryptionOptional'],
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), section Plan for security',
    'https://developer.apple.com/documentation/multipeerconnectivity/mcencryptionpreference/optional',
    'https://developer.apple.com/documentation/multipeerconnectivity/mcsession/init(peer:securityidentity:encryptionpreference:)',
    'https://developer.apple.com/documentation/network/nwprotocoltls',
  ],
  deprecated: MPC_DEPRECATION,
  messages: {
    optional: 'Optional encryption is largely pointless because one peer choosing .none leaves the whole session unencrypted: use .required with a security identity, or move to Network framework with TLS (TLS-PSK via sec_protocol_options_add_pre_shared_key avoids certificates).',
    optionalObjc: 'Optional encryption is largely pointless because one peer choosing MCEncryptionNone leaves the whole session unencrypted: use MCEncryptionRequired with a security identity, or move to Network framework with TLS (TLS-PSK via sec_protocol_options_add_pre_shared_key avoids certificates).',
  },
  knownLimitations: [
    'A Swift `.optional` is only recognised where its type is visible: the `encryptionPreference:` argument of a call that also passes `securityIdentity:`, or a declaration written with the type `MCEncryptionPreference`; a value passed through an untyped variable, a return value or a wrapper function without `securityIdentity:` is missed.',
    'Comparisons and `case` patterns (`session.encryptionPreference == .optional`) are deliberately silent: they read the preference rather than choose it.',
  ],
  create: (context) => encryptionPreferenceVisitors(context, {
    swiftCase: 'optional',
    objcConstant: 'MCEncryptionOptional',
    messages: { swift: 'optional', objc: 'optionalObjc' },
  }),
  examples: {
    swift: {
      invalid: [
        'let peer = MCPeerID(displayName: UIDevice.current.name)\nlet session = MCSession(peer: peer, securityIdentity: nil, encryptionPreference: ⟦.optional⟧)',
        'final class Lobby {\n  let session: MCSession\n  init(peer: MCPeerID) {\n    session = MCSession(peer: peer, securityIdentity: nil, encryptionPreference: ⟦MCEncryptionPreference.optional⟧)\n  }\n}',
        { code: 'final class GameSession: MCSession {\n  init(player: MCPeerID, identity: [Any]?) {\n    super.init(peer: player, securityIdentity: identity, encryptionPreference: identity == nil ? .none : ⟦.optional⟧)\n  }\n}', note: 'subclass, ternary' },
        { code: 'struct SessionConfig {\n  var encryption: MCEncryptionPreference = ⟦.optional⟧\n}', note: 'the type annotation says which enum' },
        { code: 'func makeSession(peer: MCPeerID, preference: MCEncryptionPreference = ⟦.optional⟧) -> MCSession {\n  MCSession(peer: peer, securityIdentity: nil, encryptionPreference: preference)\n}', note: 'parameter default' },
        'let fallback = ⟦MultipeerConnectivity.MCEncryptionPreference.optional⟧',
      ],
      valid: [
        { code: 'let session = MCSession(peer: peer, securityIdentity: [identity], encryptionPreference: .required)', note: 'the safe variant' },
        { code: 'let session = MCSession(peer: MCPeerID(displayName: "Pad"))', note: 'defaults to .required since iOS 9' },
        { code: 'enum FieldMode { case optional, mandatory }\nfunc validate(mode: FieldMode) {}\nvalidate(mode: .optional)\nlet rule: FieldMode = .optional', note: 'another enum with an optional case' },
        { code: '// encryptionPreference: .optional is pointless, see the DTS post\nlet note = "MCEncryptionPreference.optional"', note: 'comment and string' },
        { code: 'if session.encryptionPreference == MCEncryptionPreference.optional {\n  log("peer allows plaintext")\n}', note: 'reading, not choosing' },
        { code: 'let pref = settings.allowPlaintext ? weak : strong\nlet session = MCSession(peer: peer, securityIdentity: nil, encryptionPreference: pref)', note: 'untyped variable: cannot know' },
      ],
    },
    objc: {
      invalid: [
        { code: 'MCSession *session = [[MCSession alloc] initWithPeer:peer securityIdentity:nil encryptionPreference:⟦MCEncryptionOptional⟧];', messages: ['optionalObjc'] },
        { code: '@implementation Lobby\n- (instancetype)initWithPeer:(MCPeerID *)peer {\n  if ((self = [super init])) {\n    _session = [[MCSession alloc] initWithPeer:peer securityIdentity:self.identity\n                              encryptionPreference:self.identity ? MCEncryptionRequired : ⟦MCEncryptionOptional⟧];\n  }\n  return self;\n}\n@end', messages: ['optionalObjc'] },
        { code: 'static const MCEncryptionPreference kLobbyEncryption = ⟦MCEncryptionOptional⟧;', messages: ['optionalObjc'] },
      ],
      valid: [
        'MCSession *session = [[MCSession alloc] initWithPeer:peer securityIdentity:@[identity] encryptionPreference:MCEncryptionRequired];',
        { code: 'MCSession *session = [[MCSession alloc] initWithPeer:peer];', note: 'defaults to required' },
        { code: '// MCEncryptionOptional was dropped\nNSLog(@"MCEncryptionOptional");\nBOOL encryptionOptional = NO;', note: 'comment, string, similar name' },
        { code: 'if (session.encryptionPreference == MCEncryptionOptional) {\n  NSLog(@"peer allows plaintext");\n}', note: 'reading, not choosing' },
      ],
    },
  },
});
