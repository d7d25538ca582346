// tls-verify-accepts-any-trust: a TLS verify block or URLSession trust challenge that accepts the server without evaluating its trust.
import type { Node } from 'web-tree-sitter';
import {
  descendantsOfTypes, isCTrustExpression, isSwiftTrustExpression, scanCTrust, scanSwiftTrust, type TrustScan, type TrustScope,
} from './apis/tls-trust';
import { cCalleeName, swiftCalleeName } from './apis/tls';
import { defineRule, type RuleVisitors } from './rule';
import { resolveCName } from './syntax/c-bindings';
import { cCall, objcMessage } from './syntax/c-family';
import { swiftCall, swiftMember } from './syntax/swift';
import { resolveSwiftName, swiftTypeName } from './syntax/swift-bindings';
import { ancestors, namedChildren } from './syntax/tree';

const VERIFY_BLOCK_SETTER = 'sec_protocol_options_set_verify_block';
const CALLS = new Set(['call_expression']);
const NAVIGATIONS = new Set(['navigation_expression']);
const IDENTIFIERS_AND_CALLS = new Set(['simple_identifier', 'call_expression']);
const OBJC_IDENTIFIERS_AND_MESSAGES = new Set(['identifier', 'message_expression']);
const CHALLENGE_TYPES = new Set(['URLAuthenticationChallenge', 'NSURLAuthenticationChallenge']);

// ── Swift ────────────────────────────────────────────────────────────────────────────────────────

/** The closure passed as the verify block: written inline, or a local `let verify: sec_protocol_verify_t = { … }`. */
function swiftClosure(value: Node | undefined): Node | undefined {
  if (value?.type === 'lambda_literal') return value;
  if (value?.type !== 'simple_identifier') return undefined;
  const binding = resolveSwiftName(value);
  return binding?.value?.type === 'lambda_literal' ? binding.value : undefined;
}

/** Parameter names of a closure, `$0`, `$1`… when it declares none; `_` stays `_`. */
function swiftClosureParameters(closure: Node): string[] | undefined {
  const params = closure.childForFieldName('type')?.namedChildren.find((c) => c?.type === 'lambda_function_type_parameters');
  if (!params) return closure.childForFieldName('type') ? undefined : ['$0', '$1', '$2'];
  return namedChildren(params).filter((p) => p.type === 'lambda_parameter')
    .map((p) => namedChildren(p).find((c) => c.type === 'simple_identifier')?.text ?? '_');
}

/** `complete(true)` calls on the completion parameter inside the verify closure. */
function swiftAcceptCalls(body: Node, complete: string): Node[] {
  const calls: Node[] = [];
  for (const node of descendantsOfTypes(body, CALLS)) {
    const call = swiftCall(node);
    if (!call || call.receiver || call.name !== complete || call.arguments.length !== 1 || call.trailingClosures.length > 0) continue;
    const value = call.arguments[0].value;
    if (!call.arguments[0].label && value?.type === 'boolean_literal' && value.text === 'true') calls.push(node);
  }
  return calls;
}

/** The name of a parameter typed URLAuthenticationChallenge of a function or typed closure. */
function swiftChallengeParameter(fn: Node): string | undefined {
  const params = fn.type === 'lambda_literal'
    ? namedChildren(fn.childForFieldName('type')?.namedChildren.find((c) => c?.type === 'lambda_function_type_parameters') ?? fn)
      .filter((p) => p.type === 'lambda_parameter')
    : namedChildren(fn).filter((p) => p.type === 'parameter');
  for (const param of params) {
    const parts = namedChildren(param);
    const type = parts[parts.length - 1];
    const names = parts.filter((c) => c.type === 'simple_identifier');
    if (CHALLENGE_TYPES.has(swiftTypeName(type) ?? '') && names.length > 0) return names[names.length - 1].text;
  }
  // `{ session, challenge in … challenge.protectionSpace … }`: an untyped closure parameter read like a challenge.
  if (fn.type === 'lambda_literal') {
    const untyped = new Set(params.filter((p) => namedChildren(p).length === 1).map((p) => namedChildren(p)[0].text));
    for (const node of descendantsOfTypes(fn, NAVIGATIONS)) {
      const member = swiftMember(node);
      if (member?.name === 'protectionSpace' && member.target?.type === 'simple_identifier' && untyped.has(member.target.text)) return member.target.text;
    }
  }
  return undefined;
}

