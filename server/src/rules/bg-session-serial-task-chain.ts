// bg-session-serial-task-chain: a background URLSession that starts its next task from the previous task's completion callback.
import type { Node } from 'web-tree-sitter';
import {
  OBJC_COMPLETION_CALLBACKS, OBJC_TASK_FACTORIES, SWIFT_COMPLETION_CALLBACKS, SWIFT_TASK_FACTORIES,
} from './apis/interfaces';
import { inactiveRegionTest } from './syntax/iface-syntax';
import { defineRule } from './rule';
import { C_LOOP_TYPES, objcMessage } from './syntax/c-family';
import { SWIFT_LOOP_TYPES, swiftCall } from './syntax/swift';
import { ancestors, descendants } from './syntax/tree';

/** A new task that re-runs an old request is a retry, not the next item of a queue. */
const RETRY = /originalRequest|currentRequest|resumeData|ResumeData/;
/** A branch taken when the previous task failed: `if let error`, `error != nil`, `if (error)`. */
const FAILURE_BRANCH = /originalRequest|currentRequest|resumeData|ResumeData|\berror\s*!=\s*nil|\blet\s+\w+\s*=\s*error\b|\blet\s+error\b|^\(?\s*error\s*\)?$/;

/** The condition text of an if / guard statement. */
function conditionText(statement: Node): string {
  const condition = statement.childForFieldName('condition');
  if (statement.type === 'if_statement' && condition && condition.type === 'parenthesized_expression') return condition.text;
  const parts: string[] = [];
  for (const child of statement.children) {
    if (!child || ['{', 'else', 'statements'].includes(child.type)) break;
    if (child.type !== 'if' && child.type !== 'guard') parts.push(child.text);
  }
  return parts.join(' ');
}

/** The creation sits in a branch for a failed task (a retry), or re-runs an old request. */
function isRetry(node: Node, fn: Node): boolean {
  for (const a of ancestors(node)) {
    if (a.id === fn.id) return false;
    if ((a.type === 'if_statement' || a.type === 'guard_statement') && FAILURE_BRANCH.test(conditionText(a).trim())) return true;
  }
  return false;
}

/** The shared session is never a background session. */
const SHARED_SESSION = /URLSession\.shared|sharedSession/;

/** `urlSession(_:downloadTask:didFinishDownloadingTo:)` for a Swift function declaration. */
function swiftSignature(fn: Node): string | undefined {
  const name = fn.childForFieldName('name');
  if (!name || name.type !== 'simple_identifier') return undefined;
  const labels = fn.namedChildren.filter((c): c is Node => c?.type === 'parameter').map((p) => {
    const label = p.childForFieldName('external_name') ?? p.childForFieldName('name');
    return `${label?.text ?? '_'}:`;
  });
  return `${name.text}(${labels.join('')})`;
}

/** `URLSession:downloadTask:didFinishDownloadingToURL:` for an Objective-C method definition. */
function objcSelector(method: Node): string {
  const pieces: string[] = [];
  let hasParameters = false;
  for (const child of method.namedChildren) {
    if (child?.type === 'identifier') pieces.push(child.text);
    else if (child?.type === 'method_parameter') hasParameters = true;
  }
  return hasParameters ? pieces.map((p) => `${p}:`).join('') : pieces.join('');
}

function methodBody(fn: Node): Node | undefined {
  return fn.childForFieldName('body') ?? fn.namedChildren.find((c) => c?.type === 'compound_statement') ?? undefined;
}

/** A task-creating call, as `{ call, name node }`. */
function taskCreation(node: Node, swift: boolean): Node | undefined {
  if (swift) {
    const call = swiftCall(node);
    if (!call || !SWIFT_TASK_FACTORIES.has(call.name) || !call.receiver || SHARED_SESSION.test(call.receiver.text)) return undefined;
    if (call.arguments[0]?.label !== 'with' || call.arguments.some((a) => RETRY.test(a.node.text))) return undefined;
    return call.nameNode;
  }
  const message = objcMessage(node);
  if (!message || !OBJC_TASK_FACTORIES.has(message.selector) || SHARED_SESSION.test(message.receiver?.text ?? '')) return undefined;
  if (message.keywords.some((k) => k.argument && RETRY.test(k.argument.text))) return undefined;
  return message.keywords[0].nameNode;
}

function isResume(node: Node, swift: boolean): boolean {
  if (swift) return swiftCall(node)?.name === 'resume';
  return objcMessage(node)?.selector === 'resume';
}

