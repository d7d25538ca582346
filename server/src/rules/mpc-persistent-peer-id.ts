// mpc-persistent-peer-id: an MCPeerID archived (NSKeyedArchiver) or stored in UserDefaults, which makes the device trackable over time.
import type { Node } from 'web-tree-sitter';
import { defineRule } from './rule';
import { resolveCName, resolveObjcMember, type CBinding } from './syntax/c-bindings';
import { objcMessage } from './syntax/c-family';
import { swiftCall, swiftMember } from './syntax/swift';
import { resolveSwiftName, resolveSwiftSelfMember, swiftTypeName, type SwiftBinding } from './syntax/swift-bindings';

const PEER_ID = 'MCPeerID';
/** Multipeer objects whose `myPeerID` is the local MCPeerID. */
const PEER_OWNERS = new Set(['MCSession', 'MCNearbyServiceAdvertiser', 'MCNearbyServiceBrowser']);
const MAX_DEPTH = 4;

// ---------------------------------------------------------------------------------------------- Swift

/** The type a binding is declared with, or the type its value is constructed as (`let p = MCPeerID(…)`). */
function swiftBindingType(binding: SwiftBinding | undefined, depth: number): string | undefined {
  if (!binding || depth > MAX_DEPTH) return undefined;
  if (binding.type) return swiftTypeName(binding.type);
  return binding.value ? swiftExpressionType(binding.value, depth + 1) : undefined;
}

/** What we can tell about the type of a Swift expression: only MC types matter here. */
function swiftExpressionType(expr: Node, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (expr.type) {
    case 'call_expression': {
      const callee = expr.namedChild(0);
      return callee?.type === 'simple_identifier' && (callee.text === PEER_ID || PEER_OWNERS.has(callee.text)) ? callee.text : undefined;
    }
    case 'simple_identifier':
      return swiftBindingType(resolveSwiftName(expr), depth + 1);
    case 'navigation_expression': {
      const member = swiftMember(expr);
      if (!member) return undefined;
      if (member.target?.type === 'self_expression') return swiftBindingType(resolveSwiftSelfMember(expr, member.name), depth + 1);
      if (member.name === 'myPeerID' && member.target && PEER_OWNERS.has(swiftExpressionType(member.target, depth + 1) ?? '')) return PEER_ID;
      return undefined;
    }
    case 'postfix_expression':
      // `peer!`
      return swiftExpressionType(expr.childForFieldName('target') ?? expr.namedChildren[0]!, depth + 1);
    default:
      return undefined;
  }
}

/** `UserDefaults.standard`, `UserDefaults(suiteName:)`, or a name bound to one of those. */
function isSwiftUserDefaults(receiver: Node | undefined, depth = 0): boolean {
  if (!receiver || depth > MAX_DEPTH) return false;
  if (/^UserDefaults\b/.test(receiver.text)) return true;
  if (receiver.type !== 'simple_identifier') return false;
  const binding = resolveSwiftName(receiver);
  if (!binding) return false;
  if (binding.type) return swiftTypeName(binding.type) === 'UserDefaults';
  return isSwiftUserDefaults(binding.value, depth + 1);
}

// ---------------------------------------------------------------------------------- Objective-C

function cBindingType(binding: CBinding | undefined, depth: number): string | undefined {
  if (!binding || depth > MAX_DEPTH) return undefined;
  if (binding.type?.text && binding.type.text !== 'id' && binding.type.text !== '__auto_type') return binding.type.text;
  return binding.value ? objcExpressionType(binding.value, depth + 1) : undefined;
}

