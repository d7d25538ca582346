// nw-waiting-treated-as-failure: a `.waiting` state (nw_*_state_waiting) handled by cancelling, crashing or reporting failure.
import type { Node } from 'web-tree-sitter';
import {
  SELF_RECEIVER, TEARDOWN_NAME, normalizePath, runsDirectlyIn, swiftCallTakingClosure, swiftSingleCondition,
} from './apis/nw-lifecycle';
import { defineRule } from './rule';
import { C_FUNCTION_TYPES, cCall, objcMessage } from './syntax/c-family';
import { inInactiveRegion } from './syntax/conditional-compilation';
import { SWIFT_FUNCTION_TYPES, swiftCall, swiftMember } from './syntax/swift';
import { ancestors, descendants, namedChildren } from './syntax/tree';

type Offence = 'cancel' | 'fatal' | 'fail';

/** `.waiting`, `.waiting(let e)`, `let .waiting(e)`, `NWConnection.State.waiting(_)`. */
const WAITING_PATTERN = /^(?:(?:let|var)\s+)?(?:[A-Za-z_]\w*(?:\.\w+)*)?\.waiting\b/;
/** `if case .waiting = state` / `if case .waiting(let e) = self.state` with no other condition. */
const IF_CASE_WAITING = /^case\s+(?:(?:let|var)\s+)?(?:[A-Za-z_]\w*(?:\.\w+)*)?\.waiting\b[^,]*=[^,=]+$/;
/** Network framework state types whose `.waiting` case means "may recover". */
const NW_STATE_TYPE = /:\s*(?:NW\w*|Network\w*)\.State[?!]?\s*$/;

const SWIFT_FATAL = new Set(['fatalError', 'preconditionFailure', 'assertionFailure']);
const C_FATAL = new Set(['abort', 'exit', '_exit', '__builtin_trap']);
const C_CANCEL = new Set(['nw_connection_cancel', 'nw_connection_force_cancel', 'nw_listener_cancel', 'nw_browser_cancel', 'nw_connection_group_cancel']);
const C_WAITING = new Set([
  'nw_connection_state_waiting', 'nw_listener_state_waiting', 'nw_browser_state_waiting', 'nw_connection_group_state_waiting',
]);
/** Names that report a failure (`connectionDidFail(error:)`, `.failure(error)`, `handleFailure`). */
const FAIL_NAME = /fail/i;
const NOT_FAILURE = new Set(['XCTFail']);
/** Objects other than the connection that code may legitimately cancel while waiting. */
const NOT_A_CONNECTION = /timer|task|work|timeout|retry|request|operation|subscription|cancellable|token|observer|monitor|animation|spinner|progress/i;

const lastSegment = (path: string) => path.slice(path.lastIndexOf('.') + 1);

function swiftOffence(node: Node): Offence | undefined {
  const call = swiftCall(node);
  if (!call) return undefined;
  if (SWIFT_FATAL.has(call.name) && !call.receiver) return 'fatal';
  if ((call.name === 'cancel' || call.name === 'forceCancel') && call.receiver && call.arguments.length === 0 && call.trailingClosures.length === 0) {
    return NOT_A_CONNECTION.test(lastSegment(normalizePath(call.receiver.text))) ? undefined : 'cancel';
  }
  if (call.name === 'resume' && call.arguments[0]?.label === 'throwing') return 'fail';
  // `self.disconnect()`, `stop()`, `self?.closeConnection()`: the app's own ways of closing the connection.
  if (TEARDOWN_NAME.test(call.name) && (!call.receiver || SELF_RECEIVER.test(call.receiver.text.replace(/[?!]/g, '')))) return 'cancel';
  return FAIL_NAME.test(call.name) && !NOT_FAILURE.has(call.name) ? 'fail' : undefined;
}

function cOffence(node: Node): Offence | undefined {
  const call = cCall(node);
  if (call) {
    if (C_CANCEL.has(call.name)) return 'cancel';
    if (C_FATAL.has(call.name)) return 'fatal';
    return FAIL_NAME.test(call.name) ? 'fail' : undefined;
  }
  const message = objcMessage(node);
  if (!message) return undefined;
  if (FAIL_NAME.test(message.keywords[0].name)) return 'fail';
  return TEARDOWN_NAME.test(message.keywords[0].name) && SELF_RECEIVER.test(message.receiver?.text ?? '') ? 'cancel' : undefined;
}