/** The innermost function or closure around `node` that takes the authentication challenge, with its body. */
function swiftChallengeHandler(node: Node): { fn: Node; body: Node; challenge: string } | undefined {
  for (const ancestor of ancestors(node)) {
    if (ancestor.type !== 'function_declaration' && ancestor.type !== 'lambda_literal') continue;
    const challenge = swiftChallengeParameter(ancestor);
    if (!challenge) continue;
    const body = ancestor.type === 'function_declaration' ? ancestor.childForFieldName('body') : namedChildren(ancestor).find((c) => c.type === 'statements');
    return body ? { fn: ancestor, body, challenge } : undefined;
  }
  return undefined;
}

/** `.useCredential`, or `challenge.sender?.use(credential, for: challenge)`. */
function swiftAcceptsCredential(body: Node): boolean {
  for (const node of descendantsOfTypes(body, IDENTIFIERS_AND_CALLS)) {
    if (node.type === 'simple_identifier') {
      if (node.text === 'useCredential') return true;
    } else {
      const call = swiftCall(node);
      if (call?.name === 'use' && call.arguments.some((a) => a.label === 'for')) return true;
    }
  }
  return false;
}

// ── C and Objective-C ────────────────────────────────────────────────────────────────────────────

function cBlock(value: Node | undefined): Node | undefined {
  if (value?.type === 'block_literal') return value;
  if (value?.type !== 'identifier') return undefined;
  const binding = resolveCName(value);
  return binding?.value?.type === 'block_literal' ? binding.value : undefined;
}

/** `^(T a, U b) {…}` or, with a return type, `^R(T a, U b) {…}` (a type_name holding a function declarator). */
function blockParameterList(block: Node): Node | undefined {
  const direct = namedChildren(block).find((c) => c.type === 'parameter_list');
  if (direct) return direct;
  const declarator = namedChildren(block).find((c) => c.type === 'type_name')?.namedChildren.find((c) => c?.type === 'function_declarator');
  return declarator?.childForFieldName('parameters') ?? undefined;
}

function cBlockParameters(block: Node): string[] {
  const list = blockParameterList(block);
  if (!list) return [];
  return namedChildren(list).filter((p) => p.type === 'parameter_declaration').map((p) => {
    let declarator = p.childForFieldName('declarator');
    while (declarator && declarator.type !== 'identifier') declarator = declarator.childForFieldName('declarator');
    return declarator?.text ?? '_';
  });
}

const C_TRUE = new Set(['true', 'YES', 'TRUE', '1']);

function cAcceptCalls(body: Node, complete: string): Node[] {
  const calls: Node[] = [];
  for (const node of descendantsOfTypes(body, CALLS)) {
    const call = cCall(node);
    if (call?.name === complete && call.arguments.length === 1 && C_TRUE.has(call.arguments[0].text)) calls.push(node);
  }
  return calls;
}

/** The type name and declared name of a C parameter (`NSURLAuthenticationChallenge *challenge`). */
function cParameter(param: Node): { type?: string; name?: string } {
  let declarator = param.childForFieldName('declarator');
  while (declarator && declarator.type !== 'identifier') declarator = declarator.childForFieldName('declarator');
  return { type: param.childForFieldName('type')?.text, name: declarator?.text };
}

/** The challenge parameter of a method, a C function or a block. */
function cChallengeParameter(fn: Node): string | undefined {
  if (fn.type === 'method_definition') {
    for (const param of namedChildren(fn)) {
      if (param.type !== 'method_parameter') continue;
      const typeName = namedChildren(param).find((c) => c.type === 'method_type')?.namedChildren.find((c) => c?.type === 'type_name');
      const type = typeName?.namedChildren.find((c) => c?.type === 'type_identifier')?.text;
      const name = namedChildren(param).find((c) => c.type === 'identifier');
      if (type && CHALLENGE_TYPES.has(type) && name) return name.text;
    }
    return undefined;
  }
  let list: Node | undefined;
  if (fn.type === 'block_literal') list = blockParameterList(fn);
  else {
    let declarator = fn.childForFieldName('declarator');
    while (declarator && declarator.type !== 'function_declarator') declarator = declarator.childForFieldName('declarator');
    list = declarator?.childForFieldName('parameters') ?? undefined;
  }
  for (const param of list ? namedChildren(list) : []) {
    if (param.type !== 'parameter_declaration') continue;
    const { type, name } = cParameter(param);
    if (type && CHALLENGE_TYPES.has(type) && name) return name;
  }
  return undefined;
}

