// nw-receive-unbounded-buffer: a receive handler that appends each chunk to a longer-lived buffer and re-arms the receive without draining it.
import type { Node } from 'web-tree-sitter';
import { cReceive, mentions, normalizeName, receivedDataNames, swiftReceive, type Receive } from './apis/nw-data-facts';
import { defineRule } from './rule';
import { resolveCName } from './syntax/c-bindings';
import { cCall, objcMessage } from './syntax/c-family';
import { inInactiveRegion } from './syntax/conditional-compilation';
import { swiftCall, swiftMember } from './syntax/swift';
import { resolveSwiftName } from './syntax/swift-bindings';
import { ancestors, contains, descendants } from './syntax/tree';

/** Calls whose name says they take data out of the buffer, parse it, or write it somewhere. */
const CONSUMING_NAME = /^(remove|pop|drop|replace|reset|clear|consume|truncate|drain|dequeue|parse|process|extract|frame|decode|deframe|split|unpack|flush|write|handle|deliver|setLength|setData|subdata)/i;
/** Reads that show the buffer's size is being watched (a cap, or a check for a complete frame). */
const SIZE_MEMBERS = new Set(['count', 'isEmpty', 'endIndex', 'length', 'firstIndex', 'range']);

interface Append {
  /** What to flag. */
  node: Node;
  /** The buffer expression (`self.buffer`, `_data`). */
  buffer: Node;
}

// ── Swift ────────────────────────────────────────────────────────────────────────────────────────

/** `buffer`, `self.buffer`, `self.state.buffer`: a stable path, not a call result. */
function swiftPath(node: Node): boolean {
  if (node.type === 'simple_identifier' || node.type === 'self_expression') return true;
  const member = swiftMember(node);
  return member !== undefined && member.target !== undefined && swiftPath(member.target);
}

function swiftRoot(node: Node): Node {
  let current = node;
  for (let member = swiftMember(current); member?.target; member = swiftMember(current)) current = member.target;
  return current;
}

function swiftAppends(handler: Node, names: ReadonlySet<string>): Append[] {
  const out: Append[] = [];
  for (const node of descendants(handler)) {
    if (node.type === 'call_expression') {
      const call = swiftCall(node);
      if (!call || call.name !== 'append' || !call.receiver || call.arguments.length !== 1) continue;
      const label = call.arguments[0].label;
      if ((label === undefined || label === 'contentsOf') && mentions(call.arguments[0].value, names)) out.push({ node: call.nameNode, buffer: call.receiver });
    } else if (node.type === 'assignment' && node.childForFieldName('operator')?.text === '+=') {
      const target = node.childForFieldName('target')?.namedChildren[0];
      const operator = node.childForFieldName('operator');
      if (target && operator && mentions(node.childForFieldName('result'), names)) out.push({ node: operator, buffer: target });
    }
  }
  return out.filter((a) => swiftPath(a.buffer));
}

/** The buffer outlives the handler: `self.…`, or a name not declared inside the handler. */
function swiftOutlives(buffer: Node, handler: Node): boolean {
  const root = swiftRoot(buffer);
  if (root.type === 'self_expression') return true;
  const binding = resolveSwiftName(root);
  return !binding || !contains(handler, binding.node);
}

function swiftConsumes(handler: Node, buffer: Node, append: Node): boolean {
  const name = normalizeName(buffer.text);
  const isBuffer = (n: Node | undefined | null) => !!n && normalizeName(n.text) === name;
  for (const node of descendants(handler)) {
    if (contains(append, node) && node.id !== append.id) continue;
    if (node.type === 'call_expression') {
      const call = swiftCall(node);
      if (!call) continue;
      if (call.receiver && isBuffer(call.receiver) && CONSUMING_NAME.test(call.name)) return true;
      // `self.processBuffer()`, `parseFrames()`: a method of this type that works on the buffer.
      if ((!call.receiver || call.receiver.type === 'self_expression') && CONSUMING_NAME.test(call.name)) return true;
      if (call.arguments.some((a) => a.value?.type === 'prefix_expression' && a.value.text.startsWith('&') && isBuffer(a.value.namedChildren[a.value.namedChildCount - 1]))) return true;
    } else if (node.type === 'assignment' && node.childForFieldName('operator')?.text === '=') {
      if (isBuffer(node.childForFieldName('target')?.namedChildren[0])) return true;
    } else if (node.type === 'navigation_expression') {
      const member = swiftMember(node);
      if (member && SIZE_MEMBERS.has(member.name) && member.target && isBuffer(member.target)) return true;
    }
  }
  return false;
}

function swiftFunctionName(node: Node): string | undefined {
  for (const a of ancestors(node)) {
    if (a.type === 'function_declaration') return a.childForFieldName('name')?.text;
    if (a.type === 'lambda_literal' || a.type === 'class_body') return undefined;
  }
  return undefined;
}

