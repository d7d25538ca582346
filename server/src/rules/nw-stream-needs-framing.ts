// nw-stream-needs-framing: a TCP/TLS connection read as if it carried messages (receiveMessage, or decoding each received chunk) with no framer.
import type { Node } from 'web-tree-sitter';
import {
  CNetworkFacts, SwiftNetworkFacts, cReceive, mentions, receivedDataNames, swiftReceive, type Receive,
  NETWORK_FACT_TOKENS,
} from './apis/nw-data-facts';
import { defineRule } from './rule';
import { objcMessage } from './syntax/c-family';
import { inInactiveRegion } from './syntax/conditional-compilation';
import { swiftCall } from './syntax/swift';
import { descendants } from './syntax/tree';

/** A call in the handler that decodes one whole message from the received chunk. */
function swiftDecodeOfChunk(handler: Node, names: ReadonlySet<string>): Node | undefined {
  for (const node of descendants(handler)) {
    if (node.type !== 'call_expression') continue;
    const call = swiftCall(node);
    if (!call) continue;
    const from = (label: string) => call.arguments.find((a) => a.label === label)?.value;
    if (call.name === 'decode' && call.arguments.length === 2 && mentions(from('from'), names)) return call.nameNode;
    if (call.name === 'jsonObject' && mentions(from('with'), names)) return call.nameNode;
    if (call.name === 'propertyList' && mentions(from('from'), names)) return call.nameNode;
  }
  return undefined;
}

function objcDecodeOfChunk(handler: Node, names: ReadonlySet<string>): Node | undefined {
  for (const node of descendants(handler)) {
    const message = node.type === 'message_expression' ? objcMessage(node) : undefined;
    if (!message || !message.selector.startsWith('JSONObjectWithData:')) continue;
    if (mentions(message.keywords[0].argument, names)) return message.keywords[0].nameNode;
  }
  return undefined;
}

interface Candidate {
  receive: Receive;
  /** The decode call to flag, for byte receives. */
  decode?: Node;
}