/** The node to flag for an offending call: its name. */
function swiftName(node: Node): Node {
  return swiftCall(node)?.nameNode ?? node;
}

function cName(node: Node): Node {
  return cCall(node)?.nameNode ?? objcMessage(node)?.keywords[0].nameNode ?? node;
}

/** The switch or `if` is in a Network framework state handler (or a function that takes such a state). */
function inSwiftStateHandler(node: Node): boolean {
  for (const a of ancestors(node)) {
    if (a.type === 'lambda_literal') {
      const parent = a.parent;
      if (parent?.type === 'assignment' && parent.childForFieldName('result')?.id === a.id) {
        const target = parent.childForFieldName('target')?.namedChild(0);
        if (target && swiftMember(target)?.name === 'stateUpdateHandler') return true;
      }
      const taker = swiftCallTakingClosure(a);
      if (taker && swiftCall(taker)?.name === 'onStateUpdate') return true;
      continue;
    }
    if (a.type === 'function_declaration') {
      return namedChildren(a).some((p) => p.type === 'parameter' && NW_STATE_TYPE.test(p.text));
    }
    if (a.type === 'class_body' || a.type === 'source_file') return false;
  }
  return false;
}

/** The statements a Swift `case` runs, following a lone `fallthrough`. */
function swiftCaseBody(entry: Node): Node | undefined {
  let current: Node | null = entry;
  for (let i = 0; current && i < 8; i++) {
    const body = namedChildren(current).find((c) => c.type === 'statements');
    if (!body) return undefined;
    const only = body.namedChildCount === 1 ? body.namedChild(0) : null;
    if (only?.type !== 'simple_identifier' || only.text !== 'fallthrough') return body;
    current = current.nextNamedSibling;
    if (current?.type !== 'switch_entry') return undefined;
  }
  return undefined;
}

/** The first call in `body` that cancels, crashes or reports failure, and runs whenever the body runs. */
function firstOffence(body: Node, swift: boolean, containerNodes: Node[] = [body]): { node: Node; offence: Offence } | undefined {
  const functionTypes = swift ? SWIFT_FUNCTION_TYPES : C_FUNCTION_TYPES;
  for (const root of containerNodes) {
    for (const n of [root, ...descendants(root, (x) => functionTypes.has(x.type))]) {
      if (n.type !== 'call_expression' && n.type !== 'message_expression') continue;
      const offence = swift ? swiftOffence(n) : cOffence(n);
      if (offence && runsDirectlyIn(n, body, swift)) return { node: swift ? swiftName(n) : cName(n), offence };
    }
  }
  return undefined;
}

/** C `case nw_connection_state_waiting:` statements (an empty case falls through to the next one). */
function cCaseStatements(caseNode: Node): { container: Node; statements: Node[] } | undefined {
  let current: Node | null = caseNode;
  for (let i = 0; current && current.type === 'case_statement' && i < 8; i++) {
    const value = current.childForFieldName('value');
    const statements = namedChildren(current).filter((c) => c.id !== value?.id && c.type !== 'comment');
    if (statements.length > 0) return { container: current, statements };
    current = current.nextNamedSibling;
  }
  return undefined;
}

/** `state == nw_connection_state_waiting` (possibly `|| …`) as the condition of an `if`: its consequence. */
function cIfConsequence(comparison: Node): Node | undefined {
  let node = comparison;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'parenthesized_expression') continue;
    if (parent.type === 'binary_expression' && parent.childForFieldName('operator')?.text === '||') continue;
    if (parent.type === 'if_statement' && parent.childForFieldName('condition')?.id === node.id) {
      return parent.childForFieldName('consequence') ?? undefined;
    }
    return undefined;
  }
  return undefined;
}