/** Between the creation and the function: a loop or a forEach / enumerate block, i.e. a batch. */
function inLoop(node: Node, fn: Node, swift: boolean): boolean {
  for (const a of ancestors(node)) {
    if (a.id === fn.id) return false;
    if ((swift ? SWIFT_LOOP_TYPES : C_LOOP_TYPES).has(a.type)) return true;
    if (swift && a.type === 'call_expression' && swiftCall(a)?.name === 'forEach') return true;
    if (!swift && a.type === 'message_expression' && /^enumerate/.test(objcMessage(a)?.selector ?? '')) return true;
  }
  return false;
}

/** The single (non-batched) task this function creates and resumes, if any. */
function singleTaskStart(fn: Node, swift: boolean): Node | undefined {
  const body = methodBody(fn);
  if (!body) return undefined;
  let creation: Node | undefined;
  let resumed = false;
  for (const n of descendants(body)) {
    if (n.type === 'call_expression' || n.type === 'message_expression') {
      const name = creation ? undefined : taskCreation(n, swift);
      if (name && !inLoop(n, fn, swift) && !isRetry(n, fn)) creation = name;
      if (isResume(n, swift)) resumed = true;
    }
  }
  return creation && resumed ? creation : undefined;
}

/** Calls in `fn` to functions of this file (`startNext()`, `self.startNext()`, `[self startNext]`). */
function helperCalls(fn: Node, swift: boolean, defined: Map<string, Node[]>): { nameNode: Node; targets: Node[] }[] {
  const out: { nameNode: Node; targets: Node[] }[] = [];
  const body = methodBody(fn);
  if (!body) return out;
  for (const n of descendants(body)) {
    if (swift && n.type === 'call_expression') {
      const call = swiftCall(n);
      if (!call || (call.receiver && call.receiver.type !== 'self_expression')) continue;
      const targets = defined.get(call.name);
      if (targets && !inLoop(n, fn, true)) out.push({ nameNode: call.nameNode, targets });
    } else if (!swift && n.type === 'message_expression') {
      const message = objcMessage(n);
      if (!message || message.receiver?.text !== 'self') continue;
      const targets = defined.get(message.selector);
      if (targets && !inLoop(n, fn, false)) out.push({ nameNode: message.keywords[0].nameNode, targets });
    }
  }
  return out;
}

