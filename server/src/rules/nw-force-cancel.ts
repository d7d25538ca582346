// nw-force-cancel: forceCancel() / nw_connection_force_cancel in an ordinary close path, where cancel() closes gracefully.
import type { Node } from 'web-tree-sitter';
import {
  cCalleeName, cEnclosingFunction, cFunctionName, swiftCalleeName, swiftCallTakingClosure, swiftEnclosingFunction,
} from './apis/nw-lifecycle';
import { defineRule, type ReportDescriptor } from './rule';
import { cCall } from './syntax/c-family';
import { inInactiveRegion } from './syntax/conditional-compilation';
import { swiftCall } from './syntax/swift';
import { ancestors, namedChildren } from './syntax/tree';

/**
 * Places where closing at once is the point: object teardown and process exit (nothing is left to wait for the
 * graceful close), and timeouts or dead-peer detection (the case Apple DTS gives for forceCancel). Matched on the
 * words of a name (`peerTimedOut` → "peer timed out"), so `mapping` does not count as a ping.
 */
const EXCEPTIONAL_FUNCTION = /\b(?:deinit|dealloc|tear ?down|terminat\w*|time ?outs?|timed ?out|deadlines?|expired?|unresponsive|deaf|dead|stale|idle|watchdog|heart ?beats?|keep ?alives?|pings?|pongs?|hung|stuck|forced?|abort\w*|kill\w*|emergency|responding|no response)\b/;
/** Conditions that test for a timeout or a silent peer. */
const EXCEPTIONAL_CONDITION = /\b(?:time ?outs?|timed ?out|deadlines?|expired?|elapsed|unresponsive|deaf|dead|stale|idle|watchdog|heart ?beats?|keep ?alives?|pings?|pongs?|hung|stuck|missed|responding|no response)\b/;

/** `peerTimedOut` → "peer timed out", `on_keepalive_timeout` → "on keepalive timeout". */
function words(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').replace(/[^A-Za-z0-9]+/g, ' ').toLowerCase();
}

/** Calls that run a closure later: a timer or delayed work, i.e. a timeout. */
const SWIFT_TIMER_CALLS = /^(asyncAfter|scheduledTimer|Timer|schedule|setEventHandler|DispatchWorkItem|sleep)$/;
const C_TIMER_CALLS = new Set(['dispatch_after', 'dispatch_after_f', 'dispatch_source_set_event_handler']);

function swiftExceptional(node: Node): boolean {
  const fn = swiftEnclosingFunction(node);
  if (fn?.type === 'deinit_declaration') return true;
  if (fn?.type === 'function_declaration' && EXCEPTIONAL_FUNCTION.test(words(fn.childForFieldName('name')?.text ?? ''))) return true;
  for (const a of ancestors(node)) {
    if (a.id === fn?.id) break;
    if (a.type === 'lambda_literal') {
      const taker = swiftCallTakingClosure(a);
      const name = taker ? swiftCall(taker)?.name : undefined;
      if (name && SWIFT_TIMER_CALLS.test(name)) return true;
    } else if (a.type === 'if_statement' || a.type === 'guard_statement' || a.type === 'while_statement') {
      if (a.childrenForFieldName('condition').some((c) => EXCEPTIONAL_CONDITION.test(words(c.text)))) return true;
    } else if (a.type === 'switch_entry') {
      if (namedChildren(a).some((c) => c.type === 'switch_pattern' && EXCEPTIONAL_CONDITION.test(words(c.text)))) return true;
    }
  }
  return false;
}

function cExceptional(node: Node): boolean {
  const fn = cEnclosingFunction(node);
  if (fn && EXCEPTIONAL_FUNCTION.test(words(cFunctionName(fn) ?? ''))) return true;
  for (const a of ancestors(node)) {
    if (a.id === fn?.id) break;
    if (a.type === 'block_literal') {
      const taker = a.parent?.type === 'argument_list' && a.parent.parent ? cCall(a.parent.parent) : undefined;
      if (taker && C_TIMER_CALLS.has(taker.name)) return true;
    } else if (a.type === 'if_statement' || a.type === 'while_statement') {
      if (EXCEPTIONAL_CONDITION.test(words(a.childForFieldName('condition')?.text ?? ''))) return true;
    } else if (a.type === 'case_statement') {
      if (EXCEPTIONAL_CONDITION.test(words(a.childForFieldName('value')?.text ?? ''))) return true;
    }
  }
  return false;
}

function isNetworkImport(node: Node): boolean {
  const path = namedChildren(node).find((c) => c.type === 'identifier');
  return path !== undefined && (path.text === 'Network' || path.text.startsWith('Network.'));
}

