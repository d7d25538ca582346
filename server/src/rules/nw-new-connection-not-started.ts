// nw-new-connection-not-started: a listener's new-connection handler that never starts, cancels, stores or hands on the connection.
import {
  C_NEW_CONNECTION_HANDLERS, SWIFT_NEW_CONNECTION_HANDLERS, cCalleeName, cConnectionFate, cHandlerCall, swiftConnectionFate, swiftHandlerAssignment,
} from './apis/nw-lifecycle';
import { defineRule } from './rule';
import { inInactiveRegion } from './syntax/conditional-compilation';

export default defineRule({
  id: 'nw-new-connection-not-started',
  title: 'New inbound connection is never started',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'nw-new-connection-not-started',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), "Manage a listener"',
    'Apple Developer Forums: Understanding Also-Ran Connections (DTS)',
    'https://developer.apple.com/documentation/network/nwlistener/newconnectionhandler',
    'https://developer.apple.com/documentation/network/nw_listener_set_new_connection_handler(_:_:)',
  ],
  messages: {
    swift: 'This handler never calls start(queue:) on the new connection, nor cancels, stores or hands it on, so the peer is left hanging; configure it, call start(queue:) and keep track of it, or call cancel() to refuse it.',
    group: 'This handler never calls start(queue:) on the new connection group, nor cancels, stores or hands it on, so its streams never open; configure it, call start(queue:) and keep track of it, or call cancel() to refuse it.',
    c: 'This block never passes the new connection to nw_connection_start, nor cancels, stores or hands it on, so the peer is left hanging; set its queue, call nw_connection_start and keep track of it, or call nw_connection_cancel to refuse it.',
  },
  knownLimitations: [
    'Only handlers written inline as a closure or block are analysed; a handler given as a method reference (`= self.accept`) or a block variable is not followed.',
    'Any use the rule cannot follow counts as handing the connection on: a call to an unknown method on it (an extension may start it), passing it to any function, storing it, capturing it in a closure that is stored, or shadowing its name. Those handlers stay silent.',
    'A start that happens only on some paths (inside an `if`) counts as a start.',
  ],
  triggers: ['newConnectionHandler', 'newConnectionGroupHandler', 'nw_listener_set_new_connection_handler', 'nw_connection_group_set_new_connection_handler', 'nw_listener_set_new_connection_group_handler'],
  create(context) {
    const swift = context.language === 'swift';
    return {
      assignment(node) {
        if (!swift) return;
        const handler = swiftHandlerAssignment(node, SWIFT_NEW_CONNECTION_HANDLERS);
        if (!handler || inInactiveRegion(node, 'swift')) return;
        const fate = handler.param === undefined || !handler.body ? 'unused' : swiftConnectionFate(handler.body, handler.param);
        if (fate !== 'unused') return;
        context.report({ node: handler.nameNode, messageId: handler.nameNode.text === 'newConnectionGroupHandler' ? 'group' : 'swift' });
      },
      call_expression(node) {
        if (swift || !C_NEW_CONNECTION_HANDLERS.has(cCalleeName(node) ?? '')) return;
        const handler = cHandlerCall(node, C_NEW_CONNECTION_HANDLERS);
        if (!handler || inInactiveRegion(node, 'c-family')) return;
        const fate = handler.param === undefined || !handler.body ? 'unused' : cConnectionFate(handler.body, handler.param);
        if (fate === 'unused') context.report({ node: handler.nameNode, messageId: 'c' });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'func startServer() throws {\n  let listener = try NWListener(using: .tcp)\n  listener.⟦newConnectionHandler⟧ = { connection in\n    connection.stateUpdateHandler = { state in print("peer:", state) }\n    connection.receive(minimumIncompleteLength: 1, maximumLength: 65_536) { _, _, _, _ in }\n  }\n  listener.start(queue: .main)\n  self.listener = listener\n}',
          note: 'configured and read from, never started',
        },
        {
          code: 'listener.⟦newConnectionHandler⟧ = { [weak self] newConnection in\n  self?.log("accepted \\(newConnection.endpoint)")\n  print("new connection:", newConnection)\n}',
          note: 'only logged',
        },
        { code: 'listener.⟦newConnectionHandler⟧ = { _ in }', note: 'connection ignored' },
        {
          code: 'group.⟦newConnectionHandler⟧ = { stream in\n  stream.stateUpdateHandler = { state in\n    if case .ready = state { stream.send(content: hello, completion: .idempotent) }\n  }\n}',
          note: 'NWConnectionGroup inbound stream',
        },
        {
          code: 'quicListener.⟦newConnectionGroupHandler⟧ = { group in\n  group.stateUpdateHandler = { print($0) }\n}',
          messages: ['group'],
        },
      ],
      valid: [
        {
          code: 'var connections: [NWConnection] = []\nlistener.newConnectionHandler = { newConnection in\n  newConnection.stateUpdateHandler = { state in print(state) }\n  newConnection.start(queue: .main)\n  connections.append(newConnection)\n}',
          note: 'started and tracked',
        },
        {
          code: 'listener.newConnectionHandler = { [weak self] connection in\n  guard let self, self.sessions.count < 8 else {\n    connection.cancel()\n    return\n  }\n  self.accept(connection)\n}',
          note: 'refused with cancel(), otherwise handed on',
        },
        { code: 'listener.newConnectionHandler = { [weak self] in self?.accept($0) }', note: '$0 handed to a method' },
        { code: 'listener.newConnectionHandler = handleNewConnection(_:)\nlistener.newConnectionHandler = self.accept', note: 'method references are not followed' },
        {
          code: 'listener.newConnectionHandler = { connection in\n  self.queue.async {\n    connection.start(queue: self.queue)\n  }\n}',
          note: 'started from a nested closure',
        },
        {
          code: 'listener.newConnectionHandler = { conn in\n  conn.setUpEchoHandlers()\n}',
          note: 'unknown extension method may start it',
        },
        {
          code: '// listener.newConnectionHandler = { _ in }\nlet help = "set listener.newConnectionHandler = { _ in } to drop connections"\n#if false\nlistener.newConnectionHandler = { _ in }\n#endif',
          note: 'comment, string, #if false',
        },
        { code: 'server.connectionHandler = { _ in }\nmyObject.newConnectionHandler?(conn)', note: 'other handlers' },
      ],
    },
    objc: {
      invalid: [
        {
          code: '@implementation Server\n- (void)startListener {\n  ⟦nw_listener_set_new_connection_handler⟧(self.listener, ^(nw_connection_t connection) {\n    nw_connection_set_queue(connection, self.queue);\n    nw_connection_set_state_changed_handler(connection, ^(nw_connection_state_t state, nw_error_t error) {\n      NSLog(@"state %d", state);\n    });\n  });\n  nw_listener_start(self.listener);\n}\n@end',
          messages: ['c'],
          note: 'queue set but nw_connection_start missing',
        },
        {
          code: '@implementation Server\n- (void)listen {\n  ⟦nw_listener_set_new_connection_handler⟧(_listener, ^(nw_connection_t connection) {\n    NSLog(@"incoming %@", connection);\n  });\n}\n@end',
          messages: ['c'],
        },
        {
          code: '@implementation Server\n- (void)listen {\n  ⟦nw_listener_set_new_connection_handler⟧(_listener, ^(nw_connection_t connection) {});\n}\n@end',
          messages: ['c'],
          note: 'empty block',
        },
      ],
      valid: [
        {
          code: '@implementation Server\n- (void)listen {\n  nw_listener_set_new_connection_handler(_listener, ^(nw_connection_t connection) {\n    nw_connection_set_queue(connection, self.queue);\n    nw_connection_start(connection);\n    [self.connections addObject:connection];\n  });\n}\n@end',
        },
        {
          code: '@implementation Server\n- (void)listen {\n  nw_listener_set_new_connection_handler(_listener, ^(nw_connection_t connection) {\n    [self acceptConnection:connection];\n  });\n}\n@end',
          note: 'handed to a method',
        },
        {
          code: '@implementation Server\n- (void)listen {\n  nw_listener_set_new_connection_handler(_listener, ^(nw_connection_t connection) {\n    if (self.full) { nw_connection_cancel(connection); return; }\n    self.current = connection;\n  });\n}\n@end',
          note: 'refused or stored',
        },
        {
          code: '@implementation Server\n- (void)listen {\n  // nw_listener_set_new_connection_handler(_listener, ^(nw_connection_t c) {});\n  nw_listener_set_new_connection_handler(_listener, self.handler);\n  NSLog(@"nw_listener_set_new_connection_handler");\n}\n@end',
          note: 'comment, handler variable, string',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: 'void start_server(nw_listener_t listener, dispatch_queue_t queue) {\n  ⟦nw_listener_set_new_connection_handler⟧(listener, ^(nw_connection_t connection) {\n    nw_connection_set_queue(connection, queue);\n    nw_connection_receive(connection, 1, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n      handle_request(content);\n    });\n  });\n  nw_listener_start(listener);\n}',
          messages: ['c'],
        },
        {
          code: 'static void listen_for_streams(nw_connection_group_t group) {\n  ⟦nw_connection_group_set_new_connection_handler⟧(group, ^(nw_connection_t stream) {\n    printf("new stream\\n");\n  });\n}',
          messages: ['c'],
          note: 'QUIC group streams',
        },
        {
          code: 'void serve(nw_listener_t listener) {\n  ⟦nw_listener_set_new_connection_handler⟧(listener, ^(nw_connection_t connection) {\n    if (connection == NULL) { return; }\n    nw_connection_set_state_changed_handler(connection, ^(nw_connection_state_t state, nw_error_t error) {});\n  });\n}',
          messages: ['c'],
        },
      ],
      valid: [
        {
          code: 'void start_server(nw_listener_t listener, dispatch_queue_t queue) {\n  nw_listener_set_new_connection_handler(listener, ^(nw_connection_t connection) {\n    nw_connection_set_queue(connection, queue);\n    nw_connection_start(connection);\n    track_connection(connection);\n  });\n}',
        },
        {
          code: 'void serve(nw_listener_t listener) {\n  nw_listener_set_new_connection_handler(listener, ^(nw_connection_t connection) {\n    g_current = nw_retain(connection);\n  });\n}',
          note: 'retained into a global',
        },
        {
          code: 'void serve(nw_listener_t listener) {\n#if 0\n  nw_listener_set_new_connection_handler(listener, ^(nw_connection_t connection) {});\n#endif\n  nw_listener_set_new_connection_handler(listener, ^(nw_connection_t connection) {\n    nw_connection_cancel(connection);\n  });\n}',
          note: '#if 0 and a listener that refuses everything',
        },
        {
          code: 'void serve(nw_listener_t listener, nw_listener_new_connection_handler_t handler) {\n  nw_listener_set_new_connection_handler(listener, handler);\n  nw_listener_set_new_connection_handler(listener, NULL);\n}',
          note: 'handler variable; clearing the handler',
        },
      ],
    },
  },
});
