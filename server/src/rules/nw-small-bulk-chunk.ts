// nw-small-bulk-chunk: a literal chunk size under 64 KiB feeding a bulk NWConnection / nw_connection_send loop or recursive sender.
import type { Node } from 'web-tree-sitter';
import {
  CNetworkFacts, SwiftNetworkFacts, cSend, integerValue, swiftBindingOf, swiftSend, type Send,
  NETWORK_FACT_TOKENS,
} from './apis/nw-data-facts';
import { defineRule } from './rule';
import { resolveCName } from './syntax/c-bindings';
import { C_FUNCTION_TYPES, C_LOOP_TYPES, cCall, objcMessage } from './syntax/c-family';
import { inInactiveRegion } from './syntax/conditional-compilation';
import { SWIFT_FUNCTION_TYPES, SWIFT_LOOP_TYPES, swiftCall, swiftMember } from './syntax/swift';
import { ancestors, descendants } from './syntax/tree';

/** Apple DTS: use at least 64 KiB per chunk for bulk transfers. */
const MINIMUM_CHUNK = 64 * 1024;
/** Below this a fixed-size read is a header or framing field, not a bulk chunk. */
const HEADER_LIMIT = 256;

interface Candidate {
  send: Send;
  /** Size expressions of the reads that feed the sender. */
  sizes: Node[];
}

// ── Swift ────────────────────────────────────────────────────────────────────────────────────────

function swiftResolve(node: Node): number | undefined {
  if (node.type !== 'simple_identifier' && node.type !== 'navigation_expression') return undefined;
  if (node.type === 'navigation_expression' && swiftMember(node)?.target?.type !== 'self_expression') return undefined;
  const value = swiftBindingOf(node)?.value;
  return value ? integerValue(value, swiftResolve) : undefined;
}

/** The size argument of a read that produces one chunk: `readData(ofLength:)`, `read(upToCount:)`, `read(_:maxLength:)`. */
function swiftReadSize(node: Node): Node | undefined {
  const call = swiftCall(node);
  if (!call?.receiver) return undefined;
  const arg = (label: string) => call.arguments.find((a) => a.label === label)?.value;
  if (call.name === 'readData') return arg('ofLength');
  if (call.name === 'read') return arg('upToCount') ?? arg('maxLength');
  return undefined;
}

/** `for offset in stride(from: 0, to: data.count, by: 4096)`: slicing an in-memory buffer. */
function swiftStrideSize(loop: Node): Node | undefined {
  if (loop.type !== 'for_statement') return undefined;
  const collection = loop.childForFieldName('collection');
  const call = collection ? swiftCall(collection) : undefined;
  return call?.name === 'stride' && !call.receiver ? call.arguments.find((a) => a.label === 'by')?.value : undefined;
}

function swiftEnclosingFunction(node: Node): Node | undefined {
  for (const a of ancestors(node)) if (a.type === 'function_declaration') return a;
  return undefined;
}

/** The code that runs once per chunk: the loop around the send, or the body of a function the completion re-calls. */
function swiftSenderScope(send: Send, sendCall: Node): { scope: Node; loop?: Node } | undefined {
  for (const a of ancestors(sendCall)) {
    if (SWIFT_LOOP_TYPES.has(a.type)) return { scope: a, loop: a };
    if (SWIFT_FUNCTION_TYPES.has(a.type)) break;
  }
  const fn = swiftEnclosingFunction(sendCall);
  const name = fn?.childForFieldName('name')?.text;
  if (!fn || !name || !send.completionHandler) return undefined;
  for (const d of descendants(send.completionHandler)) {
    if (d.type === 'call_expression' && swiftCall(d)?.name === name) return { scope: fn };
  }
  return undefined;
}

function swiftSizes(scope: Node, loop: Node | undefined): Node[] {
  const sizes: Node[] = [];
  const stride = loop ? swiftStrideSize(loop) : undefined;
  if (stride) sizes.push(stride);
  for (const d of descendants(scope, (n) => n.id !== scope.id && SWIFT_FUNCTION_TYPES.has(n.type))) {
    if (d.type !== 'call_expression') continue;
    const size = swiftReadSize(d);
    if (size) sizes.push(size);
  }
  return sizes;
}

// ── C and Objective-C ────────────────────────────────────────────────────────────────────────────

/** `sizeof buffer` where `char buffer[4096]` is declared in an enclosing block of this function. */
function cArraySize(name: string, from: Node): number | undefined {
  for (const scope of ancestors(from)) {
    if (scope.type !== 'compound_statement' && scope.type !== 'translation_unit') continue;
    for (const decl of scope.namedChildren) {
      if (decl?.type !== 'declaration') continue;
      for (const declarator of decl.childrenForFieldName('declarator')) {
        if (declarator.type === 'array_declarator' && declarator.childForFieldName('declarator')?.text === name) {
          return integerValue(declarator.childForFieldName('size'), (n) => cResolve(n));
        }
      }
    }
    if (C_FUNCTION_TYPES.has(scope.parent?.type ?? '')) break;
  }
  return undefined;
}