function objcExpressionType(expr: Node, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (expr.type) {
    case 'identifier':
      return cBindingType(resolveCName(expr), depth + 1);
    case 'field_expression': {
      const target = expr.childForFieldName('argument');
      const field = expr.childForFieldName('field')?.text ?? '';
      if (target?.text === 'self') return cBindingType(resolveObjcMember(expr, field), depth + 1);
      if (field === 'myPeerID' && target && PEER_OWNERS.has(objcExpressionType(target, depth + 1) ?? '')) return PEER_ID;
      return undefined;
    }
    case 'message_expression': {
      const message = objcMessage(expr);
      if (!message?.receiver) return undefined;
      // `[[MCPeerID alloc] initWithDisplayName:…]`, `[self.session myPeerID]`.
      if (message.receiver.type === 'message_expression') {
        const inner = objcMessage(message.receiver);
        if (inner?.selector === 'alloc' && inner.receiver?.type === 'identifier') return inner.receiver.text;
      }
      if (message.selector === 'myPeerID' && PEER_OWNERS.has(objcExpressionType(message.receiver, depth + 1) ?? '')) return PEER_ID;
      if (message.selector === 'myPeerID' && message.receiver.type === 'field_expression') {
        return PEER_OWNERS.has(objcExpressionType(message.receiver, depth + 1) ?? '') ? PEER_ID : undefined;
      }
      return undefined;
    }
    case 'parenthesized_expression':
    case 'cast_expression': {
      const inner = expr.childForFieldName('value') ?? expr.namedChildren[expr.namedChildCount - 1];
      return inner ? objcExpressionType(inner, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

function isObjcUserDefaults(receiver: Node | undefined, depth = 0): boolean {
  if (!receiver || depth > MAX_DEPTH) return false;
  if (receiver.type === 'message_expression') {
    const message = objcMessage(receiver);
    return message?.receiver?.text === 'NSUserDefaults' && (message.selector === 'standardUserDefaults' || message.selector === 'initWithSuiteName:');
  }
  if (receiver.type !== 'identifier') return false;
  const binding = resolveCName(receiver);
  if (!binding) return false;
  if (binding.type?.text === 'NSUserDefaults') return true;
  return isObjcUserDefaults(binding.value, depth + 1);
}

const OBJC_ARCHIVE_SELECTORS = new Set([
  'archivedDataWithRootObject:', 'archivedDataWithRootObject:requiringSecureCoding:error:', 'archiveRootObject:toFile:',
]);

export default defineRule({
  id: 'mpc-persistent-peer-id',
  title: 'MCPeerID archived or stored: a persistent peer identifier lets others track the device',
  scope: 'item',
  languages: ['swift', 'objc'],
  defaultSeverity: 'off',
  confidence: 'low',
  article: 'mpc-persistent-peer-id',
  triggers: ['MCPeerID', 'myPeerID'],
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), sections Create a peer identifier and Design for privacy',
    'https://developer.apple.com/documentation/multipeerconnectivity/mcpeerid',
    'https://developer.apple.com/documentation/foundation/nskeyedarchiver/archiveddata(withrootobject:requiringsecurecoding:)',
  ],
  messages: {
    persisted: 'A persisted MCPeerID is a stable identifier that nearby devices can use to follow this one across launches and networks: decide whether you need persistence at all, rotate the identifier if you do, and when moving to Network framework use a UUID you control and keep it out of the Bonjour service name and TXT record.',
  },
  knownLimitations: [
    'The archived or stored value must be visibly an MCPeerID in the same file (a declaration typed MCPeerID, `MCPeerID(displayName:)`, or a session\'s `myPeerID`); a peer ID passed through untyped helpers is missed.',
    'Apple\'s MCPeerID documentation itself suggests archiving the local peer ID to keep it stable, so this is a privacy prompt rather than a defect; the rule ships off.',
    'Only NSKeyedArchiver and UserDefaults are recognised; writing the archived data to a file or the keychain afterwards is not followed.',
  ],
  create(context) {
    return {
      call_expression(node) {
        if (context.grammar !== 'swift') return;
        const call = swiftCall(node);
        if (!call) return;
        const first = call.arguments[0];
        if (call.name === 'archivedData' && first?.label === 'withRootObject' && call.receiver?.text.endsWith('NSKeyedArchiver')) {
          if (first.value && swiftExpressionType(first.value) === PEER_ID) context.report({ node: call.nameNode });
        } else if ((call.name === 'set' || call.name === 'setValue') && first && first.label === undefined && call.arguments[1]?.label === 'forKey') {
          if (isSwiftUserDefaults(call.receiver) && first.value && swiftExpressionType(first.value) === PEER_ID) context.report({ node: call.nameNode });
        }
      },
      message_expression(node) {
        const message = objcMessage(node);
        if (!message) return;
        const value = message.keywords[0].argument;
        if (!value) return;
        const archives = OBJC_ARCHIVE_SELECTORS.has(message.selector) && message.receiver?.text === 'NSKeyedArchiver';
        const stores = (message.selector === 'setObject:forKey:' || message.selector === 'setValue:forKey:') && isObjcUserDefaults(message.receiver);
        if ((archives || stores) && objcExpressionType(value) === PEER_ID) context.report({ node: message.keywords[0].nameNode });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `func savePeer(_ peer: MCPeerID) throws {
    let data = try NSKeyedArchiver.⟦archivedData⟧(withRootObject: peer, requiringSecureCoding: true)
    UserDefaults.standard.set(data, forKey: "localPeer")
}`,
          note: 'parameter typed MCPeerID',
        },
        {
          code: `final class Lobby {
    let session: MCSession
    init(name: String) { session = MCSession(peer: MCPeerID(displayName: name)) }

    func remember() throws {
        let data = try NSKeyedArchiver.⟦archivedData⟧(withRootObject: session.myPeerID, requiringSecureCoding: true)
        try data.write(to: peerFile)
    }
}`,
          note: "a session's myPeerID",
        },
        {
          code: `let localPeer = MCPeerID(displayName: UIDevice.current.name)
let defaults = UserDefaults(suiteName: "group.example.chat")!
defaults.⟦set⟧(localPeer, forKey: "peer")`,
          note: 'stored straight into UserDefaults',
        },
        {
          code: `final class PeerStore {
    private let peerID: MCPeerID
    init(peerID: MCPeerID) { self.peerID = peerID }
    func save() {
        let blob = NSKeyedArchiver.⟦archivedData⟧(withRootObject: self.peerID)
        UserDefaults.standard.set(blob, forKey: "peer")
    }
}`,
          note: 'stored property, older archiver API',
        },
      ],
      valid: [
        {
          code: `let peerUUID = UUID()
UserDefaults.standard.set(peerUUID.uuidString, forKey: "peerUUID")`,
          note: 'a UUID (still worth a thought, but not an MCPeerID)',
        },
        {
          code: `func snapshot(_ settings: Settings) throws -> Data {
    try NSKeyedArchiver.archivedData(withRootObject: settings, requiringSecureCoding: true)
}`,
          note: 'archiving something else',
        },
        {
          code: `var peersByName: [String: MCPeerID] = [:]
func remember(_ peer: MCPeerID) {
    cache.set(peer, forKey: peer.displayName)
    peersByName[peer.displayName] = peer
}`,
          note: 'in-memory cache and dictionary',
        },
        {
          code: `// NSKeyedArchiver.archivedData(withRootObject: peerID, requiringSecureCoding: true)
let note = "archive the MCPeerID to keep it stable"`,
          note: 'comment and string',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: `@implementation PeerStore
- (void)savePeer:(MCPeerID *)peer {
    NSData *data = [NSKeyedArchiver ⟦archivedDataWithRootObject⟧:peer requiringSecureCoding:YES error:nil];
    [[NSUserDefaults standardUserDefaults] setObject:data forKey:@"peer"];
}
@end`,
        },
        {
          code: `@implementation Lobby
- (void)remember {
    MCPeerID *local = [[MCPeerID alloc] initWithDisplayName:UIDevice.currentDevice.name];
    [[NSUserDefaults standardUserDefaults] ⟦setObject⟧:local forKey:@"peer"];
}
@end`,
          note: 'stored straight into NSUserDefaults',
        },
        {
          code: `@interface Chat ()
@property (nonatomic, strong) MCSession *session;
@end

@implementation Chat
- (void)persist {
    NSData *blob = [NSKeyedArchiver ⟦archivedDataWithRootObject⟧:self.session.myPeerID];
    [blob writeToFile:self.peerPath atomically:YES];
}
@end`,
          note: "the session's myPeerID",
        },
      ],
      valid: [
        {
          code: `@implementation PeerCache
- (void)addPeer:(MCPeerID *)peer {
    [self.peers setObject:peer forKey:peer.displayName];
}
@end`,
          note: 'in-memory dictionary',
        },
        {
          code: `@implementation Settings
- (void)save {
    NSData *data = [NSKeyedArchiver archivedDataWithRootObject:self.preferences requiringSecureCoding:YES error:nil];
    [[NSUserDefaults standardUserDefaults] setObject:[[NSUUID UUID] UUIDString] forKey:@"installID"];
}
@end`,
          note: 'other objects',
        },
        {
          code: `// [NSKeyedArchiver archivedDataWithRootObject:peerID] keeps the peer stable
NSString *hint = @"archive MCPeerID";`,
          note: 'comment and string',
        },
      ],
    },
  },
});
