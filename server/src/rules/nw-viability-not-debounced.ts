// nw-viability-not-debounced: a viability handler that cancels the connection the moment it reports "not viable".
import type { Node } from 'web-tree-sitter';
import {
  SELF_RECEIVER, TEARDOWN_NAME, cCalleeName, cHandlerCall, cPolarity, normalizePath, swiftBranchOf, swiftHandlerAssignment, swiftPolarity, type Polarity,
} from './apis/nw-lifecycle';
import { defineRule } from './rule';
import { C_FUNCTION_TYPES, cCall, objcMessage } from './syntax/c-family';
import { inInactiveRegion } from './syntax/conditional-compilation';
import { SWIFT_FUNCTION_TYPES, swiftCall } from './syntax/swift';
import { descendants } from './syntax/tree';

const SWIFT_HANDLERS = new Set(['viabilityUpdateHandler']);
const C_HANDLERS = new Set(['nw_connection_set_viability_changed_handler']);
const SWIFT_CANCELS = new Set(['cancel', 'forceCancel']);
const C_CANCELS = new Set(['nw_connection_cancel', 'nw_connection_force_cancel']);

/** Loops, short-circuit operators and other constructs after which a cancel is no longer "straight away on false". */
const SWIFT_OPAQUE = new Set([
  'ternary_expression', 'conjunction_expression', 'disjunction_expression', 'nil_coalescing_expression',
  'for_statement', 'while_statement', 'repeat_while_statement', 'catch_block', 'switch_entry',
]);
const C_OPAQUE = new Set(['conditional_expression', 'for_statement', 'while_statement', 'do_statement', 'for_in_statement', 'switch_statement', 'case_statement']);

interface Gate {
  /** How the gate relates to the viability flag, when one of its conditions tests it. */
  polarity?: Polarity;
  /** Some other condition takes part (a counter, a timestamp, a state check): treat it as a debounce. */
  other: boolean;
}

/** `if a, let b, c === d` / `guard …`: the conditions, split at the commas, read against the viability flag. */
function swiftGate(stmt: Node, param: string | undefined): Gate {
  const groups: Node[][] = [[]];
  for (const child of stmt.children) {
    if (!child || child.type === 'if' || child.type === 'guard') continue;
    if (child.type === '{' || child.type === 'else' || child.type === 'statements') break;
    if (child.type === ',') groups.push([]);
    else groups[groups.length - 1].push(child);
  }
  const gate: Gate = { other: false };
  for (const group of groups.filter((g) => g.length > 0)) {
    if (group[0].type === 'value_binding_pattern') continue;
    const only = group.length === 1 ? group[0] : undefined;
    if (only?.type === 'equality_expression' && ['===', '!=='].includes(only.childForFieldName('op')?.text ?? '')) continue;
    const p = only && param ? swiftPolarity(only, param) : undefined;
    if (p && !gate.polarity) gate.polarity = p;
    else gate.other = true;
  }
  return gate;
}

/** An early `return` / `throw` in an `if` body before the cancel, whose condition is about something else. */
function swiftEarlyExitOnOther(stmt: Node, param: string | undefined): boolean {
  if (stmt.type === 'guard_statement') return swiftGate(stmt, param).other;
  if (stmt.type !== 'if_statement') return false;
  const exits = [...descendants(stmt, (n) => SWIFT_FUNCTION_TYPES.has(n.type))].some((n) => n.type === 'control_transfer_statement'
    && ['return', 'throw_keyword'].includes(n.child(0)?.type ?? ''));
  return exits && swiftGate(stmt, param).other;
}

/**
 * Follows a cancel up to the handler. The cancel runs straight away on "not viable" when the first condition met
 * is the flag's false branch, or when there is none; an early exit on some other condition before it, or an extra
 * condition in the same test, counts as a debounce.
 */
