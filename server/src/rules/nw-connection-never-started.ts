// nw-connection-never-started: an NWConnection / nw_connection_create result kept in a local that is never started and never leaves the function.
import type { Node } from 'web-tree-sitter';
import { cCalleeName, cConnectionFate, swiftCalleeName, swiftConnectionFate } from './apis/nw-lifecycle';
import { defineRule } from './rule';
import { resolveCName } from './syntax/c-bindings';
import { C_FUNCTION_TYPES, cCall } from './syntax/c-family';
import { swiftCall } from './syntax/swift';
import { resolveSwiftName } from './syntax/swift-bindings';
import { inInactiveRegion } from './syntax/conditional-compilation';
import { ancestors } from './syntax/tree';

/** Where a Swift local is visible: the `statements` list it is declared in, when that list is a function's or closure's. */
function swiftLocalScope(declaration: Node): Node | undefined {
  const scope = declaration.parent;
  return scope?.type === 'statements' ? scope : undefined;
}

/** `let c = NWConnection(…)` or `c = NWConnection(…)` with `c` a local: the variable name and its scope. */
function swiftLocal(call: Node): { name: string; scope: Node } | undefined {
  const parent = call.parent;
  if (parent?.type === 'property_declaration' && parent.childForFieldName('value')?.id === call.id) {
    const bound = parent.childForFieldName('name')?.childForFieldName('bound_identifier');
    const scope = swiftLocalScope(parent);
    return bound && scope ? { name: bound.text, scope } : undefined;
  }
  if (parent?.type === 'assignment' && parent.childForFieldName('result')?.id === call.id) {
    const target = parent.childForFieldName('target')?.namedChild(0);
    if (target?.type !== 'simple_identifier') return undefined;
    const binding = resolveSwiftName(target);
    const declaration = binding?.kind === 'variable' ? binding.node.parent?.parent : undefined;
    const scope = declaration ? swiftLocalScope(declaration) : undefined;
    return scope ? { name: target.text, scope } : undefined;
  }
  return undefined;
}

/** The block of a C declaration, when it sits inside a function, method or block (not at file scope). */
function cLocalScope(declaration: Node): Node | undefined {
  const scope = declaration.parent;
  if (scope?.type !== 'compound_statement') return undefined;
  for (const a of ancestors(scope)) if (C_FUNCTION_TYPES.has(a.type)) return scope;
  return undefined;
}

/** `nw_connection_t c = nw_connection_create(…);` or `c = nw_connection_create(…);` with `c` a local. */
function cLocal(call: Node): { name: string; scope: Node } | undefined {
  const parent = call.parent;
  if (parent?.type === 'init_declarator' && parent.childForFieldName('value')?.id === call.id) {
    const declarator = parent.childForFieldName('declarator');
    const declaration = parent.parent;
    const scope = declaration?.type === 'declaration' ? cLocalScope(declaration) : undefined;
    return declarator?.type === 'identifier' && scope ? { name: declarator.text, scope } : undefined;
  }
  if (parent?.type === 'assignment_expression' && parent.childForFieldName('right')?.id === call.id
    && parent.childForFieldName('operator')?.text === '=') {
    const left = parent.childForFieldName('left');
    if (left?.type !== 'identifier') return undefined;
    const binding = resolveCName(left);
    let declaration = binding?.kind === 'variable' ? binding.node.parent : undefined;
    while (declaration && declaration.type !== 'declaration') declaration = declaration.parent;
    const scope = declaration ? cLocalScope(declaration) : undefined;
    return scope ? { name: left.text, scope } : undefined;
  }
  return undefined;
}