export default defineRule({
  id: 'nw-force-cancel',
  title: 'forceCancel() used for an ordinary close',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'hint',
  confidence: 'medium',
  article: 'nw-force-cancel',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), "Manage a connection"',
    'https://developer.apple.com/documentation/network/nwconnection/forcecancel()',
    'https://developer.apple.com/documentation/network/nwconnection/cancel()',
    'https://developer.apple.com/documentation/network/nw_connection_force_cancel(_:)',
  ],
  messages: {
    swift: 'forceCancel() tears the connection down at once, without a graceful close; use cancel() for ordinary disconnects and keep forceCancel() for a peer that has stopped responding.',
    c: 'nw_connection_force_cancel tears the connection down at once, without a graceful close; use nw_connection_cancel for ordinary disconnects and keep the forced variant for a peer that has stopped responding.',
  },
  knownLimitations: [
    'The "exceptional" contexts are recognised by the words of names: deinit/dealloc, teardown, termination, abort, kill or force… functions; functions and if/guard/case conditions that mention a timeout, a deadline, a dead, idle, stale or unresponsive peer, keep-alives, heartbeats or pings; and closures run by a timer (asyncAfter, Timer, DispatchWorkItem, dispatch_after, a dispatch source handler). A timeout detected elsewhere and passed in under a neutral name is not recognised, and an ordinary close inside such a function is not flagged.',
    'Swift: `forceCancel()` is only flagged in files that import Network, and the receiver type is not checked.',
  ],
  triggers: ['forceCancel', 'nw_connection_force_cancel'],
  create(context) {
    const swift = context.language === 'swift';
    let importsNetwork = false;
    const pending: ReportDescriptor[] = [];
    return {
      import_declaration(node) {
        if (isNetworkImport(node)) importsNetwork = true;
      },
      call_expression(node) {
        if (swift) {
          if (swiftCalleeName(node) !== 'forceCancel') return;
          const call = swiftCall(node);
          if (call?.name !== 'forceCancel' || !call.receiver || call.arguments.length > 0 || call.trailingClosures.length > 0) return;
          if (swiftExceptional(node) || inInactiveRegion(node, 'swift')) return;
          const { startIndex, endIndex } = call.nameNode;
          pending.push({
            node: call.nameNode, messageId: 'swift',
            suggestions: [{ title: 'Use cancel() (graceful close)', edits: [{ startIndex, endIndex, text: 'cancel' }] }],
          });
          return;
        }
        if (cCalleeName(node) !== 'nw_connection_force_cancel') return;
        const call = cCall(node);
        if (call?.name !== 'nw_connection_force_cancel' || cExceptional(node) || inInactiveRegion(node, 'c-family')) return;
        const { startIndex, endIndex } = call.nameNode;
        context.report({
          node: call.nameNode, messageId: 'c',
          suggestions: [{ title: 'Use nw_connection_cancel (graceful close)', edits: [{ startIndex, endIndex, text: 'nw_connection_cancel' }] }],
        });
      },
      'file:exit'() {
        if (importsNetwork) for (const finding of pending) context.report(finding);
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'import Network\n\nfinal class ChatSession {\n  let connection: NWConnection\n  init(connection: NWConnection) { self.connection = connection }\n  func leave() {\n    connection.⟦forceCancel⟧()\n  }\n}',
          output: 'import Network\n\nfinal class ChatSession {\n  let connection: NWConnection\n  init(connection: NWConnection) { self.connection = connection }\n  func leave() {\n    connection.cancel()\n  }\n}',
        },
        {
          code: 'import Network\n\nfunc userTappedDisconnect() {\n  self.connection?.⟦forceCancel⟧()\n  self.connection = nil\n}',
          output: 'import Network\n\nfunc userTappedDisconnect() {\n  self.connection?.cancel()\n  self.connection = nil\n}',
        },
        {
          code: 'import Network\n\nconnection.stateUpdateHandler = { state in\n  if case .failed = state { connection.⟦forceCancel⟧() }\n}\nfunc finishUpload() {\n  upload.send(content: nil, contentContext: .finalMessage, isComplete: true, completion: .contentProcessed { _ in\n    upload.⟦forceCancel⟧()\n  })\n}',
          output: 'import Network\n\nconnection.stateUpdateHandler = { state in\n  if case .failed = state { connection.cancel() }\n}\nfunc finishUpload() {\n  upload.send(content: nil, contentContext: .finalMessage, isComplete: true, completion: .contentProcessed { _ in\n    upload.cancel()\n  })\n}',
          note: 'force-closing right after the final send can drop it',
        },
        {
          code: 'import Network\n\nfunc stopMapping() {\n  tunnel.⟦forceCancel⟧()\n}',
          output: 'import Network\n\nfunc stopMapping() {\n  tunnel.cancel()\n}',
          note: '"mapping" is not a ping',
        },
      ],
      valid: [
        {
          code: 'import Network\n\nfinal class Peer {\n  var connection: NWConnection?\n  deinit { connection?.forceCancel() }\n  func peerStoppedResponding() { connection?.forceCancel() }\n  func checkPeer() {\n    if missedPings > 3 { connection?.forceCancel() }\n  }\n}',
          note: 'deinit, dead-peer function, ping condition',
        },
        {
          code: 'import Network\n\nfunc connect() {\n  connection.start(queue: queue)\n  queue.asyncAfter(deadline: .now() + 10) { [weak self] in\n    guard let self, self.connection.state != .ready else { return }\n    self.connection.forceCancel()\n  }\n  let timeout = DispatchWorkItem { self.connection.forceCancel() }\n  queue.asyncAfter(deadline: .now() + 5, execute: timeout)\n}',
          note: 'connect timeouts',
        },
        {
          code: 'import Foundation\n\nfinal class Job { func forceCancel() {} }\nfunc stop(_ job: Job) { job.forceCancel() }',
          note: 'no Network import: some other forceCancel',
        },
        {
          code: 'import Network\n\n// connection.forceCancel()\nlet hint = "call connection.forceCancel() only for a dead peer"\nconnection.cancel()\n#if false\nconnection.forceCancel()\n#endif',
          note: 'comment, string, graceful cancel, #if false',
        },
        {
          code: 'import Network\n\nfunc applicationWillTerminate() { connection.forceCancel() }\nfunc tearDown() { connection.forceCancel() }\nfunc peerTimedOut() { connection.forceCancel() }',
          note: 'process exit, test teardown, timeout handler',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: '@implementation ChatSession\n- (void)leave {\n  ⟦nw_connection_force_cancel⟧(self.connection);\n}\n@end',
          messages: ['c'],
          output: '@implementation ChatSession\n- (void)leave {\n  nw_connection_cancel(self.connection);\n}\n@end',
        },
        {
          code: '@implementation ChatSession\n- (IBAction)disconnectTapped:(id)sender {\n  ⟦nw_connection_force_cancel⟧(_connection);\n  _connection = nil;\n}\n@end',
          messages: ['c'],
          output: '@implementation ChatSession\n- (IBAction)disconnectTapped:(id)sender {\n  nw_connection_cancel(_connection);\n  _connection = nil;\n}\n@end',
        },
        {
          code: '@implementation Uploader\n- (void)finish {\n  nw_connection_send(self.connection, NULL, NW_CONNECTION_FINAL_MESSAGE_CONTEXT, true, ^(nw_error_t error) {\n    ⟦nw_connection_force_cancel⟧(self.connection);\n  });\n}\n@end',
          messages: ['c'],
          output: '@implementation Uploader\n- (void)finish {\n  nw_connection_send(self.connection, NULL, NW_CONNECTION_FINAL_MESSAGE_CONTEXT, true, ^(nw_error_t error) {\n    nw_connection_cancel(self.connection);\n  });\n}\n@end',
        },
      ],
      valid: [
        {
          code: '@implementation Peer\n- (void)dealloc {\n  nw_connection_force_cancel(_connection);\n}\n- (void)peerTimedOut {\n  nw_connection_force_cancel(_connection);\n}\n@end',
        },
        {
          code: '@implementation Peer\n- (void)startWatchdog {\n  dispatch_after(dispatch_time(DISPATCH_TIME_NOW, 10 * NSEC_PER_SEC), self.queue, ^{\n    if (!self.gotReply) { nw_connection_force_cancel(self.connection); }\n  });\n}\n@end',
        },
        {
          code: '@implementation Peer\n- (void)leave {\n  // nw_connection_force_cancel(self.connection);\n  nw_connection_cancel(self.connection);\n  NSLog(@"nw_connection_force_cancel not needed");\n}\n@end',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: 'void client_close(struct client *client) {\n  ⟦nw_connection_force_cancel⟧(client->connection);\n  nw_release(client->connection);\n}',
          messages: ['c'],
          output: 'void client_close(struct client *client) {\n  nw_connection_cancel(client->connection);\n  nw_release(client->connection);\n}',
        },
        {
          code: 'static void on_done(nw_connection_t c) {\n  nw_connection_send(c, NULL, NW_CONNECTION_FINAL_MESSAGE_CONTEXT, true, ^(nw_error_t error) {\n    ⟦nw_connection_force_cancel⟧(c);\n  });\n}',
          messages: ['c'],
          output: 'static void on_done(nw_connection_t c) {\n  nw_connection_send(c, NULL, NW_CONNECTION_FINAL_MESSAGE_CONTEXT, true, ^(nw_error_t error) {\n    nw_connection_cancel(c);\n  });\n}',
        },
        {
          code: 'void disconnect_all(nw_connection_t *connections, size_t count) {\n  for (size_t i = 0; i < count; i++) { ⟦nw_connection_force_cancel⟧(connections[i]); }\n}',
          messages: ['c'],
          output: 'void disconnect_all(nw_connection_t *connections, size_t count) {\n  for (size_t i = 0; i < count; i++) { nw_connection_cancel(connections[i]); }\n}',
        },
      ],
      valid: [
        {
          code: 'static void on_keepalive_timeout(struct peer *peer) {\n  nw_connection_force_cancel(peer->connection);\n}',
        },
        {
          code: 'static void check_peer(struct peer *peer, uint64_t now) {\n  if (now - peer->last_seen > PEER_TIMEOUT) { nw_connection_force_cancel(peer->connection); }\n}',
          note: 'timeout condition',
        },
        {
          code: 'static void watch(struct peer *peer) {\n  dispatch_source_set_event_handler(peer->timer, ^{ nw_connection_force_cancel(peer->connection); });\n#if 0\n  nw_connection_force_cancel(peer->connection);\n#endif\n}',
          note: 'timer handler; #if 0',
        },
      ],
    },
  },
});