function swiftRearms(handler: Node, receiveCall: Node): boolean {
  const enclosing = swiftFunctionName(receiveCall);
  for (const node of descendants(handler)) {
    if (node.type !== 'call_expression') continue;
    const call = swiftCall(node);
    if (!call) continue;
    if (swiftReceive(node)) return true;
    if (enclosing && call.name === enclosing && (!call.receiver || call.receiver.type === 'self_expression')) return true;
  }
  return false;
}

// ── C and Objective-C ────────────────────────────────────────────────────────────────────────────

function cPath(node: Node): boolean {
  if (node.type === 'identifier') return true;
  if (node.type === 'field_expression') {
    const argument = node.childForFieldName('argument');
    return !!argument && cPath(argument);
  }
  return false;
}

function cRoot(node: Node): Node {
  let current = node;
  while (current.type === 'field_expression' && current.childForFieldName('argument')) current = current.childForFieldName('argument')!;
  return current;
}

function cAppends(handler: Node, names: ReadonlySet<string>): Append[] {
  const out: Append[] = [];
  for (const node of descendants(handler)) {
    if (node.type === 'message_expression') {
      const message = objcMessage(node);
      if (message?.selector === 'appendData:' && message.receiver && mentions(message.keywords[0].argument, names)) {
        out.push({ node: message.keywords[0].nameNode, buffer: message.receiver });
      }
    } else if (node.type === 'assignment_expression' && node.childForFieldName('operator')?.text === '=') {
      const left = node.childForFieldName('left');
      const call = node.childForFieldName('right');
      const concat = call ? cCall(call) : undefined;
      if (left && concat?.name === 'dispatch_data_create_concat' && concat.arguments.length === 2
        && normalizeName(concat.arguments[0].text) === normalizeName(left.text) && mentions(concat.arguments[1], names)) {
        out.push({ node: concat.nameNode, buffer: left });
      }
    }
  }
  return out.filter((a) => cPath(a.buffer));
}

function cOutlives(buffer: Node, handler: Node): boolean {
  const root = cRoot(buffer);
  if (root.text === 'self') return true;
  const binding = resolveCName(root);
  return !binding || !contains(handler, binding.node);
}

function cConsumes(handler: Node, buffer: Node, append: Node): boolean {
  const name = normalizeName(buffer.text);
  const isBuffer = (n: Node | undefined | null) => !!n && normalizeName(n.text) === name;
  for (const node of descendants(handler)) {
    if (contains(append, node)) continue;
    if (node.type === 'message_expression') {
      const message = objcMessage(node);
      if (!message) continue;
      if (message.receiver && isBuffer(message.receiver) && CONSUMING_NAME.test(message.keywords[0].name)) return true;
      if ((message.receiver?.text === 'self') && CONSUMING_NAME.test(message.keywords[0].name)) return true;
      if (message.keywords[0].name === 'length' && message.receiver && isBuffer(message.receiver)) return true;
    } else if (node.type === 'call_expression') {
      const call = cCall(node);
      if (!call) continue;
      // parse_frames(buf), write_chunk(fd, buf), dispatch_data_create_subrange(buf, …): the buffer is being drained.
      if (CONSUMING_NAME.test(call.name) || (/subrange/.test(call.name) && isBuffer(call.arguments[0]))) return true;
    } else if (node.type === 'assignment_expression' && node.childForFieldName('operator')?.text === '=') {
      if (isBuffer(node.childForFieldName('left')) && !contains(node, append)) return true;
    } else if (node.type === 'field_expression' && node.childForFieldName('field')?.text === 'length') {
      if (isBuffer(node.childForFieldName('argument'))) return true;
    }
  }
  return false;
}

function cEnclosing(node: Node): { c?: string; objc?: string } {
  for (const a of ancestors(node)) {
    if (a.type === 'block_literal') continue;
    if (a.type === 'function_definition') {
      let declarator = a.childForFieldName('declarator');
      while (declarator && declarator.type !== 'identifier') declarator = declarator.childForFieldName('declarator');
      return { c: declarator?.text };
    }
    if (a.type === 'method_definition') {
      const pieces = a.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c!.text);
      const hasParams = a.namedChildren.some((c) => c?.type === 'method_parameter');
      return { objc: hasParams ? pieces.map((p) => `${p}:`).join('') : pieces[0] };
    }
  }
  return {};
}

function cRearms(handler: Node, receiveCall: Node): boolean {
  const enclosing = cEnclosing(receiveCall);
  for (const node of descendants(handler)) {
    if (node.type === 'call_expression') {
      if (cReceive(node)) return true;
      const call = cCall(node);
      if (call && enclosing.c && call.name === enclosing.c) return true;
    } else if (node.type === 'message_expression' && enclosing.objc) {
      const message = objcMessage(node);
      if (message?.receiver?.text === 'self' && message.selector === enclosing.objc) return true;
    }
  }
  return false;
}

