// mpc-unreliable-send-mode: Multipeer data sent with the unreliable mode (`.unreliable`, MCSessionSendDataUnreliable), which needs a UDP plan in Network framework.
import type { Node } from 'web-tree-sitter';
import { MPC_DEPRECATION, MPC_MODULE } from './apis/multipeer';
import { defineRule } from './rule';
import { swiftImplicitMember, swiftMember } from './syntax/swift';

const MODE_TYPE = 'MCSessionSendDataMode';
const SWIFT_CASE = 'unreliable';
const OBJC_CONSTANT = 'MCSessionSendDataUnreliable';

/** `MCSessionSendDataMode` or `MultipeerConnectivity.MCSessionSendDataMode` as an expression. */
function isModeTypeExpression(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'simple_identifier') return node.text === MODE_TYPE;
  const member = swiftMember(node);
  return member?.name === MODE_TYPE && member.target?.type === 'simple_identifier' && member.target.text === MPC_MODULE;
}

/** The expression whose value an implicit member becomes: climbs out of `c ? a : b` branches. */
function valuePosition(node: Node): Node {
  let current = node;
  while (current.parent?.type === 'ternary_expression' && current.parent.childForFieldName('condition')?.id !== current.id) {
    current = current.parent;
  }
  return current;
}

/** The `with:` argument of `send(_:toPeers:with:)`. */
function isSendModeArgument(value: Node): boolean {
  const argument = value.parent;
  if (argument?.type !== 'value_argument' || argument.childForFieldName('value')?.id !== value.id) return false;
  if (argument.childForFieldName('name')?.text !== 'with') return false;
  const args = argument.parent;
  if (args?.type !== 'value_arguments') return false;
  const labels = args.namedChildren.filter((c) => c?.type === 'value_argument').map((c) => c!.childForFieldName('name')?.text);
  if (labels.length !== 3 || labels[0] !== undefined || labels[1] !== 'toPeers') return false;
  const call = args.parent?.parent;
  const callee = call?.type === 'call_expression' ? call.namedChild(0) : null;
  const name = callee?.type === 'navigation_expression' ? swiftMember(callee)?.name : callee?.text;
  return name === 'send';
}

/** `let m: MCSessionSendDataMode = .unreliable` or a parameter default of that type. */
function isDeclaredMode(value: Node): boolean {
  const parent = value.parent;
  if (!parent || (parent.type !== 'property_declaration' && parent.type !== 'parameter' && parent.type !== 'function_declaration')) return false;
  let before = value.previousSibling;
  while (before?.type === '=') before = before.previousSibling;
  const holder = before?.type === 'type_annotation' || before?.type === 'parameter' ? before : undefined;
  const type = holder?.namedChildren.find((c) => c?.type === 'user_type');
  const names = type?.namedChildren.filter((c) => c?.type === 'type_identifier').map((c) => c!.text) ?? [];
  return names[names.length - 1] === MODE_TYPE;
}

/** Comparisons and `case` patterns read a mode; they do not choose one. */
function isComparison(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'equality_expression' || parent.type === 'pattern' || parent.type === 'case_statement') return true;
  if (parent.type === 'binary_expression') return ['==', '!='].includes(parent.childForFieldName('operator')?.text ?? '');
  return parent.type === 'infix_expression' && ['==', '!=', '~='].includes(parent.childForFieldName('op')?.text ?? '');
}

