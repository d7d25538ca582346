// legacy-nsstream-socket: TCP connections opened as NSStream / CFStream pairs (getStreamsToHost, CFStreamCreatePairWithSocketToHost…); recommend Network framework or URLSessionStreamTask.
import type { Node } from 'web-tree-sitter';
import { CFSTREAM_SOCKET_FUNCTIONS, NSSTREAM_SOCKET_SELECTORS, NSSTREAM_SOCKET_SWIFT, SOCKET_STREAM_DEPRECATION, STREAM_CLASSES } from './apis/legacy-networking';
import { defineRule } from './rule';
import { cCall, objcMessage } from './syntax/c-family';
import { swiftCall } from './syntax/swift';
import { FunctionsDefinedHere } from './syntax/defined-functions';
import { inInactiveRegion } from './syntax/conditional-compilation';

export default defineRule({
  id: 'legacy-nsstream-socket',
  title: 'NSStream / CFStream socket streams are a legacy way to open TCP connections: use Network framework',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'info',
  confidence: 'medium',
  article: 'legacy-nsstream-socket',
  triggers: [...CFSTREAM_SOCKET_FUNCTIONS, 'getStreamsToHost', 'getStreamsToHostWithName', 'getStreamsTo'],
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS): NSStream "has been scheduled for deprecation as far as networking is concerned"',
    'Apple Developer Forums: Networking Resources (DTS): Network framework is the recommended API for TCP, UDP and QUIC',
    'https://developer.apple.com/documentation/corefoundation/cfstreamcreatepairwithsockettohost(_:_:_:_:_:)',
    'https://developer.apple.com/documentation/foundation/stream/getstreamstohost(withname:port:inputstream:outputstream:)',
    'https://developer.apple.com/documentation/technotes/tn3151-choosing-the-right-networking-api',
  ],
  deprecated: SOCKET_STREAM_DEPRECATION,
  messages: {
    socketStream: 'Socket streams (NSStream / CFStream pairs connected to a host or socket) are deprecated in the 27 SDKs: open the connection with Network framework\'s NWConnection (nw_connection_t), or use URLSessionStreamTask if the code already lives in URLSession.',
  },
  knownLimitations: [
    'Streams that wrap a socket you created yourself (CFStreamCreatePairWithSocket) get the same advice: the socket code around them usually needs to move to Network framework as well.',
    'Objective-C and Swift calls are recognised by their receiver (NSStream, NSInputStream, NSOutputStream and the Swift Stream classes); a subclass of those used as the receiver is not.',
    'Streams obtained from another API (NSNetService\'s getInputStream:outputStream:, Multipeer Connectivity, External Accessory) are not reported here.',
  ],
  create(context) {
    const swift = context.grammar === 'swift';
    const definedHere = new FunctionsDefinedHere(context.grammar);
    const candidates: { node: Node; name: string }[] = [];
    const add = (node: Node, name: string) => {
      if (!inInactiveRegion(node, context.grammar)) candidates.push({ node, name });
    };
    return {
      ...definedHere.visitors,
      call_expression(node) {
        if (swift) {
          const call = swiftCall(node);
          if (!call) return;
          if (CFSTREAM_SOCKET_FUNCTIONS.has(call.name) && call.receiver === undefined) {
            add(call.nameNode, call.name);
            return;
          }
          const labels = NSSTREAM_SOCKET_SWIFT.get(call.name);
          if (!labels || !call.receiver || !STREAM_CLASSES.has(call.receiver.text)) return;
          const written = call.arguments.map((a) => a.label ?? '_');
          if (written.length === labels.length && written.every((l, i) => l === labels[i])) add(call.nameNode, '');
        } else {
          const call = cCall(node);
          if (call && CFSTREAM_SOCKET_FUNCTIONS.has(call.name)) add(call.nameNode, call.name);
        }
      },
      message_expression(node) {
        const message = objcMessage(node);
        if (!message || !NSSTREAM_SOCKET_SELECTORS.has(message.selector)) return;
        if (message.receiver?.type === 'identifier' && STREAM_CLASSES.has(message.receiver.text)) {
          add(message.keywords[0].nameNode, '');
        }
      },
      'file:exit'() {
        for (const candidate of candidates) {
          if (candidate.name && definedHere.has(candidate.name)) continue;
          context.report({ node: candidate.node });
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        `final class PrinterLink: NSObject, StreamDelegate {
    private var input: InputStream?
    private var output: OutputStream?

    func open(host: String) {
        Stream.⟦getStreamsToHost⟧(withName: host, port: 9100, inputStream: &input, outputStream: &output)
        input?.delegate = self
        input?.schedule(in: .main, forMode: .default)
        input?.open()
        output?.open()
    }
}`,
        `var readStream: Unmanaged<CFReadStream>?
var writeStream: Unmanaged<CFWriteStream>?
⟦CFStreamCreatePairWithSocketToHost⟧(kCFAllocatorDefault, "mail.example.com" as CFString, 993, &readStream, &writeStream)`,
        {
          code: `func wrap(socket fd: Int32) -> (InputStream?, OutputStream?) {
    var r: Unmanaged<CFReadStream>?
    var w: Unmanaged<CFWriteStream>?
    ⟦CFStreamCreatePairWithSocket⟧(nil, fd, &r, &w)
    return (r?.takeRetainedValue(), w?.takeRetainedValue())
}`,
          note: 'wrapping a BSD socket',
        },
        {
          code: `var i: InputStream?
var o: OutputStream?
InputStream.⟦getStreamsToHost⟧(withName: "10.0.0.2", port: 23, inputStream: &i, outputStream: nil)`,
          note: 'called through InputStream',
        },
      ],
      valid: [
        {
          code: `var input: InputStream?
var output: OutputStream?
Stream.getBoundStreams(withBufferSize: 65536, inputStream: &input, outputStream: &output)
let file = InputStream(fileAtPath: "/tmp/upload.bin")
let memory = InputStream(data: Data())`,
          note: 'bound pair for an upload body, file and memory streams',
        },
        {
          code: `let task = URLSession.shared.streamTask(withHostName: "mail.example.com", port: 993)
task.startSecureConnection()
task.resume()`,
          note: 'URLSessionStreamTask',
        },
        {
          code: `// Stream.getStreamsToHost(withName:port:inputStream:outputStream:) was replaced by NWConnection
let help = "CFStreamCreatePairWithSocketToHost is deprecated"
print(help)`,
          note: 'comment and string',
        },
        {
          code: `struct Dialer {
    func getStreamsToHost(withName name: String, port: Int, inputStream: inout Int, outputStream: inout Int) {}
}
var a = 0, b = 0
Dialer().getStreamsToHost(withName: "x", port: 1, inputStream: &a, outputStream: &b)`,
          note: 'a same-named method of another type',
        },
        {
          code: `#if false
Stream.getStreamsToHost(withName: "old.example.com", port: 80, inputStream: &i, outputStream: &o)
#endif
let connection = NWConnection(host: "new.example.com", port: 80, using: .tcp)`,
          note: 'compiled out, and the replacement',
        },
      ],
    },
    objc: {
      invalid: [
        `@implementation TelnetSession
- (void)connectToHost:(NSString *)host {
    NSInputStream *input = nil;
    NSOutputStream *output = nil;
    [NSStream ⟦getStreamsToHostWithName⟧:host port:23 inputStream:&input outputStream:&output];
    self.input = input;
    self.output = output;
}
@end`,
        `@implementation Link
- (void)open {
    CFReadStreamRef readStream = NULL;
    CFWriteStreamRef writeStream = NULL;
    ⟦CFStreamCreatePairWithSocketToHost⟧(NULL, (__bridge CFStringRef)self.host, 8080, &readStream, &writeStream);
    self.input = (__bridge_transfer NSInputStream *)readStream;
}
@end`,
        {
          code: `static void OpenService(CFNetServiceRef service) {
    CFReadStreamRef r; CFWriteStreamRef w;
    ⟦CFStreamCreatePairWithSocketToNetService⟧(kCFAllocatorDefault, service, &r, &w);
}`,
          note: 'Bonjour service',
        },
      ],
      valid: [
        {
          code: `@implementation Uploader
- (void)prepare {
    NSInputStream *body = nil;
    NSOutputStream *writer = nil;
    [NSStream getBoundStreamsWithBufferSize:65536 inputStream:&body outputStream:&writer];
    NSInputStream *file = [NSInputStream inputStreamWithFileAtPath:@"/tmp/a.bin"];
}
@end`,
          note: 'bound pair and file stream',
        },
        {
          code: `@implementation Mail
- (void)open {
    NSURLSessionStreamTask *task = [[NSURLSession sharedSession] streamTaskWithHostName:@"mail.example.com" port:993];
    [task resume];
}
@end`,
          note: 'URLSessionStreamTask',
        },
        {
          code: `// [NSStream getStreamsToHostWithName:host port:23 inputStream:&i outputStream:&o];
NSString *legacy = @"CFStreamCreatePairWithSocketToHost";`,
          note: 'comment and string',
        },
        {
          code: `@implementation Pool
- (void)open { [self.connector getStreamsToHostWithName:@"x" port:1 inputStream:NULL outputStream:NULL]; }
@end`,
          note: 'the same selector sent to an object that is not a stream class',
        },
      ],
    },
    c: {
      invalid: [
        `#include <CoreFoundation/CoreFoundation.h>

void open_pair(CFStringRef host, UInt32 port, CFReadStreamRef *r, CFWriteStreamRef *w) {
    ⟦CFStreamCreatePairWithSocketToHost⟧(kCFAllocatorDefault, host, port, r, w);
}`,
        `void wrap_socket(int fd, CFReadStreamRef *r, CFWriteStreamRef *w) {
    ⟦CFStreamCreatePairWithSocket⟧(NULL, fd, r, w);
    CFReadStreamSetProperty(*r, kCFStreamPropertyShouldCloseNativeSocket, kCFBooleanTrue);
}`,
        `void open_host(CFHostRef host, CFReadStreamRef *r, CFWriteStreamRef *w) {
    ⟦CFStreamCreatePairWithSocketToCFHost⟧(NULL, host, 443, r, w);
}`,
      ],
      valid: [
        {
          code: `void make_bound(CFReadStreamRef *r, CFWriteStreamRef *w) {
    CFStreamCreateBoundPair(kCFAllocatorDefault, r, w, 65536);
}
CFReadStreamRef file_stream(CFURLRef url) { return CFReadStreamCreateWithFile(NULL, url); }`,
          note: 'bound pair and file stream',
        },
        {
          code: `/* CFStreamCreatePairWithSocketToHost(NULL, host, port, &r, &w); */
const char *legacy = "CFStreamCreatePairWithSocketToHost";`,
          note: 'comment and string',
        },
        {
          code: `static void CFStreamCreatePairWithSocket(int fd) { (void)fd; }
void run(int fd) { CFStreamCreatePairWithSocket(fd); }`,
          note: 'a same-named function defined in the file',
        },
        {
          code: `#if 0
void legacy(CFStringRef h, CFReadStreamRef *r, CFWriteStreamRef *w) { CFStreamCreatePairWithSocketToHost(NULL, h, 80, r, w); }
#endif`,
          note: 'compiled out with #if 0',
        },
      ],
    },
  },
});