export default defineRule({
  id: 'nw-receive-unbounded-buffer',
  title: 'Receive handler accumulates data without draining it',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'off',
  confidence: 'low',
  article: 'nw-receive-unbounded-buffer',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), section Start a stream (receive-side flow control)',
    'https://developer.apple.com/documentation/network/nwconnection/receive(minimumincompletelength:maximumlength:completion:)',
    'https://developer.apple.com/documentation/network/nw_connection_receive(_:_:_:_:)',
  ],
  messages: {
    unbounded: 'Each received chunk is appended to a buffer that this handler never drains before asking for more, so memory grows with the stream: write or process each chunk as it arrives, or cut complete messages out of the buffer.',
  },
  triggers: ['receive', 'receiveMessage', 'nw_connection_receive', 'nw_connection_receive_message'],
  knownLimitations: [
    'The handler counts as draining the buffer when it calls anything named like remove…, parse…, process…, handle…, write…, decode… (on the buffer or on self), assigns the buffer, passes it inout, or reads its count/length; draining done elsewhere (a timer, another queue) is not seen, so such code may be flagged.',
    'Only appends of the received data itself (or names bound from it) are considered: `buffer.append(data)`, `buffer += data`, `[buffer appendData:content]`, `buf = dispatch_data_create_concat(buf, content)`.',
    'The handler must re-arm the receive itself (a receive call, or a call to the function that issued the receive); loops driven from elsewhere are not analysed.',
    'A transfer that is meant to be held in memory whole (a small file of known size) is flagged too; suppress it there, or cap the size.',
  ],
  create(context) {
    const swift = context.language === 'swift';
    const consider = (call: Node, receive: Receive | undefined) => {
      const handler = receive?.handler;
      if (!handler || inInactiveRegion(call, swift ? 'swift' : 'c-family')) return;
      const names = receivedDataNames(handler, swift);
      if (names.size === 0) return;
      const appends = swift ? swiftAppends(handler, names) : cAppends(handler, names);
      if (appends.length === 0 || !(swift ? swiftRearms(handler, call) : cRearms(handler, call))) return;
      for (const append of appends) {
        const outlives = swift ? swiftOutlives(append.buffer, handler) : cOutlives(append.buffer, handler);
        if (!outlives) continue;
        const consumed = swift ? swiftConsumes(handler, append.buffer, append.node.parent ?? append.node) : cConsumes(handler, append.buffer, append.node.parent ?? append.node);
        if (!consumed) context.report({ node: append.node, messageId: 'unbounded' });
      }
    };
    return {
      call_expression(node) {
        consider(node, swift ? swiftReceive(node) : cReceive(node));
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        'final class Downloader {\n  private var received = Data()\n\n  func receiveNext(on connection: NWConnection) {\n    connection.receive(minimumIncompleteLength: 1, maximumLength: 65_536) { data, _, isComplete, error in\n      if let data { self.received.⟦append⟧(data) }\n      if isComplete { self.finish(); return }\n      if error == nil { self.receiveNext(on: connection) }\n    }\n  }\n}',
        {
          code: 'var log = Data()\nfunc pump(_ connection: NWConnection) {\n  connection.receiveMessage { message, _, _, error in\n    guard let message, error == nil else { return }\n    log ⟦+=⟧ message\n    pump(connection)\n  }\n}',
          note: 'outer variable, +=',
        },
        {
          code: 'final class Mirror {\n  var frames: [Data] = []\n  func start(_ connection: NWConnection) {\n    connection.receive(minimumIncompleteLength: 1, maximumLength: 1 << 20, completion: { [weak self] chunk, _, _, _ in\n      guard let self, let chunk else { return }\n      self.frames.⟦append⟧(chunk)\n      connection.receive(minimumIncompleteLength: 1, maximumLength: 1 << 20) { _, _, _, _ in }\n    })\n  }\n}',
          note: 'completion: argument, re-armed with another receive',
        },
      ],
      valid: [
        {
          code: 'func receiveNext(on connection: NWConnection) {\n  connection.receive(minimumIncompleteLength: 1, maximumLength: 65_536) { data, _, isComplete, error in\n    if let data { self.buffer.append(data) }\n    while let frame = self.nextFrame() {\n      self.buffer.removeFirst(frame.count + 4)\n      self.deliver(frame)\n    }\n    if !isComplete && error == nil { self.receiveNext(on: connection) }\n  }\n}',
          note: 'frames are cut out of the buffer',
        },
        {
          code: 'func receiveNextChunk(on connection: NWConnection) {\n  connection.receive(minimumIncompleteLength: 65_536, maximumLength: 65_536) { chunk, _, isComplete, error in\n    if let chunk { try? self.file.write(contentsOf: chunk) }\n    if isComplete { try? self.file.close(); return }\n    if error == nil { self.receiveNextChunk(on: connection) }\n  }\n}',
          note: 'each chunk goes to disk',
        },
        {
          code: 'connection.receive(minimumIncompleteLength: 1, maximumLength: 65_536) { data, _, _, _ in\n  var local = Data()\n  local.append(data!)\n  self.status.append(1)\n  show(local)\n}',
          note: 'local buffer, unrelated append, no re-arm',
        },
        {
          code: 'func readAll(_ connection: NWConnection) {\n  connection.receive(minimumIncompleteLength: 1, maximumLength: 8192) { data, _, _, _ in\n    if let data { self.pending.append(data) }\n    guard self.pending.count < 1_000_000 else { connection.cancel(); return }\n    self.readAll(connection)\n  }\n}',
          note: 'size cap',
        },
        {
          code: '// connection.receive { data, … in self.buffer.append(data); self.receive() }\nlet tip = "buffer.append(data)"',
          note: 'comment and string',
        },
      ],
    },
    objc: {
      invalid: [
        '@implementation Downloader\n- (void)receiveNext {\n  nw_connection_receive(self.connection, 1, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    if (content != nil) {\n      [self.received ⟦appendData⟧:(NSData *)content];\n    }\n    if (!is_complete && error == nil) {\n      [self receiveNext];\n    }\n  });\n}\n@end',
        '@implementation Downloader\n- (void)receiveNext {\n  nw_connection_receive(_connection, 1, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    if (content) {\n      self->_pending = ⟦dispatch_data_create_concat⟧(self->_pending, content);\n    }\n    nw_connection_receive(self->_connection, 1, 65536, ^(dispatch_data_t c, nw_content_context_t x, bool d, nw_error_t e) {});\n  });\n}\n@end',
        { code: '@implementation Reader\n- (void)readMessages:(nw_connection_t)connection {\n  nw_connection_receive_message(connection, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    NSData *message = (NSData *)content;\n    [_log ⟦appendData⟧:message];\n    [self readMessages:connection];\n  });\n}\n@end', note: 'through a local name' },
      ],
      valid: [
        '@implementation Downloader\n- (void)receiveNext {\n  nw_connection_receive(self.connection, 1, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    [self.received appendData:(NSData *)content];\n    [self parseFrames];\n    [self receiveNext];\n  });\n}\n@end',
        '@implementation Downloader\n- (void)receiveNext {\n  nw_connection_receive(self.connection, 65536, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    [self.fileHandle writeData:(NSData *)content];\n    if (!is_complete) { [self receiveNext]; }\n  });\n}\n@end',
        { code: '@implementation Reader\n- (void)receiveOnce {\n  nw_connection_receive(self.connection, 1, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    NSMutableData *local = [NSMutableData data];\n    [local appendData:(NSData *)content];\n    [self.received appendData:(NSData *)content];\n  });\n}\n@end', note: 'local buffer; no re-arm' },
      ],
    },
    c: {
      invalid: [
        'static dispatch_data_t received;\nvoid receive_next(nw_connection_t connection) {\n  nw_connection_receive(connection, 1, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    if (content != NULL) {\n      received = ⟦dispatch_data_create_concat⟧(received, content);\n    }\n    if (!is_complete && error == NULL) {\n      receive_next(connection);\n    }\n  });\n}',
        'struct session { nw_connection_t connection; dispatch_data_t inbox; };\nvoid read_more(struct session *s) {\n  nw_connection_receive(s->connection, 1, UINT32_MAX, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    s->inbox = ⟦dispatch_data_create_concat⟧(s->inbox, content);\n    read_more(s);\n  });\n}',
        'static dispatch_data_t all;\nvoid read_messages(nw_connection_t connection) {\n  nw_connection_receive_message(connection, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    all = ⟦dispatch_data_create_concat⟧(all, content);\n    nw_connection_receive_message(connection, ^(dispatch_data_t c, nw_content_context_t x, bool d, nw_error_t e) {});\n  });\n}',
      ],
      valid: [
        'static dispatch_data_t received;\nvoid receive_next(nw_connection_t connection) {\n  nw_connection_receive(connection, 1, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    received = dispatch_data_create_concat(received, content);\n    received = parse_frames(received);\n    receive_next(connection);\n  });\n}',
        'void receive_next(nw_connection_t connection, int fd) {\n  nw_connection_receive(connection, 65536, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    write_chunk(fd, content);\n    if (!is_complete) { receive_next(connection, fd); }\n  });\n}',
        'void receive_once(nw_connection_t connection) {\n  nw_connection_receive(connection, 1, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    dispatch_data_t copy = dispatch_data_empty;\n    copy = dispatch_data_create_concat(copy, content);\n    consume(copy);\n  });\n}',
      ],
    },
  },
});
