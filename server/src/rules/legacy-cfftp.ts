// legacy-cfftp: FTP transfers, through CFFTPStream (deprecated since iOS 9 / macOS 10.11) or ftp:// URLs handed to URL loading; recommend HTTPS with URLSession.
import type { Node } from 'web-tree-sitter';
import { CFFTP_CONSTANT, CFFTP_DEPRECATION, CFFTP_FUNCTIONS } from './apis/legacy-networking';
import { defineRule } from './rule';
import { resolveCName } from './syntax/c-bindings';
import { cCall, objcMessage } from './syntax/c-family';
import { enclosingBodyId, stringText } from './syntax/legacy-support';
import { swiftCall } from './syntax/swift';
import { resolveSwiftName } from './syntax/swift-bindings';
import { inInactiveRegion } from './syntax/conditional-compilation';

/** How far `let a = b; let b = URL(…)` chains are followed. */
const MAX_DEPTH = 4;

const FTP_PREFIX = /^ftp:\/\//i;

/** URLSession and Foundation loads, Swift name → label of the argument that carries the URL or request. */
const SWIFT_LOADS: ReadonlyMap<string, string> = new Map([
  ['dataTask', 'with'], ['downloadTask', 'with'], ['uploadTask', 'with'],
  ['data', 'from'], ['download', 'from'], ['bytes', 'from'],
]);
const SWIFT_REQUEST_LOADS: ReadonlyMap<string, string> = new Map([['data', 'for'], ['download', 'for'], ['bytes', 'for']]);

/** Initialisers that load (or prepare to load) a URL: type → label. */
const SWIFT_URL_INITS: ReadonlyMap<string, string> = new Map([
  ['Data', 'contentsOf'], ['NSData', 'contentsOf'], ['String', 'contentsOf'], ['NSString', 'contentsOf'],
  ['InputStream', 'url'], ['URLRequest', 'url'], ['NSURLRequest', 'url'], ['NSMutableURLRequest', 'url'],
]);

/** Objective-C selectors whose first argument is the URL (or request) to load. */
const OBJC_LOADS = new Set([
  'dataTaskWithURL:', 'dataTaskWithURL:completionHandler:', 'downloadTaskWithURL:', 'downloadTaskWithURL:completionHandler:',
  'dataTaskWithRequest:', 'dataTaskWithRequest:completionHandler:', 'downloadTaskWithRequest:', 'downloadTaskWithRequest:completionHandler:',
  'requestWithURL:', 'requestWithURL:cachePolicy:timeoutInterval:', 'dataWithContentsOfURL:', 'dataWithContentsOfURL:options:error:',
  'stringWithContentsOfURL:encoding:error:', 'stringWithContentsOfURL:usedEncoding:error:', 'inputStreamWithURL:',
]);
/** Initialisers, only when sent to `[NSURLRequest alloc]` and kin. */
const OBJC_INIT_LOADS = new Set(['initWithURL:', 'initWithURL:cachePolicy:timeoutInterval:', 'initWithContentsOfURL:']);
const OBJC_INIT_CLASSES = new Set(['NSURLRequest', 'NSMutableURLRequest', 'NSData', 'NSInputStream']);

/** An ftp:// string literal that `value` is, or builds a URL / request from; undefined otherwise. */
function swiftFtpLiteral(value: Node | undefined, depth: number): Node | undefined {
  if (!value || depth > MAX_DEPTH) return undefined;
  switch (value.type) {
    case 'line_string_literal':
    case 'multi_line_string_literal': {
      const text = stringText(value);
      return text && FTP_PREFIX.test(text.leading) ? value : undefined;
    }
    case 'postfix_expression':
    case 'parenthesized_expression':
    case 'try_expression':
    case 'as_expression':
      return swiftFtpLiteral(value.namedChildren.find((c) => c !== null && c.type !== 'try_operator' && c.type !== 'bang'), depth);
    case 'simple_identifier': {
      return swiftFtpLiteral(resolveSwiftName(value)?.value, depth + 1);
    }
    case 'call_expression': {
      const call = swiftCall(value);
      if (!call || call.receiver) return undefined;
      // `URL(string:)`, `NSURL(string:)`, `URLRequest(url:)`: look through to the string.
      if ((call.name === 'URL' || call.name === 'NSURL') && call.arguments[0]?.label === 'string') return swiftFtpLiteral(call.arguments[0].value, depth);
      if (SWIFT_URL_INITS.get(call.name) === 'url' && call.arguments[0]?.label === 'url') return swiftFtpLiteral(call.arguments[0].value, depth);
      return undefined;
    }
    default:
      return undefined;
  }
}