export default defineRule({
  id: 'mpc-unreliable-send-mode',
  title: 'Multipeer unreliable send mode: plan a UDP flow for the move to Network framework',
  scope: 'item',
  languages: ['swift', 'objc'],
  defaultSeverity: 'off',
  confidence: 'low',
  article: 'mpc-unreliable-send-mode',
  triggers: ['unreliable', 'MCSessionSendDataUnreliable'],
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), sections Choose a protocol to match your send mode and Send and receive best-effort messages',
    'https://developer.apple.com/documentation/multipeerconnectivity/mcsessionsenddatamode/unreliable',
    'https://developer.apple.com/documentation/multipeerconnectivity/mcsession/send(_:topeers:with:)',
    'https://developer.apple.com/documentation/network/nwconnection/maximumdatagramsize',
  ],
  deprecated: MPC_DEPRECATION,
  messages: {
    unreliable: 'Network framework has no per-message unreliable mode: migrate this traffic to a reliable connection (WebSocket or framed TCP) first, and add a separate UDP connection negotiated over it only if the data really is best-effort, sized to maximumDatagramSize.',
  },
  knownLimitations: [
    'A Swift `.unreliable` is only recognised as the `with:` argument of `send(_:toPeers:with:)` or where the type `MCSessionSendDataMode` is written; a mode passed through an untyped variable or a wrapper is missed.',
    'This is migration guidance rather than a defect, so the rule ships off; enable it (at hint level) while planning a move off Multipeer Connectivity.',
  ],
  create(context) {
    return {
      prefix_expression(node) {
        if (swiftImplicitMember(node) !== SWIFT_CASE) return;
        const position = valuePosition(node);
        if (isSendModeArgument(position) || isDeclaredMode(position)) context.report({ node });
      },
      navigation_expression(node) {
        const member = swiftMember(node);
        if (member?.name !== SWIFT_CASE || !isModeTypeExpression(member.target) || isComparison(node)) return;
        context.report({ node });
      },
      identifier(node) {
        if (context.language !== 'objc' || node.text !== OBJC_CONSTANT || isComparison(node)) return;
        context.report({ node });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        'func broadcast(position: Data) throws {\n  try session.send(position, toPeers: session.connectedPeers, with: ⟦.unreliable⟧)\n}',
        { code: 'try session.send(frame, toPeers: peers, with: isLive ? ⟦.unreliable⟧ : .reliable)', note: 'ternary' },
        { code: 'let mode = ⟦MCSessionSendDataMode.unreliable⟧\ntry session.send(ping, toPeers: peers, with: mode)', note: 'qualified case' },
        { code: 'struct Channel {\n  var mode: MCSessionSendDataMode = ⟦.unreliable⟧\n}', note: 'declared type' },
      ],
      valid: [
        { code: 'try session.send(chat, toPeers: session.connectedPeers, with: .reliable)', note: 'reliable mode' },
        { code: 'match.sendData(toAllPlayers: position, with: .unreliable)\ntry match.send(position, to: players, dataMode: .unreliable)', note: 'GameKit GKMatch has its own unreliable mode' },
        { code: '// with: .unreliable drops late frames\nlet label = "MCSessionSendDataMode.unreliable"', note: 'comment and string' },
        { code: 'if mode == MCSessionSendDataMode.unreliable {\n  log("best effort")\n}', note: 'reading, not choosing' },
        { code: 'enum Delivery { case reliable, unreliable }\nlet d: Delivery = .unreliable\nsend(d, toPeers: [], with: .fast)', note: 'another enum' },
      ],
    },
    objc: {
      invalid: [
        '[self.session sendData:frame toPeers:self.session.connectedPeers withMode:⟦MCSessionSendDataUnreliable⟧ error:&error];',
        { code: '@implementation Arena\n- (void)sendPosition:(NSData *)data {\n  MCSessionSendDataMode mode = self.lowLatency ? ⟦MCSessionSendDataUnreliable⟧ : MCSessionSendDataReliable;\n  [self.session sendData:data toPeers:self.peers withMode:mode error:nil];\n}\n@end', note: 'ternary' },
        { code: 'static const MCSessionSendDataMode kPositionMode = ⟦MCSessionSendDataUnreliable⟧;', note: 'constant' },
      ],
      valid: [
        '[self.session sendData:message toPeers:peers withMode:MCSessionSendDataReliable error:&error];',
        { code: '[self.match sendDataToAllPlayers:data withDataMode:GKMatchSendDataUnreliable error:&error];', note: 'GameKit constant' },
        { code: '// MCSessionSendDataUnreliable was replaced by a UDP flow\nNSLog(@"MCSessionSendDataUnreliable");', note: 'comment and string' },
        { code: 'if (mode == MCSessionSendDataUnreliable) { NSLog(@"best effort"); }', note: 'reading, not choosing' },
      ],
    },
  },
});
