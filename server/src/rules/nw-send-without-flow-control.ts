// nw-send-without-flow-control: a loop that keeps sending on one NWConnection without waiting for each send's completion.
import { SMALL_LOOP_LIMIT, unpacedSend } from './apis/send-pacing';
import { defineRule } from './rule';

export default defineRule({
  id: 'nw-send-without-flow-control',
  title: 'NWConnection send in a loop without waiting for completion',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'nw-send-without-flow-control',
  triggers: ['contentProcessed', 'idempotent', 'SendCompletion', 'nw_connection_send'],
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), "Start a stream" and "Send and receive reliable messages"',
    'https://developer.apple.com/documentation/network/nwconnection/send(content:contentcontext:iscomplete:completion:)',
    'https://developer.apple.com/documentation/network/nwconnection/sendcompletion',
    'https://developer.apple.com/documentation/network/nw_connection_send(_:_:_:_:_:)',
  ],
  messages: {
    loop: "This loop sends on the same NWConnection without waiting for each send's completion, so unsent data can pile up in memory without bound; send the next chunk from the previous send's .contentProcessed completion.",
    readLoop: "This loop reads chunks from a file or stream and sends them on the same NWConnection without waiting for each send's completion, so the data piles up in memory faster than the network drains it; read and send the next chunk from the previous send's .contentProcessed completion.",
    endlessLoop: "This endless loop sends on the same NWConnection without waiting for each send's completion, so unsent data piles up in memory until the system kills the app; send the next chunk from the previous send's .contentProcessed completion.",
    loopC: 'This loop calls nw_connection_send on the same connection without waiting for each completion, so unsent data can pile up in memory without bound; send the next chunk from the previous nw_connection_send completion block.',
    readLoopC: 'This loop reads chunks from a file or stream and passes them to nw_connection_send on the same connection without waiting for each completion, so the data piles up in memory faster than the network drains it; read and send the next chunk from the previous nw_connection_send completion block.',
    endlessLoopC: 'This endless loop calls nw_connection_send on the same connection without waiting for each completion, so unsent data piles up in memory until the system kills the app; send the next chunk from the previous nw_connection_send completion block.',
  },
  knownLimitations: [
    'Types are not resolved: any `send(content:…completion:)` whose completion is `.contentProcessed` or `.idempotent` is taken for NWConnection, and a send whose completion is passed in a variable is not checked.',
    'Back pressure managed elsewhere is invisible: a loop bounded by a byte budget or queue owned by other code is flagged unless its condition reads a value the send completion changes or the completion calls the enclosing function.',
    'Anything that blocks in the loop counts as pacing even when it does not wait for this send (a semaphore, group or condition wait, a sleep, `select`/`poll`, an `await` in the body); so do event loops (`for await x in events`, `readLine()`, `fgets(…, stdin)`), which send once per event however fast events arrive.',
    `Loops whose literals bound them to ${SMALL_LOOP_LIMIT} iterations or fewer are ignored, whatever the size of each message.`,
    'Only plain variables and property paths are followed as the connection (`conn`, `self.connection`, `ctx->conn`); a connection reached through a subscript, a cast or a method call is never flagged, nor one copied into a local declared inside the loop.',
    'A `break`, `return` or `throw` after the send in the same block (even inside an `if`) makes the loop count as sending once.',
    'Sends in closures or blocks inside the loop (`queue.async { … }`, `enumerateObjectsUsingBlock:`, `dispatch_apply`) are not treated as per-iteration; only `forEach` closures are.',
    '`.idempotent` / `NW_CONNECTION_SEND_IDEMPOTENT_CONTENT` sends in a loop are flagged like the others: they report no completion at all, so nothing can pace the loop.',
  ],
  create(context) {
    const language = context.language === 'swift' ? 'swift' : 'c-family';
    return {
      call_expression(node) {
        const unpaced = unpacedSend(node, language);
        if (unpaced) context.report({ node: unpaced.nameNode, messageId: unpaced.messageId });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        'func upload(_ chunks: [Data], on connection: NWConnection) {\n  for chunk in chunks {\n    connection.⟦send⟧(content: chunk, isComplete: false, completion: .contentProcessed { error in\n      if let error { print("upload failed: \\(error)") }\n    })\n  }\n}',
        { code: 'func sendFile(at url: URL) throws {\n  let file = try FileHandle(forReadingFrom: url)\n  defer { try? file.close() }\n  while let chunk = try file.read(upToCount: 65_536), !chunk.isEmpty {\n    self.connection.⟦send⟧(content: chunk, isComplete: false, completion: .idempotent)\n  }\n}', messages: ['readLoop'], note: 'reads a file' },
        { code: 'func startStreaming() {\n  streamQueue.async {\n    while true {\n      let frame = self.encoder.nextFrame()\n      self.connection?.⟦send⟧(content: frame, completion: .contentProcessed { _ in })\n    }\n  }\n}', messages: ['endlessLoop'], note: 'endless loop on a background queue' },
        { code: 'let context = NWConnection.ContentContext(identifier: "update", metadata: [NWProtocolWebSocket.Metadata(opcode: .binary)])\nupdates.forEach { connection.⟦send⟧(content: $0, contentContext: context, completion: .idempotent) }', note: 'forEach closure' },
        { code: 'func relay(_ url: URL, to connection: NWConnection) async throws {\n  for try await line in url.lines {\n    connection.⟦send⟧(content: Data(line.utf8), completion: .contentProcessed { _ in })\n  }\n}', messages: ['readLoop'], note: 'awaiting the next line is not waiting for the send' },
        { code: 'var more = true\nrepeat {\n  let data = handle.readData(ofLength: 1 << 20)\n  more = !data.isEmpty\n  connection.⟦send⟧(content: data, isComplete: !more, completion: .contentProcessed { _ in })\n} while more', messages: ['readLoop'] },
        { code: 'while true {\n  for word in ["ping", "pong"] {\n    connection.⟦send⟧(content: Data(word.utf8), completion: .idempotent)\n  }\n}', messages: ['endlessLoop'], note: 'a small inner loop inside an endless one' },
      ],
      valid: [
        { code: 'func broadcast(_ message: Data) {\n  for connection in connections {\n    connection.send(content: message, completion: .contentProcessed { _ in })\n  }\n  for peer in peers where peer.isReady {\n    peer.connection.send(content: message, completion: .idempotent)\n  }\n  connections.forEach { $0.send(content: message, completion: .idempotent) }\n}', note: 'a different connection on each iteration' },
        { code: 'func sendNextChunk(on connection: NWConnection) {\n  guard let chunk = reader.nextChunk() else { return }\n  connection.send(content: chunk, completion: .contentProcessed { error in\n    if error == nil { self.sendNextChunk(on: connection) }\n  })\n}\n\nfunc startUploads() {\n  for connection in uploadConnections { sendNextChunk(on: connection) }\n}', note: 'the next send starts from the previous completion' },
        { code: 'for greeting in ["HELLO", "VERSION 2"] {\n  connection.send(content: Data(greeting.utf8), completion: .idempotent)\n}\nfor _ in 0..<3 {\n  probe.send(content: nil, isComplete: true, completion: .contentProcessed { _ in })\n}', note: `literal bound of at most ${SMALL_LOOP_LIMIT} iterations` },
        { code: 'let sent = DispatchSemaphore(value: 0)\nfor chunk in chunks {\n  connection.send(content: chunk, completion: .contentProcessed { _ in sent.signal() })\n  sent.wait()\n}\nfor chunk in chunks {\n  try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in\n    connection.send(content: chunk, completion: .contentProcessed { error in\n      if let error { continuation.resume(throwing: error) } else { continuation.resume() }\n    })\n  }\n}', note: 'each iteration waits for the completion' },
        { code: 'for frame in frames {\n  // connection.send(content: frame, completion: .idempotent)\n  webSocketTask.send(.data(frame)) { error in if let error { print(error) } }\n  try session.send(frame, toPeers: session.connectedPeers, with: .reliable)\n  log("connection.send(content:completion:) queued")\n}', note: 'other send APIs, comments and strings' },
        { code: 'for connection in pending {\n  connection.stateUpdateHandler = { state in\n    if case .ready = state { self.control.send(content: hello, completion: .idempotent) }\n  }\n  connection.receive(minimumIncompleteLength: 1, maximumLength: 65_536) { data, _, _, _ in\n    if let data { self.control.send(content: data, completion: .idempotent) }\n  }\n}', note: 'sends inside handlers run later, once per event' },
        { code: 'func flush() {\n  while window > 0, let chunk = queue.popFirst() {\n    window -= 1\n    connection.send(content: chunk, completion: .contentProcessed { _ in\n      self.window += 1\n      self.scheduleFlush()\n    })\n  }\n  for candidate in candidates where candidate.isReady {\n    connection.send(content: candidate.ticket, completion: .idempotent)\n    break\n  }\n}', note: 'a send window refilled by the completion; a send followed by break' },
        { code: 'func forwardUpdates() async {\n  for await update in store.updates {\n    connection.send(content: try? encoder.encode(update), completion: .idempotent)\n  }\n  while let line = readLine() {\n    connection.send(content: Data(line.utf8), completion: .idempotent)\n  }\n}', note: 'one send per event or typed line' },
      ],
    },
    objc: {
      invalid: [
        { code: '- (void)sendChunks:(NSArray<NSData *> *)chunks {\n  for (NSData *chunk in chunks) {\n    dispatch_data_t content = dispatch_data_create(chunk.bytes, chunk.length, nil, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n    ⟦nw_connection_send⟧(self.connection, content, NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {\n      if (error != nil) { NSLog(@"send failed"); }\n    });\n  }\n}', messages: ['loopC'] },
        { code: '- (void)sendStream:(NSInputStream *)input {\n  uint8_t buffer[65536];\n  NSInteger count;\n  while ((count = [input read:buffer maxLength:sizeof buffer]) > 0) {\n    dispatch_data_t content = dispatch_data_create(buffer, count, nil, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n    ⟦nw_connection_send⟧(_connection, content, NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}', messages: ['readLoopC'], note: 'reads an NSInputStream' },
        { code: '- (void)pumpPackets {\n  for (;;) {\n    dispatch_data_t packet = [self.encoder nextPacket];\n    ⟦nw_connection_send⟧(self->_connection, packet, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, ^(nw_error_t error) {});\n  }\n}', messages: ['endlessLoopC'] },
        { code: '- (void)sendFileAtPath:(NSString *)path {\n  NSFileHandle *file = [NSFileHandle fileHandleForReadingAtPath:path];\n  NSData *chunk;\n  do {\n    chunk = [file readDataOfLength:65536];\n    ⟦nw_connection_send⟧(self.connection, [self dispatchDataFrom:chunk], NW_CONNECTION_DEFAULT_STREAM_CONTEXT, chunk.length == 0, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  } while (chunk.length > 0);\n}', messages: ['readLoopC'], note: 'NSFileHandle do-while' },
      ],
      valid: [
        { code: '- (void)broadcast:(dispatch_data_t)message {\n  for (Peer *peer in self.peers) {\n    nw_connection_send(peer.connection, message, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n  for (NSUInteger i = 0; i < self.connections.count; i++) {\n    nw_connection_send(self.connections[i], message, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}', note: 'a different connection on each iteration' },
        { code: '- (void)sendNextChunk {\n  dispatch_data_t chunk = [self.reader nextChunk];\n  if (chunk == nil) { return; }\n  nw_connection_send(self.connection, chunk, NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {\n    if (error == nil) { [self sendNextChunk]; }\n  });\n}', note: 'the next send starts from the previous completion' },
        { code: 'dispatch_semaphore_t sent = dispatch_semaphore_create(0);\nfor (NSData *chunk in chunks) {\n  nw_connection_send(connection, [self dispatchDataFrom:chunk], NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {\n    dispatch_semaphore_signal(sent);\n  });\n  dispatch_semaphore_wait(sent, DISPATCH_TIME_FOREVER);\n}', note: 'each iteration waits for the completion' },
        { code: 'for (NSString *line in @[@"HELLO", @"VERSION 2"]) {\n  nw_connection_send(connection, [self dispatchDataFrom:[line dataUsingEncoding:NSUTF8StringEncoding]], NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n}\nfor (int attempt = 0; attempt < 2; attempt++) {\n  nw_connection_send(connection, probe, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n}', note: 'small literal bounds' },
        { code: 'for (NSData *frame in frames) {\n  // nw_connection_send(connection, frame, ctx, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  [self.session sendData:frame toPeers:self.session.connectedPeers withMode:MCSessionSendDataReliable error:nil];\n  NSLog(@"nw_connection_send queued");\n}', note: 'other send APIs, comments and strings' },
        { code: 'while (self.running) {\n  nw_connection_receive(self.connection, 1, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    if (content != nil) {\n      nw_connection_send(self.connection, content, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n    }\n  });\n  [self waitForNextRequest];\n}', note: 'an echo from a receive completion' },
      ],
    },
    c: {
      invalid: [
        { code: 'void send_file(nw_connection_t connection, FILE *file) {\n  char buffer[65536];\n  size_t count;\n  while ((count = fread(buffer, 1, sizeof buffer, file)) > 0) {\n    dispatch_data_t chunk = dispatch_data_create(buffer, count, NULL, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n    ⟦nw_connection_send⟧(connection, chunk, NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n    dispatch_release(chunk);\n  }\n}', messages: ['readLoopC'], note: 'fread loop' },
        { code: 'static void stream_samples(struct sensor_context *ctx) {\n  while (1) {\n    dispatch_data_t sample = next_sample(ctx->sensor);\n    ⟦nw_connection_send⟧(ctx->connection, sample, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}', messages: ['endlessLoopC'] },
        { code: 'void send_all(nw_connection_t conn, dispatch_data_t *chunks, size_t count) {\n  for (size_t i = 0; i < count; i++) {\n    ⟦nw_connection_send⟧(conn, chunks[i], NW_CONNECTION_DEFAULT_STREAM_CONTEXT, i + 1 == count, ^(nw_error_t error) {\n      if (error != NULL) { report_error(error); }\n    });\n  }\n}', messages: ['loopC'], note: 'completion block that does not pace the loop' },
        { code: 'void pipe_fd(int fd, nw_connection_t connection) {\n  char buffer[16384];\n  ssize_t n;\n  do {\n    n = read(fd, buffer, sizeof buffer);\n    ⟦nw_connection_send⟧(connection, make_data(buffer, n), NW_CONNECTION_DEFAULT_STREAM_CONTEXT, n <= 0, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  } while (n > 0);\n}', messages: ['readLoopC'], note: 'read(2) loop' },
      ],
      valid: [
        { code: 'void broadcast(nw_connection_t *connections, size_t count, dispatch_data_t message) {\n  for (size_t i = 0; i < count; i++) {\n    nw_connection_send(connections[i], message, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n  for (struct peer *p = peers; p != NULL; p = p->next) {\n    nw_connection_send(p->connection, message, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}', note: 'a different connection on each iteration' },
        { code: 'static void send_next(struct sender *s) {\n  dispatch_data_t chunk = read_chunk(s->file, 65536);\n  if (chunk == NULL) { return; }\n  nw_connection_send(s->connection, chunk, NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {\n    if (error == NULL) { send_next(s); }\n  });\n}', note: 'the next send starts from the previous completion' },
        { code: 'static void greet(nw_connection_t conn) {\n  for (int i = 0; i < 2; i++) {\n    nw_connection_send(conn, greetings[i], NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}', note: 'small literal bound' },
        { code: 'void send_paced(nw_connection_t conn, dispatch_data_t *chunks, size_t count) {\n  dispatch_semaphore_t sent = dispatch_semaphore_create(0);\n  for (size_t i = 0; i < count; i++) {\n    nw_connection_send(conn, chunks[i], NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {\n      dispatch_semaphore_signal(sent);\n    });\n    dispatch_semaphore_wait(sent, DISPATCH_TIME_FOREVER);\n  }\n}', note: 'each iteration waits for the completion' },
        { code: 'void announce(nw_connection_t conn, nw_connection_group_t group, dispatch_data_t hello) {\n  /* for (;;) nw_connection_send(conn, chunk, ctx, false, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT); */\n  for (;;) {\n    puts("nw_connection_send");\n    nw_connection_group_send_message(group, hello, NULL, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, NULL);\n    if (is_ready(conn)) {\n      nw_connection_send(conn, hello, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n      break;\n    }\n  }\n}', note: 'comments, strings, other functions; a send followed by break' },
        { code: 'void chat(nw_connection_t conn) {\n  char line[512];\n  while (fgets(line, sizeof line, stdin) != NULL) {\n    nw_connection_send(conn, make_data(line, strlen(line)), NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}', note: 'one send per line the user types' },
      ],
    },
  },
});