const C_HANDLERS = new Set(['method_definition', 'function_definition', 'block_literal']);

function cChallengeHandler(node: Node): { fn: Node; body: Node; challenge: string } | undefined {
  for (const ancestor of ancestors(node)) {
    if (!C_HANDLERS.has(ancestor.type)) continue;
    const challenge = cChallengeParameter(ancestor);
    if (!challenge) continue;
    const body = ancestor.type === 'function_definition' ? ancestor.childForFieldName('body') : namedChildren(ancestor).find((c) => c.type === 'compound_statement');
    return body ? { fn: ancestor, body, challenge } : undefined;
  }
  return undefined;
}

/** `[NSURLCredential credentialForTrust:x]` or `[[NSURLCredential alloc] initWithTrust:x]`: the trust argument. */
function objcTrustCredential(node: Node): Node | undefined {
  const message = objcMessage(node);
  if (!message || message.keywords.length !== 1) return undefined;
  if (message.selector === 'credentialForTrust:' && message.receiver?.text === 'NSURLCredential') return message.keywords[0].argument;
  if (message.selector === 'initWithTrust:' && message.receiver) {
    const alloc = objcMessage(message.receiver);
    if (alloc?.selector === 'alloc' && alloc.receiver?.text === 'NSURLCredential') return message.keywords[0].argument;
  }
  return undefined;
}

/** `NSURLSessionAuthChallengeUseCredential`, or `[challenge.sender useCredential:… forAuthenticationChallenge:…]`. */
function objcAcceptsCredential(body: Node): boolean {
  for (const node of descendantsOfTypes(body, OBJC_IDENTIFIERS_AND_MESSAGES)) {
    if (node.type === 'identifier' ? node.text === 'NSURLSessionAuthChallengeUseCredential'
      : objcMessage(node)?.selector === 'useCredential:forAuthenticationChallenge:') return true;
  }
  return false;
}