/** `#define CHUNK_SIZE 4096` at the top level of the file. */
function cMacroValue(name: string, from: Node): number | undefined {
  const root = from.tree.rootNode;
  for (const child of root.namedChildren) {
    if (child?.type !== 'preproc_def' || child.childForFieldName('name')?.text !== name) continue;
    const value = child.childForFieldName('value')?.text.trim().replace(/[uUlL]+$/, '');
    if (!value) return undefined;
    const product = value.replace(/[()\s]/g, '').split('*');
    const numbers = product.map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN));
    return numbers.every(Number.isInteger) ? numbers.reduce((a, b) => a * b, 1) : undefined;
  }
  return undefined;
}

function cResolve(node: Node): number | undefined {
  if (node.type === 'sizeof_expression') {
    let value = node.childForFieldName('value');
    while (value?.type === 'parenthesized_expression' && value.namedChild(0)) value = value.namedChild(0);
    return value?.type === 'identifier' ? cArraySize(value.text, node) : undefined;
  }
  if (node.type !== 'identifier') return undefined;
  const binding = resolveCName(node);
  if (binding?.value) return integerValue(binding.value, cResolve);
  return binding ? undefined : cMacroValue(node.text, node);
}

function cReadSize(node: Node): Node | undefined {
  if (node.type === 'message_expression') {
    const message = objcMessage(node);
    if (message?.selector === 'readDataOfLength:') return message.keywords[0].argument;
    if (message?.selector === 'read:maxLength:') return message.keywords[1].argument;
    return undefined;
  }
  const call = cCall(node);
  if (!call) return undefined;
  if (call.name === 'fread' && call.arguments.length === 4) {
    // fread(buffer, size, count, file): the chunk is size × count; one of them is normally 1.
    if (integerValue(call.arguments[1]) === 1) return call.arguments[2];
    if (integerValue(call.arguments[2]) === 1) return call.arguments[1];
    return undefined;
  }
  if (call.name === 'read' && call.arguments.length === 3) return call.arguments[2];
  if (call.name === 'dispatch_data_create_subrange' && call.arguments.length === 3) return call.arguments[2];
  return undefined;
}

function cEnclosing(node: Node): Node | undefined {
  for (const a of ancestors(node)) if (a.type === 'function_definition' || a.type === 'method_definition') return a;
  return undefined;
}

function cCalls(handler: Node, fn: Node): boolean {
  if (fn.type === 'function_definition') {
    let declarator = fn.childForFieldName('declarator');
    while (declarator && declarator.type !== 'identifier') declarator = declarator.childForFieldName('declarator');
    const name = declarator?.text;
    return !!name && [...descendants(handler)].some((d) => cCall(d)?.name === name);
  }
  const pieces = fn.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c!.text);
  const selector = fn.namedChildren.some((c) => c?.type === 'method_parameter') ? pieces.map((p) => `${p}:`).join('') : pieces[0];
  return [...descendants(handler)].some((d) => d.type === 'message_expression' && objcMessage(d)?.receiver?.text === 'self' && objcMessage(d)?.selector === selector);
}

function cSenderScope(send: Send, sendCall: Node): Node | undefined {
  for (const a of ancestors(sendCall)) {
    if (C_LOOP_TYPES.has(a.type)) return a;
    if (C_FUNCTION_TYPES.has(a.type)) break;
  }
  const fn = cEnclosing(sendCall);
  return fn && send.completionHandler && cCalls(send.completionHandler, fn) ? fn : undefined;
}

function cSizes(scope: Node): Node[] {
  const sizes: Node[] = [];
  for (const d of descendants(scope, (n) => n.id !== scope.id && n.type === 'block_literal')) {
    const size = cReadSize(d);
    if (size) sizes.push(size);
  }
  return sizes;
}