export default defineRule({
  id: 'nw-stream-needs-framing',
  title: 'TCP stream read as if it carried messages',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'off',
  confidence: 'medium',
  article: 'nw-stream-needs-framing',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), sections Choose a protocol to match your send mode and Send and receive reliable messages',
    'https://developer.apple.com/documentation/network/nwconnection/receivemessage(completion:)',
    'https://developer.apple.com/documentation/network/nw_connection_receive_message(_:_:)',
    'https://developer.apple.com/documentation/network/nwprotocolframer',
  ],
  messages: {
    receiveMessage: 'On a TCP or TLS connection receiveMessage delivers nothing until the peer closes the stream: add an NWProtocolFramer or WebSocket to the protocol stack, or read with receive(minimumIncompleteLength:maximumLength:) and split the bytes yourself.',
    receiveMessageC: 'On a TCP or TLS connection nw_connection_receive_message delivers nothing until the peer closes the stream: add a framer (nw_framer_create_definition) or WebSocket (nw_ws_create_options), or use nw_connection_receive and split the bytes yourself.',
    decodeChunk: 'A TCP receive can return part of a message or several messages at once: frame the stream (a length prefix, an NWProtocolFramer, or WebSocket) and decode only complete messages.',
  },
  triggers: ['receive', 'receiveMessage', 'nw_connection_receive', 'nw_connection_receive_message'],
  dependsOn: NETWORK_FACT_TOKENS,
  knownLimitations: [
    'The connection must be visibly TCP or TLS in this file (`.tcp`, `.tls`, `NWParameters(tls:)`, `nw_parameters_create_secure_tcp`, directly, through a local or stored property, or as a connection accepted by such a listener); otherwise the rule stays silent.',
    'Any use of NWProtocolFramer, NWProtocolWebSocket or the C framer/WebSocket functions anywhere in the file silences the rule for the whole file.',
    'A protocol where the peer sends one message and then closes its side (request, response, close) legitimately uses receiveMessage on TCP; suppress the finding there.',
    'QUIC streams are not checked: one stream per message is a legitimate QUIC design.',
    'Chunk decoding is recognised for JSONDecoder/PropertyListDecoder `decode(_:from:)`, `JSONSerialization.jsonObject(with:)`, `PropertyListSerialization.propertyList(from:)` and `+[NSJSONSerialization JSONObjectWithData:…]` applied to the received data; reads with equal minimum and maximum lengths are treated as already framed.',
  ],
  create(context) {
    const swift = context.language === 'swift';
    const candidates: Candidate[] = [];
    const consider = (receive: Receive | undefined) => {
      if (!receive || inInactiveRegion(receive.nameNode, swift ? 'swift' : 'c-family')) return;
      if (receive.kind === 'message') {
        candidates.push({ receive });
        return;
      }
      if (!receive.handler || (receive.minimum && receive.maximum && receive.minimum.text === receive.maximum.text)) return;
      const names = receivedDataNames(receive.handler, swift);
      const decode = swift ? swiftDecodeOfChunk(receive.handler, names) : objcDecodeOfChunk(receive.handler, names);
      if (decode) candidates.push({ receive, decode });
    };
    const finish = (facts: SwiftNetworkFacts | CNetworkFacts) => {
      if (facts.framed) return;
      for (const { receive, decode } of candidates) {
        if (facts.transportOf(receive.receiver, 'connection') !== 'tcp') continue;
        if (decode) context.report({ node: decode, messageId: 'decodeChunk' });
        else context.report({ node: receive.nameNode, messageId: swift ? 'receiveMessage' : 'receiveMessageC' });
      }
    };
    if (swift) {
      const facts = new SwiftNetworkFacts();
      return {
        call_expression(node) {
          facts.visitCall(node);
          consider(swiftReceive(node));
        },
        simple_identifier(node) { facts.visitIdentifier(node); },
        type_identifier(node) { facts.visitIdentifier(node); },
        'file:exit'() { finish(facts); },
      };
    }
    const facts = new CNetworkFacts();
    return {
      call_expression(node) {
        facts.visitCall(node);
        consider(cReceive(node));
      },
      'file:exit'() { finish(facts); },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'final class ChatClient {\n  private let connection = NWConnection(host: "chat.local", port: 7000, using: .tcp)\n\n  func receiveNext() {\n    connection.⟦receiveMessage⟧ { data, _, _, error in\n      if let data { self.show(data) }\n      if error == nil { self.receiveNext() }\n    }\n  }\n}',
          messages: ['receiveMessage'],
        },
        {
          code: 'let listener = try NWListener(using: NWParameters(tls: tlsOptions))\nlistener.newConnectionHandler = { connection in\n  connection.start(queue: .main)\n  connection.⟦receiveMessage⟧ { data, _, _, _ in handle(data) }\n}',
          messages: ['receiveMessage'],
          note: 'accepted connections inherit the listener parameters',
        },
        {
          code: 'final class StatusClient {\n  var connection: NWConnection?\n\n  func connect() {\n    connection = NWConnection(host: "printer.local", port: 9100, using: .tcp)\n    connection?.start(queue: .main)\n  }\n\n  func readStatus() {\n    connection?.receive(minimumIncompleteLength: 1, maximumLength: 65_536) { data, _, _, _ in\n      guard let data else { return }\n      let status = try? JSONDecoder().⟦decode⟧(PrinterStatus.self, from: data)\n      self.update(status)\n      self.readStatus()\n    }\n  }\n}',
          messages: ['decodeChunk'],
          note: 'decoding each received chunk as one message',
        },
      ],
      valid: [
        {
          code: 'let parameters = NWParameters.tcp\nlet framer = NWProtocolFramer.Options(definition: LengthPrefixFramer.definition)\nparameters.defaultProtocolStack.applicationProtocols.insert(framer, at: 0)\nlet connection = NWConnection(host: "chat.local", port: 7000, using: parameters)\nconnection.receiveMessage { data, _, _, _ in show(data) }',
          note: 'a framer in the stack',
        },
        {
          code: 'let connection = NWConnection(host: "sensor.local", port: 5683, using: .udp)\nconnection.receiveMessage { data, _, _, _ in\n  let reading = try? JSONDecoder().decode(Reading.self, from: data!)\n}',
          note: 'UDP datagrams are messages',
        },
        {
          code: 'func read(on connection: NWConnection) {\n  connection.receiveMessage { data, _, _, _ in show(data) }\n}',
          note: 'transport not visible in this file',
        },
        {
          code: 'let connection = NWConnection(host: "printer.local", port: 9100, using: .tcp)\nconnection.receive(minimumIncompleteLength: 4, maximumLength: 4) { header, _, _, _ in\n  let length = header.map(parseLength) ?? 0\n  connection.receive(minimumIncompleteLength: length, maximumLength: length) { body, _, _, _ in\n    let status = try? JSONDecoder().decode(PrinterStatus.self, from: body!)\n  }\n}\nconnection.receive(minimumIncompleteLength: 1, maximumLength: 65_536) { data, _, _, _ in\n  self.buffer.append(data!)\n  let message = try? JSONDecoder().decode(PrinterStatus.self, from: self.buffer)\n}',
          note: 'length-prefixed reads; decoding an accumulated buffer',
        },
        {
          code: '// connection.receiveMessage on TCP never completes until close\nlet note = "receiveMessage on .tcp"\n#if false\nlet tcp = NWConnection(host: "a", port: 1, using: .tcp)\ntcp.receiveMessage { _, _, _, _ in }\n#endif',
          note: 'comment, string, inactive code',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: '@implementation Client\n- (void)connect {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  _connection = nw_connection_create(self.endpoint, parameters);\n}\n- (void)readNext {\n  ⟦nw_connection_receive_message⟧(_connection, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    [self handle:content];\n  });\n}\n@end',
          messages: ['receiveMessageC'],
        },
        {
          code: '@implementation Client\n- (void)readStatus:(nw_endpoint_t)endpoint {\n  nw_connection_t connection = nw_connection_create(endpoint, nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  nw_connection_receive(connection, 1, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    NSDictionary *status = [NSJSONSerialization ⟦JSONObjectWithData⟧:(NSData *)content options:0 error:nil];\n    [self update:status];\n  });\n}\n@end',
          messages: ['decodeChunk'],
        },
        {
          code: '- (void)serve {\n  nw_listener_t listener = nw_listener_create(nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  nw_listener_set_new_connection_handler(listener, ^(nw_connection_t connection) {\n    ⟦nw_connection_receive_message⟧(connection, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {});\n  });\n}',
          messages: ['receiveMessageC'],
          note: 'accepted connection',
        },
      ],
      valid: [
        {
          code: '@implementation Client\n- (void)connect {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  nw_protocol_stack_t stack = nw_parameters_copy_default_protocol_stack(parameters);\n  nw_protocol_stack_prepend_application_protocol(stack, nw_ws_create_options(nw_ws_version_13));\n  _connection = nw_connection_create(self.endpoint, parameters);\n  nw_connection_receive_message(_connection, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {});\n}\n@end',
          note: 'WebSocket keeps message boundaries',
        },
        {
          code: 'nw_connection_t connection = nw_connection_create(endpoint, nw_parameters_create_secure_udp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\nnw_connection_receive_message(connection, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {});',
          note: 'UDP',
        },
        {
          code: '@implementation Client\n- (void)read:(nw_connection_t)connection {\n  nw_connection_receive_message(connection, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {});\n}\n@end',
          note: 'transport unknown',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: 'void read_reply(nw_endpoint_t endpoint) {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DEFAULT_CONFIGURATION, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  nw_connection_t connection = nw_connection_create(endpoint, parameters);\n  ⟦nw_connection_receive_message⟧(connection, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    handle_reply(content);\n  });\n}',
          messages: ['receiveMessageC'],
        },
        {
          code: 'static nw_connection_t control;\nvoid open_control(nw_endpoint_t endpoint) {\n  control = nw_connection_create(endpoint, nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n}\nvoid read_control(void) {\n  ⟦nw_connection_receive_message⟧(control, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {});\n}',
          messages: ['receiveMessageC'],
        },
        {
          code: 'void serve(void) {\n  nw_listener_t listener = nw_listener_create(nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  nw_listener_set_new_connection_handler(listener, ^(nw_connection_t connection) {\n    ⟦nw_connection_receive_message⟧(connection, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {});\n  });\n}',
          messages: ['receiveMessageC'],
        },
      ],
      valid: [
        {
          code: 'void read_reply(nw_endpoint_t endpoint, nw_protocol_definition_t definition) {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  nw_protocol_options_t framer = nw_framer_create_options(definition);\n  nw_connection_t connection = nw_connection_create(endpoint, parameters);\n  nw_connection_receive_message(connection, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {});\n}',
          note: 'framer in use',
        },
        {
          code: 'void read_stream(nw_endpoint_t endpoint) {\n  nw_connection_t connection = nw_connection_create(endpoint, nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  nw_connection_receive(connection, 1, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {});\n}',
          note: 'byte receive',
        },
        {
          code: 'void read_datagram(nw_endpoint_t endpoint) {\n  nw_connection_t connection = nw_connection_create(endpoint, nw_parameters_create_secure_udp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  /* nw_connection_receive_message on TCP would wait for close */\n  nw_connection_receive_message(connection, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {});\n}',
          note: 'UDP; comment',
        },
      ],
    },
  },
});