export default defineRule({
  id: 'bg-session-serial-task-chain',
  title: 'Background URLSession that starts the next task from the previous task\'s completion (resume rate limiter)',
  languages: ['swift', 'objc'],
  defaultSeverity: 'hint',
  confidence: 'medium',
  article: 'bg-session-serial-task-chain',
  sources: [
    'Apple Developer Forums: background session resume rate limiter / "Moving to Fewer, Larger Transfers" (DTS)',
    'https://developer.apple.com/documentation/foundation/downloading-files-in-the-background',
    'https://developer.apple.com/documentation/foundation/urlsessionconfiguration/background(withidentifier:)',
  ],
  messages: {
    chain: 'Starting one background task from the previous task\'s completion makes nsurlsessiond wait longer before each start (the delay doubles every time it resumes your app): hand the session a batch of tasks up front, or move to fewer, larger transfers.',
  },
  knownLimitations: [
    'The file must create a background configuration (background(withIdentifier:) / backgroundSessionConfigurationWithIdentifier:); a delegate whose session is configured in another file is not checked.',
    'Only the completion callbacks (didFinishDownloadingTo, didCompleteWithError, urlSessionDidFinishEvents) and helpers of the same file they call directly are examined; deeper call chains are not followed.',
    'Tasks created in a loop (a batch), retries built from originalRequest / currentRequest / resume data, and tasks on URLSession.shared are not flagged.',
  ],
  triggers: ['withIdentifier', 'backgroundSessionConfiguration', 'backgroundSessionConfigurationWithIdentifier'],
  create(context) {
    const inactive = inactiveRegionTest(context.text, context.grammar);
    const swift = context.grammar === 'swift';
    let background = false;
    const callbacks: Node[] = [];
    const defined = new Map<string, Node[]>();
    const define = (name: string, fn: Node) => defined.set(name, [...(defined.get(name) ?? []), fn]);
    return {
      call_expression(node) {
        if (!swift || background || !/background(SessionConfiguration)?$/.test(node.namedChild(0)?.text ?? '')) return;
        const call = swiftCall(node);
        if ((call?.name === 'background' && call.arguments[0]?.label === 'withIdentifier') || call?.name === 'backgroundSessionConfiguration') background = true;
      },
      message_expression(node) {
        if (swift || background) return;
        const selector = objcMessage(node)?.selector;
        if (selector === 'backgroundSessionConfigurationWithIdentifier:' || selector === 'backgroundSessionConfiguration:') background = true;
      },
      function_declaration(node) {
        const signature = swiftSignature(node);
        if (!signature) return;
        if (SWIFT_COMPLETION_CALLBACKS.has(signature)) callbacks.push(node);
        define(node.childForFieldName('name')!.text, node);
      },
      method_definition(node) {
        const selector = objcSelector(node);
        if (OBJC_COMPLETION_CALLBACKS.has(selector)) callbacks.push(node);
        define(selector, node);
      },
      'file:exit'() {
        if (!background) return;
        const reported = new Set<number>();
        const report = (node: Node) => {
          if (reported.has(node.id) || inactive(node)) return;
          reported.add(node.id);
          context.report({ node });
        };
        for (const callback of callbacks) {
          const direct = singleTaskStart(callback, swift);
          if (direct) {
            report(direct);
            continue;
          }
          for (const helper of helperCalls(callback, swift, defined)) {
            if (helper.targets.some((t) => t.id !== callback.id && singleTaskStart(t, swift))) report(helper.nameNode);
          }
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `final class EpisodeDownloader: NSObject, URLSessionDownloadDelegate {
    private lazy var session = URLSession(configuration: .background(withIdentifier: "com.example.episodes"), delegate: self, delegateQueue: nil)
    private var queue: [URL] = []

    func urlSession(_ session: URLSession, downloadTask: URLSessionDownloadTask, didFinishDownloadingTo location: URL) {
        store(location, for: downloadTask)
        guard !queue.isEmpty else { return }
        session.⟦downloadTask⟧(with: queue.removeFirst()).resume()
    }
}`,
        },
        {
          code: `final class SyncUploader: NSObject, URLSessionTaskDelegate {
    let session: URLSession = {
        let configuration = URLSessionConfiguration.background(withIdentifier: "com.example.sync")
        return URLSession(configuration: configuration, delegate: nil, delegateQueue: nil)
    }()

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        pending.removeFirst()
        self.⟦uploadNext⟧()
    }

    func uploadNext() {
        guard let file = pending.first else { return }
        let task = session.uploadTask(with: request(for: file), fromFile: file)
        task.resume()
    }
}`,
          note: 'through a helper of the same class',
        },
        {
          code: `let config = URLSessionConfiguration.background(withIdentifier: "tiles")

extension TileFetcher: URLSessionDownloadDelegate {
    func urlSession(_ session: URLSession, downloadTask: URLSessionDownloadTask, didFinishDownloadingTo location: URL) {
        save(location)
        DispatchQueue.main.async {
            if let next = self.tiles.popLast() {
                let task = session.⟦downloadTask⟧(with: next)
                task.resume()
            }
        }
    }
}`,
          note: 'inside a main-queue hop',
        },
      ],
      valid: [
        {
          code: `final class Prefetcher: NSObject, URLSessionDownloadDelegate {
    let session = URLSession(configuration: .background(withIdentifier: "prefetch"), delegate: nil, delegateQueue: nil)

    func start(_ urls: [URL]) {
        for url in urls { session.downloadTask(with: url).resume() }
    }

    func urlSession(_ session: URLSession, downloadTask: URLSessionDownloadTask, didFinishDownloadingTo location: URL) {
        moveToCache(location)
    }
}`,
          note: 'every task handed over up front',
        },
        {
          code: `final class Foreground: NSObject, URLSessionDownloadDelegate {
    let session = URLSession(configuration: .default, delegate: nil, delegateQueue: nil)

    func urlSession(_ session: URLSession, downloadTask: URLSessionDownloadTask, didFinishDownloadingTo location: URL) {
        session.downloadTask(with: nextURL()).resume()
    }
}`,
          note: 'default (non-background) session',
        },
        {
          code: `let config = URLSessionConfiguration.background(withIdentifier: "retry")

extension Uploader: URLSessionTaskDelegate {
    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let data = (error as? URLError)?.downloadTaskResumeData {
            session.downloadTask(withResumeData: data).resume()
        } else if error != nil, let request = task.originalRequest {
            session.downloadTask(with: request).resume()
        }
        for url in remaining { session.downloadTask(with: url).resume() }
    }
}`,
          note: 'retries and a batch',
        },
        {
          code: `let config = URLSessionConfiguration.background(withIdentifier: "events")

extension AppDelegate: URLSessionDelegate {
    func urlSessionDidFinishEvents(forBackgroundURLSession session: URLSession) {
        // session.downloadTask(with: next).resume() would chain tasks
        DispatchQueue.main.async { self.backgroundCompletionHandler?() }
    }
}`,
          note: 'only calls the completion handler; a comment',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: `@implementation Downloader
- (instancetype)init {
    NSURLSessionConfiguration *config = [NSURLSessionConfiguration backgroundSessionConfigurationWithIdentifier:@"com.example.dl"];
    _session = [NSURLSession sessionWithConfiguration:config delegate:self delegateQueue:nil];
    return self;
}
- (void)URLSession:(NSURLSession *)session downloadTask:(NSURLSessionDownloadTask *)downloadTask didFinishDownloadingToURL:(NSURL *)location {
    [self store:location];
    NSURL *next = [self.queue firstObject];
    if (next) { [[session ⟦downloadTaskWithURL⟧:next] resume]; }
}
@end`,
        },
        {
          code: `@implementation Uploader
- (void)setUp {
    self.session = [NSURLSession sessionWithConfiguration:[NSURLSessionConfiguration backgroundSessionConfigurationWithIdentifier:@"up"] delegate:self delegateQueue:nil];
}
- (void)URLSession:(NSURLSession *)session task:(NSURLSessionTask *)task didCompleteWithError:(NSError *)error {
    [self ⟦startNextUpload⟧];
}
- (void)startNextUpload {
    NSURL *file = self.pending.firstObject;
    NSURLSessionUploadTask *task = [self.session uploadTaskWithRequest:[self requestFor:file] fromFile:file];
    [task resume];
}
@end`,
          note: 'through a helper method',
        },
        {
          code: `@implementation Sync
- (void)configure {
    NSURLSessionConfiguration *c = [NSURLSessionConfiguration backgroundSessionConfigurationWithIdentifier:@"sync"];
    self.session = [NSURLSession sessionWithConfiguration:c delegate:self delegateQueue:nil];
}
- (void)URLSessionDidFinishEventsForBackgroundURLSession:(NSURLSession *)session {
    NSURLRequest *request = [self nextRequest];
    NSURLSessionDataTask *task = [session ⟦dataTaskWithRequest⟧:request];
    [task resume];
}
@end`,
        },
      ],
      valid: [
        {
          code: `@implementation Batch
- (void)start {
    NSURLSessionConfiguration *c = [NSURLSessionConfiguration backgroundSessionConfigurationWithIdentifier:@"batch"];
    self.session = [NSURLSession sessionWithConfiguration:c delegate:self delegateQueue:nil];
    for (NSURL *url in self.urls) { [[self.session downloadTaskWithURL:url] resume]; }
}
- (void)URLSession:(NSURLSession *)session downloadTask:(NSURLSessionDownloadTask *)downloadTask didFinishDownloadingToURL:(NSURL *)location {
    [self store:location];
}
@end`,
          note: 'all tasks created up front',
        },
        {
          code: `@implementation Plain
- (void)URLSession:(NSURLSession *)session downloadTask:(NSURLSessionDownloadTask *)downloadTask didFinishDownloadingToURL:(NSURL *)location {
    [[[NSURLSession sharedSession] downloadTaskWithURL:self.nextURL] resume];
}
@end`,
          note: 'no background configuration in the file',
        },
        {
          code: `@implementation Retry
- (void)configure {
    self.session = [NSURLSession sessionWithConfiguration:[NSURLSessionConfiguration backgroundSessionConfigurationWithIdentifier:@"r"] delegate:self delegateQueue:nil];
}
- (void)URLSession:(NSURLSession *)session task:(NSURLSessionTask *)task didCompleteWithError:(NSError *)error {
    NSData *resume = error.userInfo[NSURLSessionDownloadTaskResumeData];
    if (resume) { [[session downloadTaskWithResumeData:resume] resume]; }
    [self.remaining enumerateObjectsUsingBlock:^(NSURL *url, NSUInteger i, BOOL *stop) {
        [[session downloadTaskWithURL:url] resume];
    }];
}
@end`,
          note: 'retry with resume data; a batch in an enumeration block',
        },
      ],
    },
  },
});
