// websocket-closecode-as-open-check: `closeCode == .invalid` used to decide that a URLSessionWebSocketTask is still open.
import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleVisitors } from './rule';
import { objcMessage } from './syntax/c-family';
import { swiftImplicitMember, swiftMember } from './syntax/swift';
import { ancestors } from './syntax/tree';

const OBJC_INVALID = 'NSURLSessionWebSocketCloseCodeInvalid';

const WEBSOCKET_TASK_TYPES = new Set(['URLSessionWebSocketTask', 'Foundation.URLSessionWebSocketTask']);

/** Inside `extension URLSessionWebSocketTask { … }` (or a subclass body), where a bare `closeCode` is the task's. */
function inWebSocketTaskType(node: Node): boolean {
  for (const ancestor of ancestors(node)) {
    if (ancestor.type !== 'class_declaration') continue;
    const kind = ancestor.childForFieldName('declaration_kind')?.text;
    const name = ancestor.childForFieldName('name')?.text ?? '';
    const inherits = ancestor.namedChildren.some((c) => c?.type === 'inheritance_specifier' && WEBSOCKET_TASK_TYPES.has(c.text));
    return (kind === 'extension' && WEBSOCKET_TASK_TYPES.has(name)) || inherits;
  }
  return false;
}

/** `task.closeCode`, `task?.closeCode`, `self.socket.closeCode`, or a bare `closeCode` in an extension of the task type. */
function isSwiftCloseCode(node: Node | null): boolean {
  if (!node) return false;
  if (node.type === 'simple_identifier') return node.text === 'closeCode' && inWebSocketTaskType(node);
  return swiftMember(node)?.name === 'closeCode';
}

/** `c ? a : b`: the comparison picks a value (a description, an error), it does not gate using the socket. */
function isTernaryCondition(node: Node): boolean {
  let current = node;
  while (current.parent?.type === 'tuple_expression' || current.parent?.type === 'parenthesized_expression') current = current.parent;
  const parent = current.parent;
  return (parent?.type === 'ternary_expression' || parent?.type === 'conditional_expression')
    && parent.childForFieldName('condition')?.id === current.id;
}

/** `.invalid` or `URLSessionWebSocketTask.CloseCode.invalid`. */
function isSwiftInvalid(node: Node | null): boolean {
  if (!node) return false;
  if (swiftImplicitMember(node) === 'invalid') return true;
  const member = swiftMember(node);
  return member?.name === 'invalid' && /^(Foundation\.)?(URLSessionWebSocketTask\.)?CloseCode$/.test(member.target?.text ?? '');
}

/** `task.closeCode` or `[task closeCode]`. */
function isObjcCloseCode(node: Node | null): boolean {
  if (!node) return false;
  if (node.type === 'field_expression') return node.childForFieldName('field')?.text === 'closeCode';
  return node.type === 'message_expression' && objcMessage(node)?.selector === 'closeCode';
}

