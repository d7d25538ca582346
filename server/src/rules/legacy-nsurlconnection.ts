// legacy-nsurlconnection: requests loaded with NSURLConnection (deprecated since iOS 9 / macOS 10.11); use URLSession.
import type { Node } from 'web-tree-sitter';
import {
  NSURLCONNECTION_CLASS_SELECTORS, NSURLCONNECTION_DEPRECATION, NSURLCONNECTION_INIT_SELECTORS, NSURLCONNECTION_SWIFT_METHODS,
} from './apis/legacy-networking';
import { defineRule } from './rule';
import { objcMessage } from './syntax/c-family';
import { declaredTypeName } from './syntax/legacy-support';
import { swiftCall } from './syntax/swift';
import { inInactiveRegion } from './syntax/conditional-compilation';

const CLASS_NAMES = new Set(['NSURLConnection', 'Foundation.NSURLConnection']);

export default defineRule({
  id: 'legacy-nsurlconnection',
  title: 'NSURLConnection is deprecated: use URLSession',
  languages: ['swift', 'objc'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'legacy-nsurlconnection',
  triggers: ['NSURLConnection'],
  sources: [
    'Apple Developer Forums: Networking Resources (DTS): URLSession is the recommended API for HTTP[S]',
    'https://developer.apple.com/documentation/foundation/nsurlconnection ("This API is considered legacy. Use URLSession instead.")',
    'https://developer.apple.com/documentation/foundation/nsurlconnection/sendsynchronousrequest(_:returning:)',
    'https://developer.apple.com/documentation/foundation/nsurlconnection/init(request:delegate:)',
    'https://developer.apple.com/documentation/foundation/urlsession',
  ],
  deprecated: NSURLCONNECTION_DEPRECATION,
  messages: {
    load: 'NSURLConnection has been deprecated since iOS 9 and macOS 10.11: load this request with URLSession (a data, download or upload task, or async data(for:)) instead.',
    legacy: 'NSURLConnection is legacy and every way to start one is deprecated since iOS 9 and macOS 10.11: move this code to URLSession and its task delegate (URLSessionDataDelegate).',
  },
  knownLimitations: [
    'Each call that creates or starts a connection is reported; a file that only names the class (delegate methods, properties) is reported once, at the first mention.',
    'No automatic rewrite: synchronous loads, run-loop scheduling and delegate callbacks change shape when moving to URLSession.',
  ],
  create(context) {
    const swift = context.grammar === 'swift';
    const loads: Node[] = [];
    let firstMention: Node | undefined;
    let declaredHere = false;
    const load = (node: Node) => {
      if (!inInactiveRegion(node, context.grammar)) loads.push(node);
    };
    const noteDeclaration = (node: Node) => {
      if (declaredTypeName(node) === 'NSURLConnection') declaredHere = true;
    };
    return {
      class_declaration: noteDeclaration,
      class_interface: noteDeclaration,
      call_expression(node) {
        if (!swift) return;
        const call = swiftCall(node);
        if (!call) return;
        if (call.receiver && CLASS_NAMES.has(call.receiver.text) && NSURLCONNECTION_SWIFT_METHODS.has(call.name)) load(call.nameNode);
        // `NSURLConnection(request:delegate:)`, `NSURLConnection(request:delegate:startImmediately:)`
        else if (call.name === 'NSURLConnection' && call.arguments[0]?.label === 'request') load(call.nameNode);
      },
      message_expression(node) {
        const message = objcMessage(node);
        if (!message) return;
        const receiver = message.receiver;
        if (NSURLCONNECTION_CLASS_SELECTORS.has(message.selector) && receiver?.type === 'identifier' && receiver.text === 'NSURLConnection') {
          load(message.keywords[0].nameNode);
        } else if (NSURLCONNECTION_INIT_SELECTORS.has(message.selector) && receiver?.type === 'message_expression') {
          const alloc = objcMessage(receiver);
          if (alloc?.selector === 'alloc' && alloc.receiver?.text === 'NSURLConnection') load(message.keywords[0].nameNode);
        }
      },
      type_identifier(node) {
        if (firstMention || node.text !== 'NSURLConnection' || inInactiveRegion(node, context.grammar)) return;
        if (swift && (node.parent?.type !== 'user_type' || node.parent.namedChildCount !== 1)) return;
        firstMention = node;
      },
      'file:exit'() {
        if (declaredHere) return;
        for (const node of loads) context.report({ node, messageId: 'load' });
        if (loads.length === 0 && firstMention) context.report({ node: firstMention, messageId: 'legacy' });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `func fetchConfig(from url: URL) throws -> Data {
    var response: URLResponse?
    return try NSURLConnection.⟦sendSynchronousRequest⟧(URLRequest(url: url), returning: &response)
}`,
          messages: ['load'],
        },
        {
          code: `NSURLConnection.⟦sendAsynchronousRequest⟧(request, queue: .main) { response, data, error in
    guard let data else { return }
    print(data.count)
}`,
          messages: ['load'],
        },
        {
          code: `final class FeedLoader: NSObject, NSURLConnectionDataDelegate {
    private var connection: NSURLConnection?
    func start(_ request: URLRequest) {
        connection = ⟦NSURLConnection⟧(request: request, delegate: self, startImmediately: true)
    }
}`,
          messages: ['load'],
          note: 'the property type is covered by the creation call',
        },
        {
          code: `extension FeedLoader {
    func connection(_ connection: ⟦NSURLConnection⟧, didReceive data: Data) { buffer.append(data) }
    func connectionDidFinishLoading(_ connection: NSURLConnection) { finish() }
}`,
          messages: ['legacy'],
          note: 'delegate methods only: first mention',
        },
      ],
      valid: [
        {
          code: `let (data, response) = try await URLSession.shared.data(for: request)
let task = URLSession.shared.dataTask(with: request) { data, response, error in }
task.resume()`,
          note: 'URLSession',
        },
        {
          code: `// NSURLConnection.sendSynchronousRequest(request, returning: &response) was replaced
let reason = "NSURLConnection is deprecated"
print(reason)`,
          note: 'comment and string',
        },
        {
          code: `struct Pool { func sendSynchronousRequest(_ r: Int) -> Int { r } }
let n = Pool().sendSynchronousRequest(3)
let ok = NSURLConnection.canHandle(request)`,
          note: 'a same-named method elsewhere, and canHandle (not deprecated, no load)',
        },
        {
          code: `#if false
let data = try NSURLConnection.sendSynchronousRequest(request, returning: nil)
#endif`,
          note: 'compiled out',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: `@implementation SyncFetcher
- (NSData *)fetch:(NSURLRequest *)request {
    NSURLResponse *response = nil;
    NSError *error = nil;
    return [NSURLConnection ⟦sendSynchronousRequest⟧:request returningResponse:&response error:&error];
}
@end`,
          messages: ['load'],
        },
        {
          code: `@implementation ImageLoader
- (void)load:(NSURLRequest *)request {
    [NSURLConnection ⟦sendAsynchronousRequest⟧:request queue:[NSOperationQueue mainQueue] completionHandler:^(NSURLResponse *r, NSData *d, NSError *e) {
        self.image = [UIImage imageWithData:d];
    }];
}
@end`,
          messages: ['load'],
        },
        {
          code: `@implementation Downloader
- (void)start {
    self.connection = [[NSURLConnection alloc] ⟦initWithRequest⟧:self.request delegate:self];
    NSURLConnection *other = [NSURLConnection ⟦connectionWithRequest⟧:self.request delegate:self];
}
@end`,
          messages: ['load', 'load'],
        },
        {
          code: `@interface Downloader () <NSURLConnectionDataDelegate>
@end
@implementation Downloader
- (void)connection:(⟦NSURLConnection⟧ *)connection didReceiveData:(NSData *)data { [self.buffer appendData:data]; }
@end`,
          messages: ['legacy'],
        },
      ],
      valid: [
        {
          code: `@implementation Fetcher
- (void)fetch:(NSURLRequest *)request {
    [[[NSURLSession sharedSession] dataTaskWithRequest:request completionHandler:^(NSData *d, NSURLResponse *r, NSError *e) {}] resume];
}
@end`,
          note: 'URLSession',
        },
        {
          code: `// [NSURLConnection sendSynchronousRequest:request returningResponse:&r error:&e];
static NSString *const kWhy = @"NSURLConnection";`,
          note: 'comment and string',
        },
        {
          code: `@implementation Queue
- (void)run { [self.transport sendAsynchronousRequest:self.request queue:self.queue completionHandler:nil]; }
@end`,
          note: 'the same selector on another class',
        },
      ],
    },
  },
});