export default defineRule({
  id: 'nw-small-bulk-chunk',
  title: 'Bulk transfer uses chunks smaller than 64 KiB',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'off',
  confidence: 'low',
  article: 'nw-small-bulk-chunk',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), section Start a stream',
    'https://developer.apple.com/documentation/network/nwconnection/send(content:contentcontext:iscomplete:completion:)-5ecuz',
    'https://developer.apple.com/documentation/foundation/filehandle/read(uptocount:)',
  ],
  messages: {
    small: 'Bulk sends go faster with chunks of at least 64 KiB (around 1 MiB on fast devices and networks): raise this chunk size.',
  },
  triggers: ['send', 'nw_connection_send'],
  dependsOn: NETWORK_FACT_TOKENS,
  knownLimitations: [
    `Only sizes the file spells out are read: integer literals and simple products or shifts (\`16 * 1024\`, \`1 << 14\`), local or stored constants, \`sizeof\` of a local array, and top-level \`#define\`s; sizes between ${HEADER_LIMIT} bytes and 64 KiB are flagged, smaller ones are taken for header reads.`,
    'The read must sit in the same loop as the send, or in the function that the send\'s completion calls again (the recursive sendNextChunk pattern); chunking done in a helper is not followed.',
    'Files that create a UDP or QUIC connection are skipped unless the sending connection is visibly TCP: datagrams must stay small.',
  ],
  create(context) {
    const swift = context.language === 'swift';
    const candidates: Candidate[] = [];
    const finish = (facts: SwiftNetworkFacts | CNetworkFacts) => {
      const reported = new Set<number>();
      for (const { send, sizes } of candidates) {
        const transport = facts.transportOf(send.receiver, 'connection');
        if (transport === 'udp' || transport === 'quic' || (transport === undefined && facts.sawDatagrams)) continue;
        for (const size of sizes) {
          const value = integerValue(size, swift ? swiftResolve : cResolve);
          if (value === undefined || value < HEADER_LIMIT || value >= MINIMUM_CHUNK || reported.has(size.id)) continue;
          if (inInactiveRegion(size, swift ? 'swift' : 'c-family')) continue;
          reported.add(size.id);
          context.report({ node: size, messageId: 'small' });
        }
      }
    };
    if (swift) {
      const facts = new SwiftNetworkFacts();
      return {
        call_expression(node) {
          facts.visitCall(node);
          const send = swiftSend(node);
          const scope = send && swiftSenderScope(send, node);
          if (send && scope) candidates.push({ send, sizes: swiftSizes(scope.scope, scope.loop) });
        },
        'file:exit'() { finish(facts); },
      };
    }
    const facts = new CNetworkFacts();
    return {
      call_expression(node) {
        facts.visitCall(node);
        const send = cSend(node);
        const scope = send && cSenderScope(send, node);
        if (send && scope) candidates.push({ send, sizes: cSizes(scope) });
      },
      'file:exit'() { finish(facts); },
    };
  },
  examples: {
    swift: {
      invalid: [
        'func sendFile(_ file: FileHandle, on connection: NWConnection) {\n  while let chunk = try? file.read(upToCount: ⟦4096⟧), !chunk.isEmpty {\n    connection.send(content: chunk, completion: .contentProcessed { _ in })\n  }\n}',
        {
          code: 'final class Uploader {\n  private let chunkSize = 16 * 1024\n  private let file: FileHandle\n  private let connection: NWConnection\n\n  func sendNextChunk() {\n    let chunk = file.readData(ofLength: ⟦chunkSize⟧)\n    guard !chunk.isEmpty else { return }\n    connection.send(content: chunk, completion: .contentProcessed { error in\n      if error == nil { self.sendNextChunk() }\n    })\n  }\n}',
          note: 'recursive sender, stored constant',
        },
        'func sendAll(_ data: Data, on connection: NWConnection) {\n  for offset in stride(from: 0, to: data.count, by: ⟦1 << 10⟧) {\n    let end = min(offset + 1024, data.count)\n    connection.send(content: data.subdata(in: offset..<end), completion: .idempotent)\n  }\n}',
      ],
      valid: [
        {
          code: 'func sendNextChunk(_ file: FileHandle, on connection: NWConnection) {\n  let chunk = file.readData(ofLength: 1 << 20)\n  guard !chunk.isEmpty else { return }\n  connection.send(content: chunk, completion: .contentProcessed { error in\n    if error == nil { self.sendNextChunk(file, on: connection) }\n  })\n}',
          note: '1 MiB chunks',
        },
        {
          code: 'func sendFrames(_ file: FileHandle, on connection: NWConnection) {\n  while let header = try? file.read(upToCount: 8), header.count == 8 {\n    connection.send(content: header, completion: .contentProcessed { _ in })\n  }\n}',
          note: 'a header-sized read',
        },
        {
          code: 'let connection = NWConnection(host: "telemetry.local", port: 9999, using: .udp)\nfunc sendSamples(_ file: FileHandle) {\n  while let datagram = try? file.read(upToCount: 1200), !datagram.isEmpty {\n    connection.send(content: datagram, completion: .idempotent)\n  }\n}',
          note: 'UDP datagrams must stay small',
        },
        {
          code: 'func preview(_ file: FileHandle, on connection: NWConnection) {\n  let head = file.readData(ofLength: 4096)\n  connection.send(content: head, completion: .contentProcessed { _ in })\n}',
          note: 'one send, not a bulk sender',
        },
        {
          code: '// while let c = try file.read(upToCount: 4096) { connection.send(content: c, completion: .idempotent) }\nlet hint = "read(upToCount: 4096)"',
          note: 'comment and string',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: '@implementation FileSender\n- (void)sendFile:(NSFileHandle *)file {\n  NSData *chunk;\n  while ((chunk = [file readDataOfLength:⟦8192⟧]).length > 0) {\n    nw_connection_send(self.connection, [self dispatchData:chunk], NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {});\n  }\n}\n@end',
        },
        {
          code: '#define CHUNK_SIZE (4 * 1024)\n@implementation StreamSender\n- (void)sendNextChunk {\n  uint8_t buffer[CHUNK_SIZE];\n  NSInteger count = [self.input read:buffer maxLength:⟦sizeof buffer⟧];\n  if (count <= 0) { return; }\n  nw_connection_send(self.connection, dispatch_data_create(buffer, count, nil, DISPATCH_DATA_DESTRUCTOR_DEFAULT), NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {\n    if (error == nil) { [self sendNextChunk]; }\n  });\n}\n@end',
          note: 'recursive sender, sizeof an array sized by a macro',
        },
        {
          code: '@implementation StreamPump\n- (void)pump:(NSInputStream *)input {\n  uint8_t buffer[1024];\n  NSInteger count;\n  while ((count = [input read:buffer maxLength:⟦1024⟧]) > 0) {\n    nw_connection_send(self.connection, dispatch_data_create(buffer, count, nil, DISPATCH_DATA_DESTRUCTOR_DEFAULT), NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}\n@end',
          note: 'NSInputStream loop',
        },
      ],
      valid: [
        '@implementation FileSender\n- (void)sendFile:(NSFileHandle *)file {\n  NSData *chunk;\n  while ((chunk = [file readDataOfLength:1048576]).length > 0) {\n    nw_connection_send(self.connection, [self dispatchData:chunk], NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {});\n  }\n}\n@end',
        { code: '@implementation HeaderReader\n- (void)readHeader:(NSFileHandle *)file {\n  NSData *header = [file readDataOfLength:4096];\n  nw_connection_send(self.connection, [self dispatchData:header], NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, ^(nw_error_t error) {});\n}\n@end', note: 'single send' },
        { code: '@implementation FileSender\n- (void)sendFile:(NSFileHandle *)file size:(NSUInteger)size {\n  NSData *chunk;\n  while ((chunk = [file readDataOfLength:size]).length > 0) {\n    nw_connection_send(self.connection, [self dispatchData:chunk], NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {});\n  }\n}\n@end', note: 'size not known' },
      ],
    },
    c: {
      invalid: [
        'void send_file(nw_connection_t connection, FILE *file) {\n  char buffer[4096];\n  size_t count;\n  while ((count = fread(buffer, 1, ⟦sizeof buffer⟧, file)) > 0) {\n    nw_connection_send(connection, make_data(buffer, count), NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {});\n  }\n}',
        '#define CHUNK 8192\nvoid pipe_fd(int fd, nw_connection_t connection) {\n  char buffer[CHUNK];\n  ssize_t n;\n  do {\n    n = read(fd, buffer, ⟦CHUNK⟧);\n    nw_connection_send(connection, make_data(buffer, n), NW_CONNECTION_DEFAULT_STREAM_CONTEXT, n <= 0, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  } while (n > 0);\n}',
        'static void send_next(struct sender *s) {\n  char buffer[16 * 1024];\n  size_t n = fread(buffer, 1, ⟦sizeof(buffer)⟧, s->file);\n  if (n == 0) { return; }\n  nw_connection_send(s->connection, make_data(buffer, n), NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {\n    if (error == NULL) { send_next(s); }\n  });\n}',
      ],
      valid: [
        'void send_file(nw_connection_t connection, FILE *file) {\n  static char buffer[1 << 20];\n  size_t count;\n  while ((count = fread(buffer, 1, sizeof buffer, file)) > 0) {\n    nw_connection_send(connection, make_data(buffer, count), NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {});\n  }\n}',
        'void send_datagrams(nw_endpoint_t endpoint, FILE *file) {\n  nw_connection_t connection = nw_connection_create(endpoint, nw_parameters_create_secure_udp(NW_PARAMETERS_DISABLE_PROTOCOL, NW_PARAMETERS_DEFAULT_CONFIGURATION));\n  char buffer[1200];\n  size_t count;\n  while ((count = fread(buffer, 1, sizeof buffer, file)) > 0) {\n    nw_connection_send(connection, make_data(buffer, count), NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}',
        'void send_records(nw_connection_t connection, FILE *file) {\n  struct record r;\n  while (fread(&r, sizeof r, 1, file) == 1) {\n    /* fread(buffer, 1, 4096, file) */\n    nw_connection_send(connection, make_data(&r, sizeof r), NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}',
      ],
    },
  },
});