export default defineRule({
  id: 'tls-verify-accepts-any-trust',
  title: 'TLS verify block or server-trust challenge accepts any certificate',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'medium',
  article: 'tls-verify-accepts-any-trust',
  sources: [
    'Apple Developer Forums: TLS for App Developers (DTS): trust evaluation can be tightened or loosened (Technote 2232); loosening needs ATS disabled for that host',
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), section Plan for security (verify block template with the evaluation left as a placeholder)',
    'https://developer.apple.com/documentation/security/sec_protocol_options_set_verify_block(_:_:_:)',
    'https://developer.apple.com/documentation/security/sectrustevaluatewitherror(_:_:)',
    'https://developer.apple.com/documentation/foundation/urlsessiondelegate/urlsession(_:didreceive:completionhandler:)',
    'https://developer.apple.com/documentation/foundation/performing-manual-server-trust-authentication',
    'https://developer.apple.com/documentation/foundation/urlcredential/init(trust:) ("you are responsible for evaluating the received SecTrust")',
    'https://developer.apple.com/forums/thread/67493',
  ],
  messages: {
    verifyBlock: 'This verify block completes with true without evaluating the peer\'s trust, so any certificate is accepted: evaluate it (sec_trust_copy_ref, add your anchor, SecTrustEvaluateWithError) and complete with the result.',
    urlSession: 'The server trust is turned into a credential without being evaluated, so any certificate is accepted (or ATS rejects it anyway): evaluate it with SecTrustEvaluateWithError and answer .useCredential only on success, or use .performDefaultHandling.',
    urlSessionObjc: 'The server trust is turned into a credential without being evaluated, so any certificate is accepted (or ATS rejects it anyway): evaluate it with SecTrustEvaluateWithError and answer NSURLSessionAuthChallengeUseCredential only on success, or use NSURLSessionAuthChallengePerformDefaultHandling.',
  },
  triggers: ['sec_protocol_options_set_verify_block', 'URLCredential', 'NSURLCredential'],
  knownLimitations: [
    'Any use of the trust (or of the challenge, or of the verify block\'s metadata) that the rule does not recognise as harmless counts as an evaluation: passing it to your own pinning helper, storing it in a property, calling a method on it. A helper that does not actually evaluate anything is therefore missed.',
    'An evaluation whose result is ignored is only recognised when SecTrustEvaluateWithError is a statement of its own (or assigned to `_`); `let ok = SecTrustEvaluateWithError(…)` followed by accepting regardless of `ok` is missed.',
    'Checks on the host name or authentication method (`protectionSpace.host == "dev.local"`) are not trust evaluation: a handler that accepts any certificate for one host is still flagged, which is intended.',
    'Verify blocks are recognised when written inline or stored in a local variable in the same scope; a block returned from a function or stored in a property is not analysed.',
    'Challenge handlers are recognised by a parameter typed URLAuthenticationChallenge / NSURLAuthenticationChallenge (delegate methods, WKWebView, helper functions, typed closures and blocks); a closure whose parameters carry no type counts when one of them is read as `x.protectionSpace`. Alamofire evaluators such as DisabledTrustEvaluator are not covered.',
  ],
  create(context): RuleVisitors {
    const report = (node: Node, messageId: string) => context.report({ node, messageId });
    if (context.language === 'swift') {
      const scanned = new Map<number, { scan: TrustScan; useCredential: boolean }>();
      return {
        call_expression(node) {
          const name = swiftCalleeName(node);
          if (name !== VERIFY_BLOCK_SETTER && name !== 'URLCredential') return;
          const call = swiftCall(node);
          if (!call) return;
          if (call.name === VERIFY_BLOCK_SETTER && !call.receiver) {
            const closure = swiftClosure(call.arguments[1]?.value);
            const params = closure && swiftClosureParameters(closure);
            const body = closure && namedChildren(closure).find((c) => c.type === 'statements');
            if (!closure || !params || params.length !== 3 || !body || params[2] === '_') return;
            const scope: TrustScope = { body, trust: params[1] === '_' ? [] : [params[1]], serverTrustMember: false, delegates: params[0] === '_' ? [] : [params[0]] };
            if (scanSwiftTrust(scope).evaluated) return;
            for (const accept of swiftAcceptCalls(body, params[2])) report(accept, 'verifyBlock');
            return;
          }
          if (call.name !== 'URLCredential' || call.arguments.length !== 1 || call.arguments[0].label !== 'trust') return;
          const handler = swiftChallengeHandler(node);
          if (!handler) return;
          let entry = scanned.get(handler.fn.id);
          if (!entry) {
            const scan = scanSwiftTrust({ body: handler.body, trust: [], serverTrustMember: true, delegates: [handler.challenge] });
            entry = { scan, useCredential: !scan.evaluated && swiftAcceptsCredential(handler.body) };
            scanned.set(handler.fn.id, entry);
          }
          if (entry.useCredential && isSwiftTrustExpression(call.arguments[0].value, entry.scan, true)) report(node, 'urlSession');
        },
      };
    }
    const scanned = new Map<number, { scan: TrustScan; useCredential: boolean }>();
    return {
      call_expression(node) {
        if (cCalleeName(node) !== VERIFY_BLOCK_SETTER) return;
        const call = cCall(node);
        if (call?.name !== VERIFY_BLOCK_SETTER || call.arguments.length !== 3) return;
        const block = cBlock(call.arguments[1]);
        const params = block && cBlockParameters(block);
        const body = block && namedChildren(block).find((c) => c.type === 'compound_statement');
        if (!block || !params || params.length !== 3 || !body || params[2] === '_') return;
        const scope: TrustScope = { body, trust: params[1] === '_' ? [] : [params[1]], serverTrustMember: false, delegates: params[0] === '_' ? [] : [params[0]] };
        if (scanCTrust(scope).evaluated) return;
        for (const accept of cAcceptCalls(body, params[2])) report(accept, 'verifyBlock');
      },
      message_expression(node) {
        if (context.language !== 'objc') return;
        const trust = objcTrustCredential(node);
        if (!trust) return;
        const handler = cChallengeHandler(node);
        if (!handler) return;
        let entry = scanned.get(handler.fn.id);
        if (!entry) {
          const scan = scanCTrust({ body: handler.body, trust: [], serverTrustMember: true, delegates: [handler.challenge] });
          entry = { scan, useCredential: !scan.evaluated && objcAcceptsCredential(handler.body) };
          scanned.set(handler.fn.id, entry);
        }
        if (entry.useCredential && isCTrustExpression(trust, entry.scan, true)) report(node, 'urlSessionObjc');
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'func configureTLS(_ options: sec_protocol_options_t) {\n  sec_protocol_options_set_verify_block(options, { metadata, trust, complete in\n    ⟦complete(true)⟧\n  }, .main)\n}',
          note: 'the trust is never looked at',
        },
        {
          code: 'sec_protocol_options_set_verify_block(tls.securityProtocolOptions, { _, peerTrust, done in\n  let secTrust = sec_trust_copy_ref(peerTrust).takeRetainedValue()\n  // TODO: pin the accessory certificate\n  ⟦done(true)⟧\n}, queue)',
          note: 'copied the trust, then forgot to evaluate it',
        },
        {
          code: 'let acceptAll: sec_protocol_verify_t = { _, _, complete in ⟦complete(true)⟧ }\nsec_protocol_options_set_verify_block(options, acceptAll, verifyQueue)',
          note: 'the block stored in a local first',
        },
        {
          code: 'final class Loader: NSObject, URLSessionDelegate {\n  func urlSession(_ session: URLSession, didReceive challenge: URLAuthenticationChallenge, completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {\n    guard challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodServerTrust,\n          let serverTrust = challenge.protectionSpace.serverTrust else {\n      completionHandler(.performDefaultHandling, nil)\n      return\n    }\n    completionHandler(.useCredential, ⟦URLCredential(trust: serverTrust)⟧)\n  }\n}',
          messages: ['urlSession'],
        },
        {
          code: 'func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge) async -> (URLSession.AuthChallengeDisposition, URLCredential?) {\n  if challenge.protectionSpace.host == "staging.example.com" {\n    return (.useCredential, ⟦URLCredential(trust: challenge.protectionSpace.serverTrust!)⟧)\n  }\n  return (.performDefaultHandling, nil)\n}',
          messages: ['urlSession'],
          note: 'task-level async variant, a host check is not trust evaluation',
        },
        {
          code: 'func urlSession(_ session: URLSession, didReceive challenge: URLAuthenticationChallenge, completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {\n  guard let trust = challenge.protectionSpace.serverTrust else { return completionHandler(.cancelAuthenticationChallenge, nil) }\n  SecTrustEvaluateWithError(trust, nil)\n  completionHandler(.useCredential, ⟦URLCredential(trust: trust)⟧)\n}',
          messages: ['urlSession'],
          note: 'evaluated, but the result is thrown away',
        },
        {
          code: 'manager.delegate.sessionDidReceiveChallenge = { session, challenge in\n  guard challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodServerTrust else { return (.performDefaultHandling, nil) }\n  return (.useCredential, ⟦URLCredential(trust: challenge.protectionSpace.serverTrust!)⟧)\n}',
          messages: ['urlSession'],
          note: 'an untyped closure that reads challenge.protectionSpace',
        },
      ],
      valid: [
        {
          code: 'sec_protocol_options_set_verify_block(options, { _, peerTrust, complete in\n  let trust = sec_trust_copy_ref(peerTrust).takeRetainedValue()\n  SecTrustSetAnchorCertificates(trust, [accessoryRoot] as CFArray)\n  var error: CFError?\n  complete(SecTrustEvaluateWithError(trust, &error))\n}, .main)',
          note: 'evaluates and completes with the result',
        },
        {
          code: 'sec_protocol_options_set_verify_block(options, { metadata, peerTrust, complete in\n  let trust = sec_trust_copy_ref(peerTrust).takeRetainedValue()\n  complete(self.pinning.matches(trust))\n}, queue)',
          note: 'hands the trust to a pinning helper',
        },
        {
          code: 'func urlSession(_ session: URLSession, didReceive challenge: URLAuthenticationChallenge, completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {\n  guard let trust = challenge.protectionSpace.serverTrust else { return completionHandler(.performDefaultHandling, nil) }\n  if SecTrustEvaluateWithError(trust, nil) && pinnedKeys.contains(publicKeyHash(of: trust)) {\n    completionHandler(.useCredential, URLCredential(trust: trust))\n  } else {\n    completionHandler(.cancelAuthenticationChallenge, nil)\n  }\n}',
          note: 'pinning after evaluation',
        },
        {
          code: 'func urlSession(_ session: URLSession, didReceive challenge: URLAuthenticationChallenge, completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {\n  completionHandler(.performDefaultHandling, nil)\n}',
          note: 'default handling',
        },
        {
          code: 'func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge, completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {\n  guard challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodClientCertificate else {\n    return completionHandler(.performDefaultHandling, nil)\n  }\n  completionHandler(.useCredential, URLCredential(identity: identity, certificates: nil, persistence: .forSession))\n}',
          note: 'client certificate (mTLS) challenge',
        },
        {
          code: 'func urlSession(_ session: URLSession, didReceive challenge: URLAuthenticationChallenge, completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {\n  trustValidator.handle(challenge, completionHandler: completionHandler)\n}',
          note: 'delegated to a validator',
        },
        {
          code: '// sec_protocol_options_set_verify_block(options, { _, _, complete in complete(true) }, .main)\nlet warning = "never call complete(true) blindly"',
          note: 'comment and string',
        },
      ],
    },
    objc: {
      invalid: [
        'sec_protocol_options_t options = nw_tls_copy_sec_protocol_options(tls);\nsec_protocol_options_set_verify_block(options, ^(sec_protocol_metadata_t metadata, sec_trust_t trust, sec_protocol_verify_complete_t complete) {\n  ⟦complete(true)⟧;\n}, queue);',
        {
          code: '@implementation Downloader\n- (void)URLSession:(NSURLSession *)session didReceiveChallenge:(NSURLAuthenticationChallenge *)challenge completionHandler:(void (^)(NSURLSessionAuthChallengeDisposition, NSURLCredential *))completionHandler {\n  if ([challenge.protectionSpace.authenticationMethod isEqualToString:NSURLAuthenticationMethodServerTrust]) {\n    completionHandler(NSURLSessionAuthChallengeUseCredential, ⟦[NSURLCredential credentialForTrust:challenge.protectionSpace.serverTrust]⟧);\n    return;\n  }\n  completionHandler(NSURLSessionAuthChallengePerformDefaultHandling, nil);\n}\n@end',
          messages: ['urlSessionObjc'],
        },
        {
          code: '@implementation Uploader\n- (void)URLSession:(NSURLSession *)session task:(NSURLSessionTask *)task didReceiveChallenge:(NSURLAuthenticationChallenge *)challenge completionHandler:(void (^)(NSURLSessionAuthChallengeDisposition, NSURLCredential *))completionHandler {\n  SecTrustRef serverTrust = challenge.protectionSpace.serverTrust;\n  if (serverTrust == NULL) { completionHandler(NSURLSessionAuthChallengePerformDefaultHandling, nil); return; }\n  NSURLCredential *credential = ⟦[[NSURLCredential alloc] initWithTrust:serverTrust]⟧;\n  completionHandler(NSURLSessionAuthChallengeUseCredential, credential);\n}\n@end',
          messages: ['urlSessionObjc'],
          note: 'task-level delegate',
        },
        {
          code: '- (void)setUp {\n  [self.manager setSessionDidReceiveAuthenticationChallengeBlock:^NSURLSessionAuthChallengeDisposition(NSURLSession *session, NSURLAuthenticationChallenge *challenge, NSURLCredential * __autoreleasing *credential) {\n    *credential = ⟦[NSURLCredential credentialForTrust:challenge.protectionSpace.serverTrust]⟧;\n    return NSURLSessionAuthChallengeUseCredential;\n  }];\n}',
          messages: ['urlSessionObjc'],
          note: 'a challenge block (AFNetworking style)',
        },
      ],
      valid: [
        'sec_protocol_options_set_verify_block(options, ^(sec_protocol_metadata_t metadata, sec_trust_t trust, sec_protocol_verify_complete_t complete) {\n  SecTrustRef ref = sec_trust_copy_ref(trust);\n  CFErrorRef error = NULL;\n  bool ok = SecTrustEvaluateWithError(ref, &error);\n  CFRelease(ref);\n  complete(ok);\n}, queue);',
        {
          code: '@implementation Fetcher\n- (void)URLSession:(NSURLSession *)session didReceiveChallenge:(NSURLAuthenticationChallenge *)challenge completionHandler:(void (^)(NSURLSessionAuthChallengeDisposition, NSURLCredential *))completionHandler {\n  SecTrustRef trust = challenge.protectionSpace.serverTrust;\n  if (trust && SecTrustEvaluateWithError(trust, NULL)) {\n    completionHandler(NSURLSessionAuthChallengeUseCredential, [NSURLCredential credentialForTrust:trust]);\n  } else {\n    completionHandler(NSURLSessionAuthChallengeCancelAuthenticationChallenge, nil);\n  }\n}\n@end',
          note: 'evaluated first',
        },
        {
          code: 'sec_protocol_options_set_verify_block(options, ^(sec_protocol_metadata_t metadata, sec_trust_t trust, sec_protocol_verify_complete_t complete) {\n  complete(PinnedChainMatches(metadata));\n}, queue);',
          note: 'pins the chain read from the metadata',
        },
        {
          code: '@implementation Fetcher\n- (void)URLSession:(NSURLSession *)session didReceiveChallenge:(NSURLAuthenticationChallenge *)challenge completionHandler:(void (^)(NSURLSessionAuthChallengeDisposition, NSURLCredential *))completionHandler {\n  [self.pinner evaluateChallenge:challenge completion:completionHandler];\n}\n@end',
          note: 'delegated',
        },
      ],
    },
    c: {
      invalid: [
        'void configure(sec_protocol_options_t opts, dispatch_queue_t q) {\n  sec_protocol_options_set_verify_block(opts, ^(sec_protocol_metadata_t m, sec_trust_t t, sec_protocol_verify_complete_t done) {\n    ⟦done(true)⟧;\n  }, q);\n}',
        'void configure(sec_protocol_options_t opts, dispatch_queue_t q) {\n  sec_protocol_options_set_verify_block(opts, ^(sec_protocol_metadata_t m, sec_trust_t t, sec_protocol_verify_complete_t done) {\n    SecTrustRef ref = sec_trust_copy_ref(t);\n    CFRelease(ref);\n    ⟦done(1)⟧;\n  }, q);\n}',
        'void configure(sec_protocol_options_t opts, dispatch_queue_t q) {\n  sec_protocol_verify_t accept = ^(sec_protocol_metadata_t m, sec_trust_t t, sec_protocol_verify_complete_t done) { ⟦done(true)⟧; };\n  sec_protocol_options_set_verify_block(opts, accept, q);\n}',
      ],
      valid: [
        'void configure(sec_protocol_options_t opts, dispatch_queue_t q) {\n  sec_protocol_options_set_verify_block(opts, ^(sec_protocol_metadata_t m, sec_trust_t t, sec_protocol_verify_complete_t done) {\n    SecTrustRef ref = sec_trust_copy_ref(t);\n    done(SecTrustEvaluateWithError(ref, NULL));\n    CFRelease(ref);\n  }, q);\n}',
        'void configure(sec_protocol_options_t opts, dispatch_queue_t q) {\n  sec_protocol_options_set_verify_block(opts, ^(sec_protocol_metadata_t m, sec_trust_t t, sec_protocol_verify_complete_t done) {\n    done(false);\n  }, q);\n}',
        'void configure(sec_protocol_options_t opts, dispatch_queue_t q) {\n  sec_protocol_options_set_verify_block(opts, ^(sec_protocol_metadata_t m, sec_trust_t t, sec_protocol_verify_complete_t done) {\n    done(check_fingerprint(t));\n  }, q);\n}',
        '/* sec_protocol_options_set_verify_block(opts, ^(…) { done(true); }, q); */\nconst char *hint = "done(true)";',
      ],
    },
  },
});