export default defineRule({
  id: 'nw-waiting-treated-as-failure',
  title: 'The waiting state treated as a failure',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'hint',
  confidence: 'medium',
  article: 'nw-waiting-treated-as-failure',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), "Manage a listener" and "Manage a connection"',
    'https://developer.apple.com/documentation/network/nwconnection/state-swift.enum/waiting(_:)',
    'https://developer.apple.com/documentation/network/nw_connection_state_waiting',
    'https://developer.apple.com/documentation/network/nwconnection/restart()',
  ],
  messages: {
    cancel: 'Cancelling on .waiting gives up on a connection that Network framework is still retrying (the error there is not fatal); show that it is waiting, call restart() to retry at once if you like, and cancel only on .failed or after your own timeout.',
    fatal: 'Crashing on .waiting turns a recoverable condition (no route yet, network down) into a crash; report that the connection is waiting and let Network framework retry, treating only .failed as fatal.',
    fail: 'This reports .waiting as a failure, but the connection may still become ready on its own; report it as waiting, and treat only .failed (or your own timeout) as a failure.',
    cancelC: 'Cancelling on nw_connection_state_waiting gives up on a connection that Network framework is still retrying; show that it is waiting, call nw_connection_restart to retry at once if you like, and cancel only on the failed state or after your own timeout.',
    fatalC: 'Aborting on the waiting state turns a recoverable condition (no route yet, network down) into a crash; report the wait and let Network framework retry, treating only the failed state as fatal.',
    failC: 'This reports the waiting state as a failure, but the connection may still become ready on its own; report it as waiting, and treat only the failed state (or your own timeout) as a failure.',
  },
  knownLimitations: [
    'Swift: only switches and `if case` tests inside a `stateUpdateHandler` closure, an `onStateUpdate` closure, or a function that takes an `NW….State` parameter are checked.',
    'A call counts as reporting failure when its name contains "fail" (`connectionDidFail(error:)`, `.failure(error)`), or when it is `resume(throwing:)`; it counts as closing when it is `cancel()`/`forceCancel()` on something not named like a timer or task, or an app method on self named like a close (`disconnect()`, `stop()`, `closeConnection()`, `reconnect()`). Helpers with other names are not followed.',
    'A `case .waiting … where …` clause, or any extra condition around the call, counts as a deliberate decision and is not flagged.',
  ],
  triggers: ['waiting', 'nw_connection_state_waiting', 'nw_listener_state_waiting', 'nw_browser_state_waiting', 'nw_connection_group_state_waiting'],
  create(context) {
    const swift = context.language === 'swift';
    const report = (found: { node: Node; offence: Offence } | undefined, at: Node) => {
      if (!found || inInactiveRegion(at, swift ? 'swift' : 'c-family')) return;
      context.report({ node: found.node, messageId: swift ? found.offence : `${found.offence}C` });
    };
    return {
      switch_entry(node) {
        if (!swift) return;
        const patterns = namedChildren(node).filter((c) => c.type === 'switch_pattern');
        if (!patterns.some((p) => WAITING_PATTERN.test(p.text)) || node.children.some((c) => c?.type === 'where_keyword')) return;
        if (!inSwiftStateHandler(node)) return;
        const body = swiftCaseBody(node);
        if (body) report(firstOffence(body, true), node);
      },
      if_statement(node) {
        if (swift && node.child(1)?.type === 'case') {
          const conditions = node.childrenForFieldName('condition');
          if (conditions.length === 0 || swiftSingleCondition(node)) return;
          const text = context.text.slice(conditions[0].startIndex, conditions[conditions.length - 1].endIndex);
          if (!IF_CASE_WAITING.test(text) || !inSwiftStateHandler(node)) return;
          const elseToken = node.children.find((c) => c?.type === 'else');
          const body = namedChildren(node).find((c) => c.type === 'statements' && (!elseToken || c.startIndex < elseToken.startIndex));
          if (body) report(firstOffence(body, true), node);
        }
      },
      case_statement(node) {
        const value = swift ? null : node.childForFieldName('value');
        if (!value || !C_WAITING.has(value.text)) return;
        const found = cCaseStatements(node);
        if (found) report(firstOffence(found.container, false, found.statements), node);
      },
      binary_expression(node) {
        if (swift) return;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const waiting = (n: Node | null) => n?.type === 'identifier' && C_WAITING.has(n.text);
        if (!(waiting(left) || waiting(right)) || node.childForFieldName('operator')?.text !== '==') return;
        const consequence = cIfConsequence(node);
        if (consequence) report(firstOffence(consequence, false), node);
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'connection.stateUpdateHandler = { state in\n  switch state {\n  case .ready:\n    self.startReceiving()\n  case .waiting(let error):\n    print("waiting: \\(error)")\n    connection.⟦cancel⟧()\n  case .failed:\n    connection.cancel()\n  default:\n    break\n  }\n}',
          messages: ['cancel'],
        },
        {
          code: 'connection.stateUpdateHandler = { [weak self] newState in\n  switch newState {\n  case .waiting(let error), .failed(let error):\n    self?.⟦connectionDidFail⟧(error: error)\n  default:\n    break\n  }\n}',
          messages: ['fail'],
          note: 'waiting grouped with failed',
        },
        {
          code: 'private func stateDidChange(to state: NWConnection.State) {\n  switch state {\n  case .waiting(let error):\n    completion(.⟦failure⟧(error))\n  case .ready:\n    completion(.success(()))\n  default:\n    break\n  }\n}',
          messages: ['fail'],
          note: 'state handled in a method',
        },
        {
          code: 'listener.stateUpdateHandler = { state in\n  if case .waiting(let error) = state {\n    ⟦fatalError⟧("listener cannot start: \\(error)")\n  }\n}',
          messages: ['fatal'],
        },
        {
          code: 'browser.stateUpdateHandler = { state in\n  switch state {\n  case .waiting:\n    fallthrough\n  case .failed:\n    self.browser?.⟦cancel⟧()\n  default:\n    break\n  }\n}',
          messages: ['cancel'],
          note: 'fallthrough into failed',
        },
        {
          code: 'func connect() async throws {\n  try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in\n    connection.stateUpdateHandler = { state in\n      switch state {\n      case .ready: continuation.resume()\n      case .waiting(let error): continuation.⟦resume⟧(throwing: error)\n      default: break\n      }\n    }\n  }\n}',
          messages: ['fail'],
        },
        {
          code: 'connection.stateUpdateHandler = { [weak self] state in\n  switch state {\n  case .waiting(let error):\n    self?.log("waiting: \\(error)")\n    self?.⟦disconnect⟧()\n  default:\n    break\n  }\n}',
          messages: ['cancel'],
          note: 'an app method that closes',
        },
      ],
      valid: [
        {
          code: 'connection.stateUpdateHandler = { state in\n  switch state {\n  case .waiting(let error):\n    self.status = "Waiting for network: \\(error)"\n  case .failed(let error):\n    self.connectionDidFail(error: error)\n    connection.cancel()\n  default:\n    break\n  }\n}',
          note: 'only failed cancels',
        },
        {
          code: 'connection.stateUpdateHandler = { state in\n  switch state {\n  case .waiting:\n    self.waitTimer?.cancel()\n    if self.attempts > 3 { connection.cancel() }\n    self.retryTask?.cancel()\n  default:\n    break\n  }\n}',
          note: 'a timer or task cancelled; cancel behind a retry budget',
        },
        {
          code: 'connection.stateUpdateHandler = { state in\n  switch state {\n  case .waiting(let error) where error == .posix(.ECONNREFUSED):\n    connection.cancel()\n  case .waiting:\n    DispatchQueue.main.asyncAfter(deadline: .now() + 30) { connection.cancel() }\n  default:\n    break\n  }\n}',
          note: 'where clause; delayed cancel',
        },
        {
          code: 'enum DownloadState { case waiting, running }\nfunc update(_ state: DownloadState) {\n  switch state {\n  case .waiting: task.cancel(); fatalError("unexpected")\n  case .running: break\n  }\n}',
          note: 'an app enum with a waiting case',
        },
        {
          code: 'connection.stateUpdateHandler = { state in\n  // case .waiting: connection.cancel()\n  if case .waiting = state { self.banner.show("Waiting…") }\n  print("case .waiting: fatalError()")\n}',
          note: 'comment and string',
        },
        {
          code: 'func testWaiting() {\n  connection.stateUpdateHandler = { state in\n    if case .waiting = state { XCTFail("should not wait") }\n  }\n}',
          note: 'XCTFail in a test',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: '@implementation Client\n- (void)start {\n  nw_connection_set_state_changed_handler(self.connection, ^(nw_connection_state_t state, nw_error_t error) {\n    switch (state) {\n      case nw_connection_state_waiting:\n        ⟦nw_connection_cancel⟧(self.connection);\n        break;\n      default:\n        break;\n    }\n  });\n}\n@end',
          messages: ['cancelC'],
        },
        {
          code: '@implementation Client\n- (void)start {\n  nw_connection_set_state_changed_handler(self.connection, ^(nw_connection_state_t state, nw_error_t error) {\n    if (state == nw_connection_state_waiting || state == nw_connection_state_failed) {\n      [self.delegate ⟦clientDidFail⟧:self error:error];\n    }\n  });\n}\n@end',
          messages: ['failC'],
        },
        {
          code: '@implementation Server\n- (void)listen {\n  nw_listener_set_state_changed_handler(self.listener, ^(nw_listener_state_t state, nw_error_t error) {\n    switch (state) {\n      case nw_listener_state_waiting:\n      case nw_listener_state_failed:\n        ⟦nw_listener_cancel⟧(self.listener);\n        break;\n      default:\n        break;\n    }\n  });\n}\n@end',
          messages: ['cancelC'],
          note: 'empty waiting case falls through',
        },
      ],
      valid: [
        {
          code: '@implementation Client\n- (void)start {\n  nw_connection_set_state_changed_handler(self.connection, ^(nw_connection_state_t state, nw_error_t error) {\n    switch (state) {\n      case nw_connection_state_waiting:\n        [self showWaiting:error];\n        break;\n      case nw_connection_state_failed:\n        nw_connection_cancel(self.connection);\n        break;\n      default:\n        break;\n    }\n  });\n}\n@end',
        },
        {
          code: '@implementation Client\n- (void)start {\n  nw_connection_set_state_changed_handler(self.connection, ^(nw_connection_state_t state, nw_error_t error) {\n    if (state == nw_connection_state_waiting && self.retries++ > 5) { nw_connection_cancel(self.connection); }\n    if (state != nw_connection_state_waiting) { nw_connection_cancel(self.connection); }\n  });\n}\n@end',
          note: 'retry budget; != waiting',
        },
        {
          code: '@implementation Client\n- (void)start {\n  // case nw_connection_state_waiting: nw_connection_cancel(c);\n  NSLog(@"nw_connection_state_waiting");\n}\n@end',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: 'static void on_state(nw_connection_t c) {\n  nw_connection_set_state_changed_handler(c, ^(nw_connection_state_t state, nw_error_t error) {\n    if (state == nw_connection_state_waiting) {\n      fprintf(stderr, "waiting\\n");\n      ⟦nw_connection_cancel⟧(c);\n    }\n  });\n}',
          messages: ['cancelC'],
        },
        {
          code: 'static void on_state(nw_connection_t c) {\n  nw_connection_set_state_changed_handler(c, ^(nw_connection_state_t state, nw_error_t error) {\n    switch (state) {\n    case nw_connection_state_waiting:\n      ⟦abort⟧();\n    default:\n      break;\n    }\n  });\n}',
          messages: ['fatalC'],
        },
        {
          code: 'static void on_browse_state(struct app *app) {\n  nw_browser_set_state_changed_handler(app->browser, ^(nw_browser_state_t state, nw_error_t error) {\n    if (nw_browser_state_waiting == state) { ⟦report_failure⟧(app, error); }\n  });\n}',
          messages: ['failC'],
        },
      ],
      valid: [
        {
          code: 'static void on_state(nw_connection_t c) {\n  nw_connection_set_state_changed_handler(c, ^(nw_connection_state_t state, nw_error_t error) {\n    if (state == nw_connection_state_waiting) { show_status("waiting for network"); }\n    else if (state == nw_connection_state_failed) { nw_connection_cancel(c); }\n  });\n}',
        },
        {
          code: 'static void on_state(nw_connection_t c, dispatch_queue_t q) {\n  nw_connection_set_state_changed_handler(c, ^(nw_connection_state_t state, nw_error_t error) {\n    switch (state) {\n    case nw_connection_state_waiting:\n      dispatch_after(dispatch_time(DISPATCH_TIME_NOW, 30 * NSEC_PER_SEC), q, ^{ nw_connection_cancel(c); });\n      break;\n    default:\n      break;\n    }\n  });\n}',
          note: 'cancel after a timeout',
        },
        {
          code: 'static void on_state(nw_connection_t c) {\n#if 0\n  if (state == nw_connection_state_waiting) { nw_connection_cancel(c); }\n#endif\n  puts("nw_connection_state_waiting");\n}',
        },
      ],
    },
  },
});