function swiftCancelsOnFalse(cancel: Node, closure: Node, param: string | undefined): boolean {
  let child = cancel;
  let decided = false;
  for (let a = cancel.parent; a; child = a, a = a.parent) {
    if (a.type === 'statements') {
      for (let s = child.previousNamedSibling; s; s = s.previousNamedSibling) if (swiftEarlyExitOnOther(s, param)) return false;
    }
    if (a.id === closure.id) return true;
    if (decided) continue;
    if (SWIFT_OPAQUE.has(a.type) || SWIFT_FUNCTION_TYPES.has(a.type)) return false;
    if (a.type === 'if_statement' || a.type === 'guard_statement') {
      const branch = swiftBranchOf(a, child);
      const gate = swiftGate(a, param);
      if (branch === 'condition' || gate.other || !gate.polarity) return false;
      // `if !viable { cancel }`, `if viable { … } else { cancel }`, `guard viable else { cancel }`.
      if (!((branch === 'then' && gate.polarity === 'negates') || (branch === 'else' && gate.polarity === 'holds'))) return false;
      decided = true;
    }
  }
  return false;
}

const C_NULL_CHECK = /^\(?\s*(?:!\s*\w+|\w+\s*[=!]=\s*(?:NULL|nil|0))\s*\)?$/;

/** An early `if (…) return;` before the cancel whose condition is neither the flag nor a null check. */
function cEarlyExitOnOther(stmt: Node, param: string | undefined): boolean {
  if (stmt.type !== 'if_statement') return false;
  const cond = stmt.childForFieldName('condition');
  const exits = [...descendants(stmt, (n) => C_FUNCTION_TYPES.has(n.type))].some((n) => n.type === 'return_statement');
  if (!exits || !cond) return false;
  return !(param && cPolarity(cond, param)) && !C_NULL_CHECK.test(cond.text);
}

function cCancelsOnFalse(cancel: Node, block: Node, param: string | undefined): boolean {
  let child = cancel;
  let decided = false;
  for (let a = cancel.parent; a; child = a, a = a.parent) {
    if (a.type === 'compound_statement') {
      for (let s = child.previousNamedSibling; s; s = s.previousNamedSibling) if (cEarlyExitOnOther(s, param)) return false;
    }
    if (a.id === block.id) return true;
    if (decided) continue;
    if (C_OPAQUE.has(a.type) || C_FUNCTION_TYPES.has(a.type)) return false;
    if (a.type === 'binary_expression' && ['&&', '||'].includes(a.childForFieldName('operator')?.text ?? '')) return false;
    if (a.type === 'if_statement') {
      const cond = a.childForFieldName('condition');
      const p = cond && param ? cPolarity(cond, param) : undefined;
      if (!p || cond?.id === child.id) return false;
      const inElse = a.childForFieldName('alternative')?.id === child.id;
      if (!((!inElse && p === 'negates') || (inElse && p === 'holds'))) return false;
      decided = true;
    }
  }
  return false;
}

/** A cancel of the handler's connection, or an app method that closes it; returns the node to flag. */
function swiftTeardown(node: Node, connection: string): Node | undefined {
  const call = swiftCall(node);
  if (!call || call.trailingClosures.length > 0) return undefined;
  const receiver = call.receiver ? normalizePath(call.receiver.text) : undefined;
  if (SWIFT_CANCELS.has(call.name) && call.arguments.length === 0 && receiver === connection) return call.nameNode;
  if (!TEARDOWN_NAME.test(call.name)) return undefined;
  const owned = receiver === undefined || SELF_RECEIVER.test(call.receiver?.text.replace(/[?!]/g, '') ?? '')
    || (receiver !== '' && connection.startsWith(`${receiver}.`));
  return owned ? call.nameNode : undefined;
}

function cTeardown(node: Node, connection: string): Node | undefined {
  const call = cCall(node);
  if (call) {
    if (C_CANCELS.has(call.name)) return call.arguments.length === 1 && normalizePath(call.arguments[0].text) === connection ? call.nameNode : undefined;
    return TEARDOWN_NAME.test(call.name) && call.arguments.some((a) => normalizePath(a.text) === connection || connection.startsWith(`${normalizePath(a.text)}.`))
      ? call.nameNode : undefined;
  }
  const message = objcMessage(node);
  if (!message || !TEARDOWN_NAME.test(message.keywords[0].name)) return undefined;
  const receiver = message.receiver ? normalizePath(message.receiver.text) : '';
  const owned = SELF_RECEIVER.test(message.receiver?.text ?? '') || receiver === connection || (receiver !== '' && connection.startsWith(`${receiver}.`));
  return owned ? message.keywords[0].nameNode : undefined;
}