function objcFtpLiteral(value: Node | undefined, depth: number): Node | undefined {
  if (!value || depth > MAX_DEPTH) return undefined;
  switch (value.type) {
    case 'string_literal': {
      const text = stringText(value);
      return text && FTP_PREFIX.test(text.leading) ? value : undefined;
    }
    case 'parenthesized_expression':
    case 'cast_expression':
      return objcFtpLiteral(value.namedChildren[value.namedChildren.length - 1] ?? undefined, depth);
    case 'identifier': {
      const binding = resolveCName(value);
      return objcFtpLiteral(binding?.value, depth + 1);
    }
    case 'message_expression': {
      const message = objcMessage(value);
      if (!message) return undefined;
      // `[NSURL URLWithString:@"ftp://…"]`, `[NSURLRequest requestWithURL:…]`, `[[NSURL alloc] initWithString:…]`
      if (['URLWithString:', 'initWithString:', 'requestWithURL:', 'initWithURL:', 'requestWithURL:cachePolicy:timeoutInterval:'].includes(message.selector)) {
        return objcFtpLiteral(message.keywords[0].argument, depth);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

interface Candidate { node: Node; body: number }

export default defineRule({
  id: 'legacy-cfftp',
  title: 'FTP (CFFTPStream, ftp:// URL loading) is deprecated and insecure: use HTTPS with URLSession',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'legacy-cfftp',
  triggers: [...CFFTP_FUNCTIONS, 'kCFStreamPropertyFTP*', 'kCFFTPResource*', 'ftp'],
  sources: [
    'Apple Developer Forums: On FTP (DTS), https://developer.apple.com/forums/thread/97469: all of Apple\'s FTP APIs are deprecated; avoid FTP',
    'Apple Developer Forums: Networking Resources (DTS), Miscellaneous: On FTP',
    'https://developer.apple.com/documentation/cfnetwork/cfreadstreamcreatewithftpurl(_:_:)',
    'https://developer.apple.com/library/archive/releasenotes/General/iOS90APIDiffs/Objective-C/CFNetwork.html',
  ],
  deprecated: CFFTP_DEPRECATION,
  messages: {
    cfftp: 'CFFTPStream has been deprecated since iOS 9 and macOS 10.11, and FTP sends data and passwords in the clear: serve the file over HTTPS and transfer it with URLSession (or use SFTP through a maintained library).',
    ftpUrl: 'This loads an ftp:// URL: FTP is unencrypted and Apple\'s FTP support is deprecated, so serve the resource over HTTPS and load that URL instead.',
  },
  knownLimitations: [
    'CFFTPStream use is reported once per function (its first call or kCFStreamPropertyFTP… constant); closures and blocks belong to their function.',
    'An ftp:// URL is reported only when the literal reaches a URL loading call through URL(string:) / NSURL URLWithString: and plain local constants in the same file; URLs built with string formatting, or stored in properties and loaded elsewhere, are missed. A bare "ftp://" string (a label, a placeholder) is never reported.',
  ],
  create(context) {
    const swift = context.grammar === 'swift';
    const cfftp: Candidate[] = [];
    const literals = new Map<number, Node>();
    const noteCf = (node: Node) => {
      if (!inInactiveRegion(node, context.grammar)) cfftp.push({ node, body: enclosingBodyId(node, context.grammar) });
    };
    const noteLiteral = (literal: Node | undefined) => {
      if (literal && !inInactiveRegion(literal, context.grammar)) literals.set(literal.id, literal);
    };
    return {
      call_expression(node) {
        if (!swift) {
          const call = cCall(node);
          if (call && CFFTP_FUNCTIONS.has(call.name)) noteCf(call.nameNode);
          return;
        }
        const call = swiftCall(node);
        if (!call) return;
        if (!call.receiver && CFFTP_FUNCTIONS.has(call.name) && node.namedChild(0)?.type === 'simple_identifier') {
          noteCf(call.nameNode);
          return;
        }
        const first = call.arguments[0];
        if (!first?.label) return;
        if (call.receiver && (SWIFT_LOADS.get(call.name) === first.label || SWIFT_REQUEST_LOADS.get(call.name) === first.label)) {
          noteLiteral(swiftFtpLiteral(first.value, 0));
        } else if (!call.receiver && SWIFT_URL_INITS.get(call.name) === first.label) {
          noteLiteral(swiftFtpLiteral(first.value, 0));
        }
      },
      identifier(node) {
        if (CFFTP_CONSTANT.test(node.text)) noteCf(node);
      },
      simple_identifier(node) {
        if (CFFTP_CONSTANT.test(node.text)) noteCf(node);
      },
      message_expression(node) {
        const message = objcMessage(node);
        if (!message) return;
        let loads = OBJC_LOADS.has(message.selector);
        if (!loads && OBJC_INIT_LOADS.has(message.selector) && message.receiver?.type === 'message_expression') {
          const alloc = objcMessage(message.receiver);
          loads = alloc?.selector === 'alloc' && OBJC_INIT_CLASSES.has(alloc.receiver?.text ?? '');
        }
        if (loads) noteLiteral(objcFtpLiteral(message.keywords[0].argument, 0));
      },
      'file:exit'() {
        const bodies = new Set<number>();
        const findings: { node: Node; messageId: string }[] = [];
        for (const candidate of cfftp) {
          if (bodies.has(candidate.body)) continue;
          bodies.add(candidate.body);
          findings.push({ node: candidate.node, messageId: 'cfftp' });
        }
        for (const literal of literals.values()) findings.push({ node: literal, messageId: 'ftpUrl' });
        findings.sort((a, b) => a.node.startIndex - b.node.startIndex);
        for (const finding of findings) context.report(finding);
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `func download(_ url: URL) -> CFReadStream {
    let stream = ⟦CFReadStreamCreateWithFTPURL⟧(nil, url as CFURL).takeRetainedValue()
    CFReadStreamSetProperty(stream, CFStreamPropertyKey(kCFStreamPropertyFTPUsePassiveMode), kCFBooleanTrue)
    return stream
}`,
          messages: ['cfftp'],
          note: 'one finding per function',
        },
        {
          code: `let mirror = URL(string: ⟦"ftp://mirror.example.com/pub/catalog.csv"⟧)!
let task = URLSession.shared.downloadTask(with: mirror) { location, response, error in }
task.resume()`,
          messages: ['ftpUrl'],
        },
        {
          code: `func fetchReadme() async throws -> Data {
    let (data, _) = try await URLSession.shared.data(from: URL(string: ⟦"ftp://ftp.example.org/README"⟧)!)
    return data
}`,
          messages: ['ftpUrl'],
        },
        {
          code: `func legacyPrices(host: String) throws -> Data {
    guard let url = URL(string: ⟦"ftp://\\(host)/prices.txt"⟧) else { throw URLError(.badURL) }
    return try Data(contentsOf: url)
}`,
          messages: ['ftpUrl'],
          note: 'interpolated host, guard-let binding',
        },
      ],
      valid: [
        {
          code: `let mirror = URL(string: "https://mirror.example.com/pub/catalog.csv")!
URLSession.shared.downloadTask(with: mirror).resume()`,
          note: 'HTTPS',
        },
        {
          code: `let placeholder = "ftp://"
label.text = "Enter an ftp:// address"
let scheme = url.scheme == "ftp" ? "FTP" : "other"`,
          note: 'UI text and scheme checks, no load',
        },
        {
          code: `// CFReadStreamCreateWithFTPURL(nil, url) was removed with the FTP code
let help = "kCFStreamPropertyFTPUsePassiveMode"
print(help)`,
          note: 'comment and string',
        },
        {
          code: `let link = URL(string: "ftp://files.example.com/")!
UIApplication.shared.open(link)
let request = makeRequest(for: "ftp://files.example.com/")`,
          note: 'handing an ftp link to another app is not a load here',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: `@implementation Uploader
- (void)startWithURL:(NSURL *)url {
    CFWriteStreamRef stream = ⟦CFWriteStreamCreateWithFTPURL⟧(kCFAllocatorDefault, (__bridge CFURLRef)url);
    CFWriteStreamSetProperty(stream, kCFStreamPropertyFTPUserName, (__bridge CFStringRef)self.user);
}
@end`,
          messages: ['cfftp'],
        },
        {
          code: `@implementation CatalogFetcher
- (void)fetch {
    NSURL *url = [NSURL URLWithString:⟦@"ftp://ftp.example.com/catalog.xml"⟧];
    [[[NSURLSession sharedSession] dataTaskWithURL:url completionHandler:^(NSData *d, NSURLResponse *r, NSError *e) {}] resume];
}
@end`,
          messages: ['ftpUrl'],
        },
        {
          code: `@implementation Sync
- (NSData *)pull {
    return [NSData dataWithContentsOfURL:[NSURL URLWithString:⟦@"ftp://backup.example.com/db.sqlite"⟧]];
}
@end`,
          messages: ['ftpUrl'],
        },
        {
          code: `@implementation Settings
- (void)apply:(CFReadStreamRef)stream {
    CFReadStreamSetProperty(stream, ⟦kCFStreamPropertyFTPUsePassiveMode⟧, kCFBooleanFalse);
}
@end`,
          messages: ['cfftp'],
          note: 'FTP stream properties alone',
        },
      ],
      valid: [
        {
          code: `@implementation CatalogFetcher
- (void)fetch {
    NSURL *url = [NSURL URLWithString:@"https://files.example.com/catalog.xml"];
    [[[NSURLSession sharedSession] dataTaskWithURL:url] resume];
}
@end`,
          note: 'HTTPS',
        },
        {
          code: `static NSString *const kPlaceholder = @"ftp://";
// CFReadStreamCreateWithFTPURL(NULL, url);
NSString *hint = @"ftp://host/path is not supported";`,
          note: 'placeholder, comment, message',
        },
        {
          code: `@implementation Links
- (void)openLegacy { [[NSWorkspace sharedWorkspace] openURL:[NSURL URLWithString:@"ftp://files.example.com/"]]; }
@end`,
          note: 'handed to another app, not loaded',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: `#include <CFNetwork/CFNetwork.h>

CFReadStreamRef open_listing(CFURLRef url) {
    CFReadStreamRef stream = ⟦CFReadStreamCreateWithFTPURL⟧(kCFAllocatorDefault, url);
    CFReadStreamSetProperty(stream, kCFStreamPropertyFTPFetchResourceInfo, kCFBooleanTrue);
    return stream;
}`,
          messages: ['cfftp'],
        },
        {
          code: `CFIndex parse_entry(const UInt8 *buf, CFIndex len, CFDictionaryRef *entry) {
    return ⟦CFFTPCreateParsedResourceListing⟧(NULL, buf, len, entry);
}`,
          messages: ['cfftp'],
        },
        {
          code: `void set_login(CFWriteStreamRef s, CFStringRef user, CFStringRef pass) {
    CFWriteStreamSetProperty(s, ⟦kCFStreamPropertyFTPUserName⟧, user);
}

void set_proxy(CFWriteStreamRef s, CFDictionaryRef proxy) {
    CFWriteStreamSetProperty(s, ⟦kCFStreamPropertyFTPProxy⟧, proxy);
}`,
          messages: ['cfftp', 'cfftp'],
          note: 'one per function',
        },
      ],
      valid: [
        {
          code: `CFReadStreamRef open_file(CFURLRef url) { return CFReadStreamCreateWithFile(NULL, url); }`,
          note: 'a file stream',
        },
        {
          code: `/* CFReadStreamCreateWithFTPURL(NULL, url) */
const char *scheme = "ftp://";`,
          note: 'comment and string',
        },
        {
          code: `#if 0
CFReadStreamRef old(CFURLRef u) { return CFReadStreamCreateWithFTPURL(NULL, u); }
#endif`,
          note: 'compiled out',
        },
      ],
    },
  },
});