export default defineRule({
  id: 'websocket-closecode-as-open-check',
  title: 'URLSessionWebSocketTask.closeCode == .invalid used as an "is open" test',
  scope: 'item',
  languages: ['swift', 'objc'],
  defaultSeverity: 'off',
  confidence: 'low',
  article: 'websocket-closecode-as-open-check',
  sources: [
    'Apple Developer Forums: URLSessionWebSocketTask receive fails with ECONNABORTED in the background while closeCode stays invalid and state is completed (user report, no answer captured)',
    'https://developer.apple.com/documentation/foundation/urlsessionwebsockettask/closecode-swift.property',
    'https://developer.apple.com/documentation/foundation/urlsessionwebsockettask/closecode-swift.enum/invalid',
    'https://developer.apple.com/documentation/foundation/urlsessiontask/state-swift.property',
  ],
  messages: {
    swift: 'Apple documents .invalid as "still open", but a developer reports closeCode staying .invalid (with state .completed) after receive() failed with ECONNABORTED in the background: decide from task.state and the error thrown by receive() instead.',
    objc: 'Apple documents NSURLSessionWebSocketCloseCodeInvalid as "still open", but a developer reports closeCode staying invalid (with state completed) after a receive failed with ECONNABORTED in the background: decide from task.state and the receive error instead.',
  },
  triggers: ['closeCode'],
  knownLimitations: [
    'Any `closeCode` property compared with `.invalid` is matched, whatever its type: a type of your own with the same property and case name is flagged too (the reason this rule is off by default).',
    'Only `==` / `!=` comparisons are matched; `switch task.closeCode { case .invalid: … }` and `guard case .invalid = task.closeCode` are not. A comparison used as the condition of `c ? a : b` is skipped: it usually picks a description after a failure rather than deciding the socket is open.',
    'A bare `closeCode` is only recognised inside `extension URLSessionWebSocketTask` or a subclass; a parameter named `closeCode` (the didCloseWith delegate argument) is never matched.',
    'The underlying behaviour rests on one developer report (no Apple answer was captured); the rule flags the inference "invalid means open", which that report shows to be unreliable.',
  ],
  create(context): RuleVisitors {
    if (context.language === 'swift') {
      const check = (node: Node) => {
        const op = node.childForFieldName('op')?.text;
        if ((op !== '==' && op !== '!=') || isTernaryCondition(node)) return;
        const lhs = node.childForFieldName('lhs');
        const rhs = node.childForFieldName('rhs');
        if ((isSwiftCloseCode(lhs) && isSwiftInvalid(rhs)) || (isSwiftInvalid(lhs) && isSwiftCloseCode(rhs))) {
          context.report({ node, messageId: 'swift' });
        }
      };
      return { equality_expression: check, infix_expression: check };
    }
    return {
      binary_expression(node) {
        const op = node.childForFieldName('operator')?.text;
        if ((op !== '==' && op !== '!=') || isTernaryCondition(node)) return;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if ((isObjcCloseCode(left) && right?.text === OBJC_INVALID) || (left?.text === OBJC_INVALID && isObjcCloseCode(right))) {
          context.report({ node, messageId: 'objc' });
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        'var isConnected: Bool { ⟦task.closeCode == .invalid⟧ }',
        'func sendPing() {\n  guard ⟦webSocketTask?.closeCode == .invalid⟧ else { return reconnect() }\n  webSocketTask?.sendPing { _ in }\n}',
        'if ⟦self.socket.closeCode != URLSessionWebSocketTask.CloseCode.invalid⟧ {\n  reconnect()\n}',
        'let open = ⟦.invalid == task.closeCode⟧',
        { code: 'private extension URLSessionWebSocketTask {\n  var isOpen: Bool { ⟦closeCode == .invalid⟧ }\n}', note: 'bare closeCode in an extension of the task' },
        { code: 'while !Task.isCancelled, ⟦socket.closeCode == .invalid⟧ {\n  let message = try await socket.receive()\n  handle(message)\n}', note: 'a receive loop guarded by closeCode' },
      ],
      valid: [
        { code: 'var isConnected: Bool { task.state == .running }', note: 'the task state' },
        { code: 'if task.closeCode == .normalClosure { finish() }', note: 'a real close code' },
        { code: 'if let code = metadata?.closeCode, code == .protocolCode(.normalClosure) { done() }', note: 'NWProtocolWebSocket metadata' },
        { code: '// task.closeCode == .invalid means open? not after ECONNABORTED\nlet doc = "closeCode == .invalid"', note: 'comment and string' },
        { code: 'if status == .invalid { retry() }', note: 'another value compared with .invalid' },
        { code: 'func urlSession(_ session: URLSession, webSocketTask: URLSessionWebSocketTask, didCloseWith closeCode: URLSessionWebSocketTask.CloseCode, reason: Data?) {\n  finish(closeCode == .invalid ? .network : .code(closeCode.rawValue))\n}', note: 'the delegate parameter, and a ternary that picks a value' },
        { code: 'case .failure(let error):\n  report(task.closeCode == .invalid ? error.localizedDescription : describe(task))', note: 'choosing a description after a failure' },
      ],
    },
    objc: {
      invalid: [
        { code: '- (BOOL)isOpen {\n  return ⟦self.task.closeCode == NSURLSessionWebSocketCloseCodeInvalid⟧;\n}', messages: ['objc'] },
        { code: 'if (⟦[task closeCode] != NSURLSessionWebSocketCloseCodeInvalid⟧) {\n  [self reconnect];\n}', messages: ['objc'] },
        { code: 'BOOL alive = ⟦NSURLSessionWebSocketCloseCodeInvalid == socket.closeCode⟧;', messages: ['objc'] },
      ],
      valid: [
        'BOOL alive = task.state == NSURLSessionTaskStateRunning;',
        'if (task.closeCode == NSURLSessionWebSocketCloseCodeNormalClosure) { [self finish]; }',
        '// task.closeCode == NSURLSessionWebSocketCloseCodeInvalid\nNSString *s = @"NSURLSessionWebSocketCloseCodeInvalid";',
      ],
    },
  },
});