export default defineRule({
  id: 'nw-viability-not-debounced',
  title: 'Connection cancelled as soon as it becomes not viable',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'hint',
  confidence: 'medium',
  article: 'nw-viability-not-debounced',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), "Manage a connection"',
    'https://developer.apple.com/documentation/network/nwconnection/viabilityupdatehandler',
    'https://developer.apple.com/documentation/network/nw_connection_set_viability_changed_handler(_:_:)',
  ],
  messages: {
    swift: 'Losing viability is often temporary (Wi-Fi off for a moment, briefly out of range) and the handler is called again with true when the path returns, so do not close the connection at once: start a timer and close it only if it is still not viable when the timer fires.',
    c: 'Losing viability is often temporary and the handler is called again with true when the path returns, so do not close the connection at once: schedule a check (dispatch_after) and cancel only if it is still not viable then.',
  },
  knownLimitations: [
    'What counts as closing: `cancel()`/`forceCancel()` (nw_connection_cancel, nw_connection_force_cancel) on the connection whose handler is set (same variable or property path), and app methods on self or on the object that owns the connection whose names say they close it (`disconnect()`, `stop()`, `removeConnection(_:)`, `closeConnection`, `reconnect()`); other helpers are not followed.',
    'Any extra condition between the viability test and the close (a counter, a timestamp or state check, an early return on another condition) counts as a debounce, as does a close inside a nested closure or block. Bindings (`guard let self`) and identity checks (`===`) do not.',
  ],
  triggers: ['viabilityUpdateHandler', 'nw_connection_set_viability_changed_handler'],
  create(context) {
    const swift = context.language === 'swift';
    return {
      assignment(node) {
        if (!swift) return;
        const handler = swiftHandlerAssignment(node, SWIFT_HANDLERS);
        if (!handler?.body || inInactiveRegion(node, 'swift')) return;
        const connection = normalizePath(handler.target.text);
        for (const n of descendants(handler.body, (x) => SWIFT_FUNCTION_TYPES.has(x.type))) {
          const flagged = n.type === 'call_expression' ? swiftTeardown(n, connection) : undefined;
          if (flagged && swiftCancelsOnFalse(n, handler.closure, handler.param)) {
            context.report({ node: flagged, messageId: 'swift' });
            return;
          }
        }
      },
      call_expression(node) {
        if (swift || !C_HANDLERS.has(cCalleeName(node) ?? '')) return;
        const handler = cHandlerCall(node, C_HANDLERS);
        if (!handler?.body || inInactiveRegion(node, 'c-family')) return;
        const connection = normalizePath(handler.target.text);
        for (const n of descendants(handler.body, (x) => C_FUNCTION_TYPES.has(x.type))) {
          const flagged = n.type === 'call_expression' || n.type === 'message_expression' ? cTeardown(n, connection) : undefined;
          if (flagged && cCancelsOnFalse(n, handler.block, handler.param)) {
            context.report({ node: flagged, messageId: 'c' });
            return;
          }
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        'connection.viabilityUpdateHandler = { isViable in\n  if !isViable {\n    connection.⟦cancel⟧()\n  }\n}',
        {
          code: 'self.connection?.viabilityUpdateHandler = { [weak self] viable in\n  guard viable else {\n    self?.connection?.⟦cancel⟧()\n    self?.showDisconnected()\n    return\n  }\n  self?.hideBanner()\n}',
          note: 'guard … else',
        },
        {
          code: 'conn.viabilityUpdateHandler = { viable in\n  if viable {\n    print("viable again")\n  } else {\n    print("lost the path")\n    conn.⟦forceCancel⟧()\n  }\n}',
          note: 'else branch, forceCancel',
        },
        {
          code: 'peer.connection.viabilityUpdateHandler = { isViable in\n  if isViable == false { peer.connection.⟦cancel⟧() }\n}',
          note: '== false',
        },
        {
          code: 'connection.viabilityUpdateHandler = { _ in\n  connection.⟦cancel⟧()\n  self.reconnect()\n}',
          note: 'cancels on every change',
        },
        {
          code: 'func handleNewConnection(_ connection: NWConnection) {\n  connection.viabilityUpdateHandler = { [weak self] isViable in\n    if !isViable { self?.⟦removeConnection⟧(connection) }\n  }\n}',
          note: 'closed through an app method',
        },
        {
          code: 'newConnection.viabilityUpdateHandler = { [weak self, weak newConnection] isViable in\n  guard let self, let newConnection, newConnection === self.connection, !isViable else { return }\n  self.⟦stopConnection⟧()\n  self.scheduleReconnect()\n}',
          note: 'after a guard that returns while viable',
        },
      ],
      valid: [
        {
          code: 'connection.viabilityUpdateHandler = { [weak self] isViable in\n  guard let self else { return }\n  self.inviableTimer?.cancel()\n  if !isViable {\n    let timer = DispatchWorkItem { [weak self] in self?.connection.cancel() }\n    self.inviableTimer = timer\n    self.queue.asyncAfter(deadline: .now() + 10, execute: timer)\n  }\n}',
          note: 'debounced with a work item; the timer is what gets cancelled',
        },
        {
          code: 'connection.viabilityUpdateHandler = { isViable in\n  if !isViable {\n    DispatchQueue.main.asyncAfter(deadline: .now() + 5) {\n      if connection.state != .ready { connection.cancel() }\n    }\n  }\n}',
          note: 'cancel from a delayed closure',
        },
        {
          code: 'connection.viabilityUpdateHandler = { isViable in\n  self.banner.isHidden = isViable\n  if !isViable, self.inviableSince.map({ Date().timeIntervalSince($0) > 30 }) ?? false {\n    connection.cancel()\n  }\n}',
          note: 'extra condition (time already spent not viable)',
        },
        {
          code: 'connection.viabilityUpdateHandler = { isViable in\n  if isViable { connection.cancel() }\n  if !isViable { self.uploadTask?.cancel() }\n}',
          note: 'true branch; another object cancelled',
        },
        {
          code: 'connection.betterPathUpdateHandler = { better in\n  if !better { connection.cancel() }\n}\n// connection.viabilityUpdateHandler = { v in if !v { connection.cancel() } }',
          note: 'another handler; a comment',
        },
        {
          code: 'connection.viabilityUpdateHandler = { [weak self] isViable in\n  guard let self else { return }\n  if isViable { self.inviableCount = 0; return }\n  self.inviableCount += 1\n  guard self.inviableCount >= 3 else { return }\n  self.disconnect()\n}',
          note: 'counted: an early return on another condition',
        },
        {
          code: 'connection.viabilityUpdateHandler = { [weak self] isViable in\n  if !isViable {\n    self?.stopSpinner()\n    self?.showBanner("Connection lost, waiting…")\n    self?.scheduleReconnect(after: 10)\n  }\n}',
          note: 'only UI and a scheduled retry',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: '@implementation Peer\n- (void)watch {\n  nw_connection_set_viability_changed_handler(self.connection, ^(bool value) {\n    if (!value) {\n      ⟦nw_connection_cancel⟧(self.connection);\n    }\n  });\n}\n@end',
          messages: ['c'],
        },
        {
          code: '@implementation Peer\n- (void)watch:(nw_connection_t)connection {\n  nw_connection_set_viability_changed_handler(connection, ^(bool viable) {\n    if (viable == false) { ⟦nw_connection_force_cancel⟧(connection); }\n  });\n}\n@end',
          messages: ['c'],
        },
        {
          code: '@implementation Peer\n- (void)watch {\n  nw_connection_set_viability_changed_handler(_connection, ^(bool viable) {\n    if (viable) {\n      [self.delegate peerDidRecover:self];\n    } else {\n      ⟦nw_connection_cancel⟧(_connection);\n    }\n  });\n}\n@end',
          messages: ['c'],
          note: 'else branch',
        },
        {
          code: '@implementation Peer\n- (void)watch {\n  __weak typeof(self) weakSelf = self;\n  nw_connection_set_viability_changed_handler(self.connection, ^(bool viable) {\n    if (!weakSelf) { return; }\n    if (!viable) { [weakSelf ⟦disconnect⟧]; }\n  });\n}\n@end',
          messages: ['c'],
          note: 'an app method on self, after a nil check',
        },
      ],
      valid: [
        {
          code: '@implementation Peer\n- (void)watch {\n  nw_connection_set_viability_changed_handler(self.connection, ^(bool viable) {\n    if (!viable) {\n      dispatch_after(dispatch_time(DISPATCH_TIME_NOW, 10 * NSEC_PER_SEC), self.queue, ^{\n        if (!self.viable) { nw_connection_cancel(self.connection); }\n      });\n    }\n    self.viable = viable;\n  });\n}\n@end',
          note: 'debounced with dispatch_after',
        },
        {
          code: '@implementation Peer\n- (void)watch {\n  nw_connection_set_viability_changed_handler(self.connection, ^(bool viable) {\n    if (!viable) { [self.timer invalidate]; nw_connection_cancel(self.otherConnection); }\n  });\n}\n@end',
          note: 'another connection',
        },
        {
          code: '@implementation Peer\n- (void)watch {\n  nw_connection_set_state_changed_handler(self.connection, ^(nw_connection_state_t state, nw_error_t error) {\n    if (state == nw_connection_state_failed) { nw_connection_cancel(self.connection); }\n  });\n}\n@end',
          note: 'state handler, not viability',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: 'static void watch(nw_connection_t connection) {\n  nw_connection_set_viability_changed_handler(connection, ^(bool value) {\n    if (!value) { ⟦nw_connection_cancel⟧(connection); }\n  });\n}',
          messages: ['c'],
        },
        {
          code: 'static void watch(struct peer *peer) {\n  nw_connection_set_viability_changed_handler(peer->connection, ^(bool viable) {\n    if (viable) { return; }\n    ⟦nw_connection_cancel⟧(peer->connection);\n  });\n}',
          messages: ['c'],
          note: 'early return on viable',
        },
        {
          code: 'static void watch(nw_connection_t c) {\n  nw_connection_set_viability_changed_handler(c, ^(bool is_viable) {\n    if ((is_viable != true)) {\n      log_event("inviable");\n      ⟦nw_connection_force_cancel⟧(c);\n    }\n  });\n}',
          messages: ['c'],
        },
      ],
      valid: [
        {
          code: 'static void watch(struct peer *peer) {\n  nw_connection_set_viability_changed_handler(peer->connection, ^(bool viable) {\n    peer->viable = viable;\n    if (!viable && peer->inviable_checks++ > 3) { nw_connection_cancel(peer->connection); }\n  });\n}',
          note: 'counted before cancelling',
        },
        {
          code: 'static void watch(nw_connection_t c, dispatch_queue_t q) {\n  nw_connection_set_viability_changed_handler(c, ^(bool viable) {\n    if (!viable) {\n      dispatch_after(dispatch_time(DISPATCH_TIME_NOW, 5 * NSEC_PER_SEC), q, ^{ nw_connection_cancel(c); });\n    }\n  });\n}',
        },
        {
          code: 'static void watch(nw_connection_t c) {\n#if 0\n  nw_connection_set_viability_changed_handler(c, ^(bool v) { if (!v) { nw_connection_cancel(c); } });\n#endif\n  nw_connection_set_viability_changed_handler(c, ^(bool v) { if (v) { resume_uploads(); } });\n}',
          note: '#if 0',
        },
      ],
    },
  },
});
