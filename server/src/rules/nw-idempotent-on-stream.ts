// nw-idempotent-on-stream: `.idempotent` / NW_CONNECTION_SEND_IDEMPOTENT_CONTENT used for data sent on a TCP connection.
import type { Node } from 'web-tree-sitter';
import {
  CNetworkFacts, SwiftNetworkFacts, cSend, isIdempotentCompletion, swiftSend, swiftUnwrap, type Send,
  NETWORK_FACT_TOKENS,
} from './apis/nw-data-facts';
import { defineRule } from './rule';
import { inInactiveRegion } from './syntax/conditional-compilation';
import { swiftImplicitMember, swiftMember } from './syntax/swift';
import { descendants } from './syntax/tree';

/** `nil`/`NULL` content, or a final-message context: a write-close, which has nothing to report. */
function isClose(send: Send): boolean {
  const content = send.content;
  if (content && /^(nil|NULL)$/.test(content.text.trim())) return true;
  const context = send.context;
  if (!context) return false;
  if (context.type === 'identifier') return context.text === 'NW_CONNECTION_FINAL_MESSAGE_CONTEXT';
  return swiftImplicitMember(context) === 'finalMessage' || swiftMember(context)?.name === 'finalMessage';
}

/** Content built from a string or array literal (`Data("PING".utf8)`, `"bye".data(using: .utf8)`): a small fixed message. */
function isLiteralMessage(content: Node | undefined): boolean {
  if (!content) return false;
  const node = swiftUnwrap(content);
  for (const d of [node, ...descendants(node)]) {
    if (d.type === 'line_string_literal' || d.type === 'array_literal' || d.type === 'string_literal') return true;
  }
  return false;
}

