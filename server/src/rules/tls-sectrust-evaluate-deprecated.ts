// tls-sectrust-evaluate-deprecated: calls to SecTrustEvaluate / SecTrustEvaluateAsync, deprecated since iOS 13 and macOS 10.15.
import type { Node } from 'web-tree-sitter';
import { cCalleeName, inOldSystemBranch, SECTRUST_EVALUATE_DEPRECATION, swiftCalleeName } from './apis/tls';
import { defineRule } from './rule';
import { cCall } from './syntax/c-family';
import { swiftCall } from './syntax/swift';

const MESSAGE_IDS: Record<string, string> = { SecTrustEvaluate: 'evaluate', SecTrustEvaluateAsync: 'evaluateAsync' };

export default defineRule({
  id: 'tls-sectrust-evaluate-deprecated',
  title: 'SecTrustEvaluate and SecTrustEvaluateAsync are deprecated: use the WithError variants',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'tls-sectrust-evaluate-deprecated',
  sources: [
    'Apple Developer Forums: TLS for App Developers (DTS), on overriding server trust evaluation (Technote 2232)',
    'https://developer.apple.com/documentation/security/sectrustevaluate(_:_:)',
    'https://developer.apple.com/documentation/security/sectrustevaluatewitherror(_:_:)',
    'https://developer.apple.com/documentation/security/sectrustevaluateasync(_:_:_:)',
    'https://developer.apple.com/documentation/security/sectrustevaluateasyncwitherror(_:_:_:)',
  ],
  deprecated: SECTRUST_EVALUATE_DEPRECATION,
  messages: {
    evaluate: 'SecTrustEvaluate is deprecated since iOS 13 and macOS 10.15: call SecTrustEvaluateWithError, which returns true only for a trusted chain and reports the reason for a failure in its CFError.',
    evaluateAsync: 'SecTrustEvaluateAsync is deprecated since iOS 13 and macOS 10.15: call SecTrustEvaluateAsyncWithError, whose callback receives a Bool and a CFError instead of a SecTrustResultType.',
  },
  triggers: Object.keys(MESSAGE_IDS),
  knownLimitations: [
    'No automatic rewrite is offered: SecTrustEvaluate returns an OSStatus and writes a SecTrustResultType that callers compare with .proceed / .unspecified, while SecTrustEvaluateWithError returns a Bool, so every caller needs its result handling rewritten by hand (the article shows how).',
    'Calls in the fallback branch of an availability check (`else` of `if #available`, body of `guard #available … else`, `if #unavailable`, `else` of `if (@available(…))`) are not flagged: they run only on systems that lack the replacement. A deployment target below iOS 12 / macOS 10.14 handled another way (a wrapper, a runtime check on the function pointer) is still flagged.',
    'Calls made through a function pointer or a macro that expands to SecTrustEvaluate are not seen.',
  ],
  create(context) {
    const report = (name: string, nameNode: Node, call: Node) => {
      const messageId = MESSAGE_IDS[name];
      if (messageId && !inOldSystemBranch(call)) context.report({ node: nameNode, messageId });
    };
    if (context.language === 'swift') {
      return {
        call_expression(node) {
          if (!MESSAGE_IDS[swiftCalleeName(node) ?? '']) return;
          const call = swiftCall(node);
          // A member call `x.SecTrustEvaluate(…)` is somebody else's method.
          if (call && !call.receiver && call.nameNode.type === 'simple_identifier') report(call.name, call.nameNode, node);
        },
      };
    }
    return {
      call_expression(node) {
        if (!MESSAGE_IDS[cCalleeName(node) ?? '']) return;
        const call = cCall(node);
        if (call) report(call.name, call.nameNode, node);
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        'func isTrusted(_ trust: SecTrust) -> Bool {\n  var result = SecTrustResultType.invalid\n  let status = ⟦SecTrustEvaluate⟧(trust, &result)\n  return status == errSecSuccess && (result == .proceed || result == .unspecified)\n}',
        { code: 'guard let trust = challenge.protectionSpace.serverTrust else { return }\nvar outcome: SecTrustResultType = .invalid\nif ⟦SecTrustEvaluate⟧(trust, &outcome) != errSecSuccess { completionHandler(.cancelAuthenticationChallenge, nil) }', note: 'in a condition' },
        { code: '_ = ⟦SecTrustEvaluateAsync⟧(trust, DispatchQueue.global()) { _, result in\n  print(result == .proceed)\n}', messages: ['evaluateAsync'] },
        { code: 'if #available(iOS 12, *) {\n  var r = SecTrustResultType.invalid\n  _ = ⟦SecTrustEvaluate⟧(trust, &r)\n}', note: 'the new branch of an availability check' },
      ],
      valid: [
        { code: 'var error: CFError?\nlet trusted = SecTrustEvaluateWithError(trust, &error)', note: 'the replacement' },
        'SecTrustEvaluateAsyncWithError(trust, .main) { _, trusted, error in\n  finish(trusted, error)\n}',
        { code: 'if #available(iOS 12, *) {\n  ok = SecTrustEvaluateWithError(trust, nil)\n} else {\n  var r = SecTrustResultType.invalid\n  ok = SecTrustEvaluate(trust, &r) == errSecSuccess && r == .unspecified\n}', note: 'fallback for old systems' },
        { code: '// SecTrustEvaluate(trust, &result) was replaced\nlet note = "SecTrustEvaluate is deprecated"', note: 'comment and string' },
        { code: 'let outcome = validator.SecTrustEvaluate(trust)', note: 'a method of another type' },
      ],
    },
    objc: {
      invalid: [
        'static BOOL IsTrusted(SecTrustRef trust) {\n  SecTrustResultType result = kSecTrustResultInvalid;\n  OSStatus status = ⟦SecTrustEvaluate⟧(trust, &result);\n  return status == errSecSuccess && (result == kSecTrustResultProceed || result == kSecTrustResultUnspecified);\n}',
        '- (void)URLSession:(NSURLSession *)session didReceiveChallenge:(NSURLAuthenticationChallenge *)challenge completionHandler:(void (^)(NSURLSessionAuthChallengeDisposition, NSURLCredential *))completionHandler {\n  SecTrustResultType r;\n  if (⟦SecTrustEvaluate⟧(challenge.protectionSpace.serverTrust, &r) != errSecSuccess) {\n    completionHandler(NSURLSessionAuthChallengeCancelAuthenticationChallenge, nil);\n  }\n}',
        { code: 'void Check(SecTrustRef trust) {\n  ⟦SecTrustEvaluateAsync⟧(trust, dispatch_get_main_queue(), ^(SecTrustRef t, SecTrustResultType result) {\n    NSLog(@"%d", result);\n  });\n}', messages: ['evaluateAsync'] },
      ],
      valid: [
        'CFErrorRef error = NULL;\nBOOL trusted = SecTrustEvaluateWithError(trust, &error);',
        { code: 'if (@available(iOS 12.0, macOS 10.14, *)) {\n  ok = SecTrustEvaluateWithError(trust, NULL);\n} else {\n  SecTrustResultType r;\n  ok = SecTrustEvaluate(trust, &r) == errSecSuccess;\n}', note: 'fallback for old systems' },
        { code: '// SecTrustEvaluate is gone\nNSString *s = @"SecTrustEvaluate";', note: 'comment and string' },
        '[validator SecTrustEvaluate:trust];',
      ],
    },
    c: {
      invalid: [
        'int check(SecTrustRef trust) {\n  SecTrustResultType result;\n  return ⟦SecTrustEvaluate⟧(trust, &result) == errSecSuccess;\n}',
        'void run(SecTrustRef trust) {\n  if (⟦SecTrustEvaluate⟧(trust, &r)) { fail(); }\n}',
        { code: 'void later(SecTrustRef trust, dispatch_queue_t q) {\n  ⟦SecTrustEvaluateAsync⟧(trust, q, ^(SecTrustRef t, SecTrustResultType result) { done(result); });\n}', messages: ['evaluateAsync'] },
      ],
      valid: [
        'bool check(SecTrustRef trust) {\n  CFErrorRef error = NULL;\n  return SecTrustEvaluateWithError(trust, &error);\n}',
        { code: 'if (__builtin_available(macOS 10.14, *)) {\n  ok = SecTrustEvaluateWithError(trust, NULL);\n} else {\n  ok = SecTrustEvaluate(trust, &r) == 0;\n}', note: 'fallback for old systems' },
        '/* SecTrustEvaluate(trust, &r) */\nconst char *name = "SecTrustEvaluate";',
        'int SecTrustEvaluateCount = 0;\nSecTrustEvaluateCount++;',
      ],
    },
  },
});