export default defineRule({
  id: 'nw-connection-never-started',
  title: 'NWConnection created but never started',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'medium',
  article: 'nw-connection-never-started',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), "Manage a connection"',
    'https://developer.apple.com/documentation/network/nwconnection/start(queue:)',
    'https://developer.apple.com/documentation/network/nw_connection_start(_:)',
    'https://developer.apple.com/documentation/network/nwconnection/state-swift.enum/setup',
  ],
  messages: {
    swift: 'This NWConnection is created but never started and never leaves this scope, so it never connects; call start(queue:) after setting its handlers, and keep a reference to it until it is cancelled.',
    c: 'This nw_connection_create result is never passed to nw_connection_start and never leaves this scope, so it never connects; set a queue, call nw_connection_start, and keep a reference to it until it is cancelled.',
  },
  knownLimitations: [
    'Only connections kept in a local variable are followed; a connection stored in a property, returned, or passed straight to a function is assumed to be started elsewhere.',
    'Any use the rule cannot follow counts as the connection leaving the scope (an unknown method, any function argument, an assignment, a capture in a stored closure), so such code stays silent.',
    'Top-level code in a Swift `main.swift` declares globals, which other files may start; it is not checked.',
  ],
  triggers: ['NWConnection', 'nw_connection_create'],
  create(context) {
    const swift = context.language === 'swift';
    return {
      call_expression(node) {
        if (swift) {
          if (swiftCalleeName(node) !== 'NWConnection') return;
          const call = swiftCall(node);
          if (call?.name !== 'NWConnection' || call.receiver || call.arguments.length === 0) return;
          const local = swiftLocal(node);
          if (!local || inInactiveRegion(node, 'swift')) return;
          if (swiftConnectionFate(local.scope, local.name, node.endIndex) === 'unused') context.report({ node: call.nameNode, messageId: 'swift' });
          return;
        }
        if (cCalleeName(node) !== 'nw_connection_create') return;
        const call = cCall(node);
        if (!call) return;
        const local = cLocal(node);
        if (!local || inInactiveRegion(node, 'c-family')) return;
        if (cConnectionFate(local.scope, local.name, node.endIndex) === 'unused') context.report({ node: call.nameNode, messageId: 'c' });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'func connect(to endpoint: NWEndpoint) {\n  let connection = ⟦NWConnection⟧(to: endpoint, using: .tcp)\n  connection.stateUpdateHandler = { state in print(state) }\n  connection.viabilityUpdateHandler = { viable in print(viable) }\n}',
          note: 'handlers set, start forgotten',
        },
        {
          code: 'func sendPing(host: String) {\n  let conn = ⟦NWConnection⟧(host: NWEndpoint.Host(host), port: 7, using: .udp)\n  conn.send(content: Data("ping".utf8), completion: .idempotent)\n}',
          note: 'send on a connection that was never started',
        },
        {
          code: 'func reconnect() {\n  var connection: NWConnection?\n  connection = ⟦NWConnection⟧(to: endpoint, using: parameters)\n  connection?.stateUpdateHandler = { [weak self] in self?.handle($0) }\n  print("reconnecting", connection?.endpoint as Any)\n}',
          note: 'assigned to a local declared earlier',
        },
        {
          code: 'browser.browseResultsChangedHandler = { results, _ in\n  guard let result = results.first else { return }\n  let peer = ⟦NWConnection⟧(to: result.endpoint, using: .tcp)\n  peer.stateUpdateHandler = { print($0) }\n}',
          note: 'inside a closure',
        },
      ],
      valid: [
        {
          code: 'func connect(to endpoint: NWEndpoint) {\n  let connection = NWConnection(to: endpoint, using: .tcp)\n  connection.stateUpdateHandler = { state in print(state) }\n  connection.start(queue: .main)\n  connections.append(connection)\n}',
        },
        {
          code: 'func makeConnection(to endpoint: NWEndpoint) -> NWConnection {\n  let connection = NWConnection(to: endpoint, using: .tcp)\n  connection.stateUpdateHandler = { print($0) }\n  return connection\n}',
          note: 'returned to the caller',
        },
        {
          code: 'final class Client {\n  let connection = NWConnection(host: "example.com", port: 443, using: .tls)\n  func open() {\n    self.connection = NWConnection(host: "example.com", port: 443, using: .tls)\n    pending.append(NWConnection(host: "example.com", port: 443, using: .tls))\n  }\n}',
          note: 'stored property, property assignment, passed on',
        },
        {
          code: 'func dial(_ endpoint: NWEndpoint) {\n  let connection = NWConnection(to: endpoint, using: .tcp)\n  self.configure(connection)\n}\nfunc dial2(_ endpoint: NWEndpoint) {\n  let connection = NWConnection(to: endpoint, using: .tcp)\n  connection.startEchoing()\n}',
          note: 'handed to a helper; unknown extension method',
        },
        {
          code: 'func dial(_ endpoint: NWEndpoint) {\n  // let c = NWConnection(to: endpoint, using: .tcp)\n  let note = "let c = NWConnection(to: endpoint, using: .tcp)"\n#if false\n  let c = NWConnection(to: endpoint, using: .tcp)\n#endif\n  print(note)\n}',
          note: 'comment, string, #if false',
        },
        {
          code: 'func dial(_ endpoint: NWEndpoint) {\n  let connection = NWConnection(to: endpoint, using: .tcp)\n  queue.async {\n    connection.start(queue: self.queue)\n  }\n}',
          note: 'started later from a closure',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: '@implementation Client\n- (void)connectToEndpoint:(nw_endpoint_t)endpoint {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  nw_connection_t connection = ⟦nw_connection_create⟧(endpoint, parameters);\n  nw_connection_set_queue(connection, dispatch_get_main_queue());\n  nw_connection_set_state_changed_handler(connection, ^(nw_connection_state_t state, nw_error_t error) {\n    NSLog(@"state %d", state);\n  });\n}\n@end',
          messages: ['c'],
        },
        {
          code: '@implementation Client\n- (void)probe:(nw_endpoint_t)endpoint {\n  nw_connection_t probe;\n  probe = ⟦nw_connection_create⟧(endpoint, self.parameters);\n  NSLog(@"probe %@", probe);\n}\n@end',
          messages: ['c'],
          note: 'assigned to a local',
        },
        {
          code: '@implementation Client\n- (void)connect {\n  dispatch_async(self.queue, ^{\n    nw_connection_t c = ⟦nw_connection_create⟧(self.endpoint, self.parameters);\n    nw_connection_set_queue(c, self.queue);\n  });\n}\n@end',
          messages: ['c'],
          note: 'inside a block',
        },
      ],
      valid: [
        {
          code: '@implementation Client\n- (void)connectToEndpoint:(nw_endpoint_t)endpoint {\n  nw_connection_t connection = nw_connection_create(endpoint, self.parameters);\n  nw_connection_set_queue(connection, self.queue);\n  nw_connection_start(connection);\n  self.connection = connection;\n}\n@end',
        },
        {
          code: '@implementation Client\n- (void)connectToEndpoint:(nw_endpoint_t)endpoint {\n  self.connection = nw_connection_create(endpoint, self.parameters);\n  _backup = nw_connection_create(endpoint, self.parameters);\n}\n@end',
          note: 'stored in a property or ivar',
        },
        {
          code: '@implementation Client\n- (nw_connection_t)makeConnection:(nw_endpoint_t)endpoint {\n  nw_connection_t connection = nw_connection_create(endpoint, self.parameters);\n  [self.pool addObject:connection];\n  return connection;\n}\n@end',
          note: 'added to a collection and returned',
        },
        {
          code: '@implementation Client\n- (void)connect {\n  // nw_connection_t c = nw_connection_create(e, p);\n  NSLog(@"nw_connection_create failed");\n}\n@end',
          note: 'comment and string',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: 'void connect_to(nw_endpoint_t endpoint, dispatch_queue_t queue) {\n  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION);\n  nw_connection_t connection = ⟦nw_connection_create⟧(endpoint, parameters);\n  nw_connection_set_queue(connection, queue);\n  nw_connection_set_state_changed_handler(connection, ^(nw_connection_state_t state, nw_error_t error) {\n    if (state == nw_connection_state_ready) { puts("ready"); }\n  });\n  nw_release(parameters);\n}',
          messages: ['c'],
        },
        {
          code: 'static void send_hello(nw_endpoint_t endpoint, nw_parameters_t parameters, dispatch_data_t hello) {\n  nw_connection_t c = ⟦nw_connection_create⟧(endpoint, parameters);\n  nw_connection_send(c, hello, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  nw_release(c);\n}',
          messages: ['c'],
          note: 'send without start',
        },
        {
          code: 'int main(void) {\n  nw_endpoint_t endpoint = nw_endpoint_create_host("example.com", "80");\n  nw_connection_t connection = ⟦nw_connection_create⟧(endpoint, nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  nw_connection_set_queue(connection, dispatch_get_main_queue());\n  dispatch_main();\n}',
          messages: ['c'],
        },
      ],
      valid: [
        {
          code: 'void connect_to(nw_endpoint_t endpoint, nw_parameters_t parameters, dispatch_queue_t queue) {\n  nw_connection_t connection = nw_connection_create(endpoint, parameters);\n  nw_connection_set_queue(connection, queue);\n  nw_connection_start(connection);\n  g_connection = connection;\n}',
        },
        {
          code: 'nw_connection_t make_connection(nw_endpoint_t endpoint, nw_parameters_t parameters) {\n  nw_connection_t connection = nw_connection_create(endpoint, parameters);\n  if (connection == NULL) { return NULL; }\n  return connection;\n}',
          note: 'returned',
        },
        {
          code: 'static nw_connection_t g_connection = NULL;\nvoid open_connection(struct client *client) {\n  client->connection = nw_connection_create(client->endpoint, client->parameters);\n  start_connection(nw_connection_create(client->endpoint, client->parameters));\n}',
          note: 'stored in a struct field, passed straight to a function',
        },
        {
          code: 'void connect_later(nw_endpoint_t e, nw_parameters_t p, dispatch_queue_t q) {\n#if 0\n  nw_connection_t unused = nw_connection_create(e, p);\n#endif\n  nw_connection_t c = nw_connection_create(e, p);\n  dispatch_async(q, ^{\n    nw_connection_set_queue(c, q);\n    nw_connection_start(c);\n  });\n}',
          note: '#if 0, and started from a block',
        },
      ],
    },
  },
});