export default defineRule({
  id: 'nw-idempotent-on-stream',
  title: 'Idempotent send on a TCP connection',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'off',
  confidence: 'low',
  article: 'nw-idempotent-on-stream',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), sections Send and receive best effort messages and Start a stream',
    'https://developer.apple.com/documentation/network/nwconnection/sendcompletion/idempotent',
    'https://developer.apple.com/documentation/network/nwconnection/sendcompletion/contentprocessed(_:)',
    'https://developer.apple.com/documentation/network/nw_connection_send(_:_:_:_:_:)',
  ],
  messages: {
    idempotent: 'On a TCP connection .idempotent reports no completion, so send errors go unseen, nothing paces the sender, and Network framework may send the bytes on more than one connection attempt: use .contentProcessed { error in … } and send more from it.',
    idempotentC: 'On a TCP connection NW_CONNECTION_SEND_IDEMPOTENT_CONTENT reports no completion, so send errors go unseen, nothing paces the sender, and Network framework may send the bytes on more than one connection attempt: pass a completion block and send more from it.',
  },
  triggers: ['idempotent', 'NW_CONNECTION_SEND_IDEMPOTENT_CONTENT'],
  dependsOn: NETWORK_FACT_TOKENS,
  knownLimitations: [
    'The connection must be visibly TCP or TLS in this file; connections passed in as parameters are not checked.',
    'Write-closes (`nil`/`NULL` content or the final-message context) and small literal messages (`Data("PING".utf8)`) are not flagged.',
    'QUIC connections are not checked, although the same reasoning applies to a QUIC stream.',
  ],
  create(context) {
    const swift = context.language === 'swift';
    const candidates: Send[] = [];
    const consider = (send: Send | undefined) => {
      if (!send || !isIdempotentCompletion(send.completion) || isClose(send) || isLiteralMessage(send.content)) return;
      if (inInactiveRegion(send.nameNode, swift ? 'swift' : 'c-family')) return;
      candidates.push(send);
    };
    const finish = (facts: SwiftNetworkFacts | CNetworkFacts) => {
      for (const send of candidates) {
        if (facts.transportOf(send.receiver, 'connection') !== 'tcp' || !send.completion) continue;
        context.report({ node: send.completion, messageId: swift ? 'idempotent' : 'idempotentC' });
      }
    };
    if (swift) {
      const facts = new SwiftNetworkFacts();
      return {
        call_expression(node) {
          facts.visitCall(node);
          consider(swiftSend(node));
        },
        'file:exit'() { finish(facts); },
      };
    }
    const facts = new CNetworkFacts();
    return {
      call_expression(node) {
        facts.visitCall(node);
        consider(cSend(node));
      },
      'file:exit'() { finish(facts); },
    };
  },
  examples: {
    swift: {
      invalid: [
        'final class Uploader {\n  private let connection = NWConnection(host: "backup.local", port: 9000, using: .tcp)\n\n  func upload(_ chunk: Data) {\n    connection.send(content: chunk, completion: ⟦.idempotent⟧)\n  }\n}',
        {
          code: 'final class Sync {\n  var connection: NWConnection?\n\n  func open() {\n    connection = NWConnection(host: "sync.local", port: 443, using: .tls)\n  }\n\n  func push(_ record: Record) throws {\n    let payload = try JSONEncoder().encode(record)\n    connection?.send(content: payload, contentContext: .defaultMessage, isComplete: true, completion: ⟦NWConnection.SendCompletion.idempotent⟧)\n  }\n}',
          note: 'TLS over TCP, stored property',
        },
        'let listener = try NWListener(using: .tcp)\nlistener.newConnectionHandler = { connection in\n  connection.start(queue: .main)\n  connection.send(content: snapshot(), completion: ⟦.idempotent⟧)\n}',
      ],
      valid: [
        { code: 'let connection = NWConnection(host: "sensor.local", port: 5683, using: .udp)\nconnection.send(content: reading, completion: .idempotent)', note: 'UDP best-effort message' },
        {
          code: 'let connection = NWConnection(host: "backup.local", port: 9000, using: .tcp)\nconnection.send(content: nil, contentContext: .finalMessage, isComplete: true, completion: .idempotent)\nconnection.send(content: Data("PING\\n".utf8), completion: .idempotent)\nconnection.send(content: chunk, completion: .contentProcessed { error in report(error) })',
          note: 'write-close, small literal, proper completion',
        },
        { code: 'func push(_ data: Data, on connection: NWConnection) {\n  connection.send(content: data, completion: .idempotent)\n}', note: 'transport unknown' },
        { code: '// connection.send(content: chunk, completion: .idempotent) on TCP\nlet hint = ".idempotent"\nwebSocketTask.send(.data(chunk)) { _ in }', note: 'comment, string, other API' },
      ],
    },
    objc: {
      invalid: [
        {
          code: '@implementation Client\n- (void)connect {\n  _connection = nw_connection_create(self.endpoint, nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n}\n- (void)sendChunk:(dispatch_data_t)chunk {\n  nw_connection_send(_connection, chunk, NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ⟦NW_CONNECTION_SEND_IDEMPOTENT_CONTENT⟧);\n}\n@end',
          messages: ['idempotentC'],
        },
        {
          code: '@implementation Client\n- (void)sendReport:(dispatch_data_t)report to:(nw_endpoint_t)endpoint {\n  nw_connection_t connection = nw_connection_create(endpoint, nw_parameters_create_secure_tcp(NW_PARAMETERS_DEFAULT_CONFIGURATION, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  nw_connection_start(connection);\n  nw_connection_send(connection, report, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, ⟦NW_CONNECTION_SEND_IDEMPOTENT_CONTENT⟧);\n}\n@end',
          messages: ['idempotentC'],
        },
        {
          code: '@implementation Server\n- (void)start {\n  self.listener = nw_listener_create(nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  nw_listener_set_new_connection_handler(self.listener, ^(nw_connection_t connection) {\n    nw_connection_send(connection, [self snapshot], NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, ⟦NW_CONNECTION_SEND_IDEMPOTENT_CONTENT⟧);\n  });\n}\n@end',
          messages: ['idempotentC'],
        },
      ],
      valid: [
        {
          code: '@implementation Client\n- (void)sendChunk:(dispatch_data_t)chunk {\n  nw_connection_t connection = nw_connection_create(self.endpoint, nw_parameters_create_secure_udp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  nw_connection_send(connection, chunk, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n}\n@end',
          note: 'UDP',
        },
        {
          code: '@implementation Client\n- (void)finish {\n  nw_connection_t connection = nw_connection_create(self.endpoint, nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  nw_connection_send(connection, NULL, NW_CONNECTION_FINAL_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  nw_connection_send(connection, self.chunk, NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {});\n}\n@end',
          note: 'write-close; explicit completion',
        },
        { code: '@implementation Client\n- (void)send:(dispatch_data_t)chunk on:(nw_connection_t)connection {\n  nw_connection_send(connection, chunk, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n}\n@end', note: 'transport unknown' },
      ],
    },
    c: {
      invalid: [
        {
          code: 'void send_log(nw_endpoint_t endpoint, dispatch_data_t log) {\n  nw_parameters_t tcp = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  nw_connection_t connection = nw_connection_create(endpoint, tcp);\n  nw_connection_send(connection, log, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, ⟦NW_CONNECTION_SEND_IDEMPOTENT_CONTENT⟧);\n}',
          messages: ['idempotentC'],
        },
        {
          code: 'static nw_connection_t uplink;\nvoid open_uplink(nw_endpoint_t endpoint) {\n  uplink = nw_connection_create(endpoint, nw_parameters_create_secure_tcp(NW_PARAMETERS_DEFAULT_CONFIGURATION, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n}\nvoid push(dispatch_data_t sample) {\n  nw_connection_send(uplink, sample, NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ⟦NW_CONNECTION_SEND_IDEMPOTENT_CONTENT⟧);\n}',
          messages: ['idempotentC'],
        },
        {
          code: 'void serve(void) {\n  nw_listener_t listener = nw_listener_create(nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  nw_listener_set_new_connection_handler(listener, ^(nw_connection_t connection) {\n    nw_connection_send(connection, banner(), NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, ⟦NW_CONNECTION_SEND_IDEMPOTENT_CONTENT⟧);\n  });\n}',
          messages: ['idempotentC'],
        },
      ],
      valid: [
        { code: 'void push(nw_connection_t connection, dispatch_data_t sample) {\n  nw_connection_send(connection, sample, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n}', note: 'transport unknown' },
        {
          code: 'void ping(nw_endpoint_t endpoint, dispatch_data_t probe) {\n  nw_connection_t connection = nw_connection_create(endpoint, nw_parameters_create_secure_udp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  nw_connection_send(connection, probe, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n}',
          note: 'UDP',
        },
        {
          code: 'void close_send(nw_endpoint_t endpoint) {\n  nw_connection_t connection = nw_connection_create(endpoint, nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  /* nw_connection_send(connection, data, ctx, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT); */\n  nw_connection_send(connection, NULL, NW_CONNECTION_FINAL_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n}',
          note: 'write-close; comment',
        },
      ],
    },
  },
});
