// pushkit-voip-must-report-call: a PushKit VoIP push callback whose body can never report a call to CallKit (or LiveCommunicationKit).
import type { Node } from 'web-tree-sitter';
import {
  APP_CODE_HOP, C_SAFE_FUNCTIONS, FRAMEWORK_ROOTS, MAY_REPORT_NAME, NON_VOIP_PUSH_TYPES, OBJC_PUSH_CALLBACKS, PUSHKIT_VALUE_TYPES,
  SAFE_LOG_FUNCTION, SAFE_METHODS, SWIFT_PUSH_CALLBACKS, SWIFT_SAFE_FUNCTIONS,
} from './apis/pushkit';
import { defineRule } from './rule';
import { resolveCName } from './syntax/c-bindings';
import { cCall, cDefinedName, objcMessage } from './syntax/c-family';
import { swiftCall } from './syntax/swift';
import { resolveSwiftName, swiftTypeName } from './syntax/swift-bindings';
import { childrenWithFields, descendants } from './syntax/tree';

/** How deep calls into same-file helpers are followed. */
const MAX_HELPER_DEPTH = 4;

/** A function whose body we analyse: the delegate callback or a same-file helper it calls. */
interface Analysed {
  body: Node;
  /** Parameters whose values cannot report (PushKit values). */
  safeValues: Set<string>;
  /** Closure parameters whose call cannot report (the PushKit completion handler). */
  safeClosures: Set<string>;
}

interface Delegate extends Analysed { nameNode: Node; voipOnly: boolean }

const COMPLETION_NAME = /^(completion|completionHandler|done|finish|finished)$/;

// ---------------------------------------------------------------------------------------------- Swift

interface SwiftParameter { label: string; name: string; type?: Node }

function swiftParameters(fn: Node): SwiftParameter[] {
  const out: SwiftParameter[] = [];
  for (const param of fn.namedChildren) {
    if (param?.type !== 'parameter') continue;
    let external: string | undefined;
    let internal: string | undefined;
    let type: Node | undefined;
    let afterColon = false;
    for (const { node, field } of childrenWithFields(param)) {
      if (node.type === ':') afterColon = true;
      else if (field === 'external_name') external = node.text;
      else if (!afterColon && node.type === 'simple_identifier') internal = node.text;
      else if (afterColon && node.isNamed && node.type !== 'parameter_modifiers' && node.type !== 'type_modifiers') { type ??= node; }
    }
    if (internal) out.push({ label: external ?? internal, name: internal, type });
  }
  return out;
}

function swiftBody(fn: Node): Node | undefined {
  return fn.childForFieldName('body') ?? undefined;
}

function swiftAnalysed(fn: Node, isDelegate: boolean): Analysed | undefined {
  const body = swiftBody(fn);
  if (!body) return undefined;
  const params = swiftParameters(fn);
  const safeValues = new Set<string>();
  const safeClosures = new Set<string>();
  params.forEach((p, i) => {
    const typeName = swiftTypeName(p.type) ?? p.type?.text ?? '';
    if (PUSHKIT_VALUE_TYPES.has(typeName)) safeValues.add(p.name);
    const isClosure = p.type?.type === 'function_type' || (p.type?.text.includes('->') ?? false);
    if (isClosure && ((isDelegate && i === params.length - 1) || COMPLETION_NAME.test(p.name))) safeClosures.add(p.name);
  });
  return { body, safeValues, safeClosures };
}

/** The leftmost name of `a.b.c`, `a?.b()`, `a!.b`, `a().b`: `a` (or `self`). */
function swiftRoot(node: Node | undefined): Node | undefined {
  let current = node;
  for (let i = 0; current && i < 32; i++) {
    switch (current.type) {
      case 'simple_identifier':
      case 'self_expression':
        return current;
      case 'navigation_expression':
      case 'postfix_expression':
        current = current.childForFieldName('target') ?? undefined;
        break;
      case 'call_expression':
        current = current.namedChild(0) ?? undefined;
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** A receiver rooted in a framework type, a PushKit parameter, or a local initialised from one of those. */
function isSafeSwiftReceiver(receiver: Node, fn: Analysed, depth = 0): boolean {
  if (APP_CODE_HOP.test(receiver.text)) return false;
  const root = swiftRoot(receiver);
  if (!root || root.type !== 'simple_identifier') return false;
  if (FRAMEWORK_ROOTS.has(root.text) || fn.safeValues.has(root.text)) return true;
  if (depth > 2) return false;
  const binding = resolveSwiftName(root);
  if (!binding || (binding.kind !== 'variable' && binding.kind !== 'optionalBinding')) return false;
  if (binding.type) return FRAMEWORK_ROOTS.has(swiftTypeName(binding.type) ?? '');
  return binding.value !== undefined && isSafeSwiftReceiver(binding.value, fn, depth + 1);
}

/** `dict["key"]`: a subscript, not a call. */
function isSwiftSubscript(call: Node): boolean {
  const suffix = call.namedChildren.find((c) => c?.type === 'call_suffix');
  const args = suffix?.namedChildren.find((c) => c?.type === 'value_arguments');
  return args?.child(0)?.type === '[';
}

// ---------------------------------------------------------------------------------- Objective-C / C

function objcSelectorOf(method: Node): string {
  const parts: string[] = [];
  let hasParams = false;
  for (const child of method.children) {
    if (child?.type === 'identifier') parts.push(child.text);
    else if (child?.type === 'method_parameter') hasParams = true;
  }
  return hasParams ? parts.map((p) => `${p}:`).join('') : parts[0] ?? '';
}

function objcAnalysed(method: Node, isDelegate: boolean): Analysed | undefined {
  const body = method.namedChildren.find((c) => c?.type === 'compound_statement');
  if (!body) return undefined;
  const safeValues = new Set<string>();
  const safeClosures = new Set<string>();
  const params = method.namedChildren.filter((c): c is Node => c?.type === 'method_parameter');
  params.forEach((param, i) => {
    const name = param.namedChildren.find((c) => c?.type === 'identifier')?.text;
    const typeName = param.namedChildren.find((c) => c?.type === 'method_type')?.namedChildren.find((c) => c?.type === 'type_name');
    if (!name || !typeName) return;
    const base = typeName.namedChildren.find((c) => c?.type === 'type_identifier')?.text ?? '';
    if (PUSHKIT_VALUE_TYPES.has(base)) safeValues.add(name);
    const isBlock = typeName.text.includes('^');
    if (isBlock && ((isDelegate && i === params.length - 1) || COMPLETION_NAME.test(name))) safeClosures.add(name);
  });
  return { body, safeValues, safeClosures };
}

/** The leftmost name of `[[A b] c]`, `a.b.c`, `a->b`: `a`. */
function cRoot(node: Node | undefined): Node | undefined {
  let current = node;
  for (let i = 0; current && i < 32; i++) {
    switch (current.type) {
      case 'identifier':
        return current;
      case 'message_expression':
        current = current.childForFieldName('receiver') ?? undefined;
        break;
      case 'field_expression':
        current = current.childForFieldName('argument') ?? undefined;
        break;
      case 'parenthesized_expression':
        current = current.namedChildren[0] ?? undefined;
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

function isSafeCReceiver(receiver: Node, fn: Analysed, depth = 0): boolean {
  if (APP_CODE_HOP.test(receiver.text)) return false;
  const root = cRoot(receiver);
  if (!root) return false;
  if (FRAMEWORK_ROOTS.has(root.text) || fn.safeValues.has(root.text)) return true;
  if (depth > 2 || root.text === 'self' || root.text === 'super') return false;
  const binding = resolveCName(root);
  if (!binding || binding.kind !== 'variable') return false;
  if (binding.type && FRAMEWORK_ROOTS.has(binding.type.text)) return true;
  return binding.value !== undefined && isSafeCReceiver(binding.value, fn, depth + 1);
}

// ------------------------------------------------------------------------------------------ the rule

export default defineRule({
  id: 'pushkit-voip-must-report-call',
  title: 'PushKit VoIP push handler that never reports a call to CallKit',
  languages: ['swift', 'objc'],
  defaultSeverity: 'warning',
  confidence: 'medium',
  article: 'pushkit-voip-must-report-call',
  triggers: ['pushRegistry'],
  sources: [
    'Apple Developer Forums: iOS 26 changes for CallKit, LiveCommunicationKit and PushToTalk (DTS, Kevin Elliott)',
    'https://developer.apple.com/documentation/pushkit/pkpushregistrydelegate/pushregistry(_:didreceiveincomingpushwith:for:completion:)',
    'https://developer.apple.com/documentation/pushkit/pkpushtype/voip',
    'https://developer.apple.com/documentation/pushkit/responding-to-voip-notifications-from-pushkit',
    'https://developer.apple.com/documentation/pushkit/pkpushregistrydelegate/pushregistry(_:didreceiveincomingvoippushwith:metadata:withcompletionhandler:)',
    'https://developer.apple.com/documentation/livecommunicationkit/conversationmanager/reportnewincomingconversation(uuid:update:)',
  ],
  messages: {
    mustReport: 'This VoIP push handler never reports a call, so the system terminates the app (iOS 13 SDK and later; the iOS 26 SDK removed the last exemption): call CXProvider.reportNewIncomingCall(with:update:completion:) or LiveCommunicationKit\'s reportNewIncomingConversation(uuid:update:) before the handler returns, or deliver non-call pushes with UserNotifications instead of PushKit.',
  },
  knownLimitations: [
    'The rule only flags a handler whose every call is known not to report: logging, the completion handler, UserDefaults, local notifications, JSON parsing, dispatch, initialisers and same-file helpers (followed a few levels deep) that do the same. A handler that calls anything else (a method on another object, a closure, a notification post) is assumed to report and is not flagged.',
    'Any call whose name contains "report", "incoming", "callkit" or "conversation" counts as reporting, so a handler that calls an unrelated `reportError(…)` is not flagged.',
    'Paths are not analysed one by one: a handler that reports on one branch and returns early without reporting on another (for example when the app is in the foreground) is not flagged.',
    'A file that mentions the complication or file-provider push types is assumed to handle non-VoIP pushes and only its VoIP-only callback (iOS 26.4 `didReceiveIncomingVoIPPushWith`) is checked.',
  ],
  create(context) {
    const swift = context.grammar === 'swift';
    const delegates: Delegate[] = [];
    const helpers = new Map<string, Node[]>();
    let nonVoip = false;
    const addHelper = (name: string, node: Node) => {
      const list = helpers.get(name);
      if (list) list.push(node);
      else helpers.set(name, [node]);
    };

    /** True when `fn` (or a same-file helper it calls) makes a call that could report; unknown calls count. */
    const mayReport = (fn: Analysed, depth: number, visiting: Set<number>): boolean => {
      const helperMayReport = (name: string): boolean => {
        const defs = helpers.get(name);
        if (!defs || depth >= MAX_HELPER_DEPTH) return true;
        return defs.some((def) => {
          if (visiting.has(def.id)) return false;
          const analysed = swift ? swiftAnalysed(def, false) : objcOrCAnalysed(def);
          if (!analysed) return true;
          visiting.add(def.id);
          const result = mayReport(analysed, depth + 1, visiting);
          visiting.delete(def.id);
          return result;
        });
      };

      for (const node of descendants(fn.body)) {
        if (swift) {
          if (node.type !== 'call_expression' || isSwiftSubscript(node)) continue;
          const call = swiftCall(node);
          if (!call) return true;
          if (MAY_REPORT_NAME.test(call.name)) return true;
          const callee = node.namedChild(0);
          if (!call.receiver) {
            if (callee?.type === 'prefix_expression') continue; // `.success(x)`: an enum case or static factory
            if (fn.safeClosures.has(call.name) || SWIFT_SAFE_FUNCTIONS.has(call.name) || /^[A-Z]/.test(call.name)) continue;
            if (SAFE_LOG_FUNCTION.test(call.name) && !helpers.has(call.name)) continue;
            if (helperMayReport(call.name)) return true;
            continue;
          }
          if (call.receiver.type === 'self_expression') {
            if (helperMayReport(call.name)) return true;
            continue;
          }
          if (SAFE_METHODS.has(call.name) || isSafeSwiftReceiver(call.receiver, fn)) continue;
          return true;
        } else if (node.type === 'message_expression') {
          const message = objcMessage(node);
          if (!message) return true;
          if (message.keywords.some((k) => MAY_REPORT_NAME.test(k.name))) return true;
          const receiver = message.receiver;
          if (receiver?.type === 'identifier' && receiver.text === 'self') {
            if (helperMayReport(message.selector)) return true;
            continue;
          }
          if (SAFE_METHODS.has(message.keywords[0].name) || (receiver && isSafeCReceiver(receiver, fn))) continue;
          return true;
        } else if (node.type === 'call_expression') {
          const call = cCall(node);
          if (!call) return true;
          if (MAY_REPORT_NAME.test(call.name)) return true;
          if (fn.safeClosures.has(call.name) || C_SAFE_FUNCTIONS.has(call.name)) continue;
          if (SAFE_LOG_FUNCTION.test(call.name) && !helpers.has(call.name)) continue;
          if (helperMayReport(call.name)) return true;
        }
      }
      return false;
    };

    const objcOrCAnalysed = (def: Node): Analysed | undefined => {
      if (def.type === 'method_definition') return objcAnalysed(def, false);
      const body = def.childForFieldName('body');
      return body ? { body, safeValues: new Set(), safeClosures: new Set() } : undefined;
    };

    const noteNonVoip = (node: Node) => { if (NON_VOIP_PUSH_TYPES.has(node.text)) nonVoip = true; };

    return {
      function_declaration(node) {
        const name = node.childForFieldName('name');
        if (!name) return;
        addHelper(name.text, node);
        if (name.text !== 'pushRegistry') return;
        const labels = swiftParameters(node).map((p) => p.label);
        const callback = SWIFT_PUSH_CALLBACKS.find((c) => c.labels.length === labels.length && c.labels.every((l, i) => l === labels[i]));
        const analysed = callback && swiftAnalysed(node, true);
        if (callback && analysed) delegates.push({ ...analysed, nameNode: name, voipOnly: callback.voipOnly });
      },
      method_definition(node) {
        const selector = objcSelectorOf(node);
        addHelper(selector, node);
        const callback = OBJC_PUSH_CALLBACKS.get(selector);
        const analysed = callback && objcAnalysed(node, true);
        const nameNode = node.namedChildren.find((c) => c?.type === 'identifier');
        if (callback && analysed && nameNode) delegates.push({ ...analysed, nameNode, voipOnly: callback.voipOnly });
      },
      function_definition(node) {
        const name = cDefinedName(node);
        if (name) addHelper(name, node);
      },
      simple_identifier: noteNonVoip,
      identifier: noteNonVoip,
      'file:exit'() {
        for (const delegate of delegates) {
          if (nonVoip && !delegate.voipOnly) continue;
          if (!mayReport(delegate, 0, new Set())) context.report({ node: delegate.nameNode });
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `import PushKit

final class VoIPPushHandler: NSObject, PKPushRegistryDelegate {
    func pushRegistry(_ registry: PKPushRegistry, didUpdate pushCredentials: PKPushCredentials, for type: PKPushType) {
        upload(token: pushCredentials.token)
    }

    func ⟦pushRegistry⟧(_ registry: PKPushRegistry, didReceiveIncomingPushWith payload: PKPushPayload, for type: PKPushType, completion: @escaping () -> Void) {
        print("VoIP push: \\(payload.dictionaryPayload)")
        completion()
    }
}`,
          note: 'logs and completes',
        },
        {
          code: `import PushKit
import UserNotifications

extension AppDelegate: PKPushRegistryDelegate {
    func ⟦pushRegistry⟧(_ registry: PKPushRegistry, didReceiveIncomingPushWith payload: PKPushPayload, for type: PKPushType, completion: @escaping () -> Void) {
        guard type == .voIP else { return completion() }
        let content = UNMutableNotificationContent()
        content.title = payload.dictionaryPayload["caller"] as? String ?? "Someone"
        content.body = "is calling you"
        let request = UNNotificationRequest(identifier: UUID().uuidString, content: content, trigger: nil)
        UNUserNotificationCenter.current().add(request)
        completion()
    }
}`,
          note: 'local notification instead of CallKit (the pre-iOS 13 pattern)',
        },
        {
          code: `final class PushInbox: NSObject, PKPushRegistryDelegate {
    private let log = Logger(subsystem: "com.example.talk", category: "push")

    func ⟦pushRegistry⟧(_ registry: PKPushRegistry, didReceiveIncomingPushWith payload: PKPushPayload, for type: PKPushType, completion: @escaping () -> Void) {
        defer { completion() }
        store(payload)
    }

    private func store(_ payload: PKPushPayload) {
        let data = try? JSONSerialization.data(withJSONObject: payload.dictionaryPayload)
        UserDefaults.standard.set(data, forKey: "pendingCall")
        log.info("stored a pending call")
    }
}`,
          note: 'a same-file helper that only stores the payload',
        },
        {
          code: `extension SessionManager: PKPushRegistryDelegate {
    func ⟦pushRegistry⟧(_ registry: PKPushRegistry, didReceiveIncomingPushWith payload: PKPushPayload, for type: PKPushType) {
    }
}`,
          note: 'empty body (the pre-iOS 11 callback)',
        },
        {
          code: `@available(iOS 26.4, *)
extension CallService: PKPushRegistryDelegate {
    func ⟦pushRegistry⟧(_ registry: PKPushRegistry, didReceiveIncomingVoIPPushWith payload: PKPushPayload, metadata: PKVoIPPushMetadata, withCompletionHandler completion: @escaping @Sendable () -> Void) {
        guard metadata.mustReport else { return completion() }
        DispatchQueue.main.async {
            completion()
        }
    }
}`,
          note: 'iOS 26.4 callback: mustReport true but nothing reported',
        },
      ],
      valid: [
        {
          code: `extension ProviderDelegate: PKPushRegistryDelegate {
    func pushRegistry(_ registry: PKPushRegistry, didReceiveIncomingPushWith payload: PKPushPayload, for type: PKPushType, completion: @escaping () -> Void) {
        let update = CXCallUpdate()
        update.remoteHandle = CXHandle(type: .generic, value: payload.dictionaryPayload["handle"] as? String ?? "?")
        provider.reportNewIncomingCall(with: UUID(), update: update) { _ in completion() }
    }
}`,
          note: 'reports to CallKit',
        },
        {
          code: `extension AppDelegate: PKPushRegistryDelegate {
    func pushRegistry(_ registry: PKPushRegistry, didReceiveIncomingPushWith payload: PKPushPayload, for type: PKPushType, completion: @escaping () -> Void) {
        NSLog("VoIP push")
        callCoordinator.handle(payload, completion: completion)
    }
}`,
          note: 'forwards to an object defined elsewhere: cannot tell',
        },
        {
          code: `final class Ringer: NSObject, PKPushRegistryDelegate {
    let manager = ConversationManager(configuration: .init(ringtoneName: nil, iconTemplateImageData: nil, maximumConversationGroups: 1, maximumConversationsPerConversationGroup: 1, includesConversationInRecents: true, supportsVideo: false, supportedHandleTypes: [.generic]))

    func pushRegistry(_ registry: PKPushRegistry, didReceiveIncomingPushWith payload: PKPushPayload, for type: PKPushType, completion: @escaping () -> Void) {
        ring(payload, completion)
    }

    private func ring(_ payload: PKPushPayload, _ completion: @escaping () -> Void) {
        Task {
            try? await manager.reportNewIncomingConversation(uuid: UUID(), update: Conversation.Update(localMember: nil, members: nil, activeRemoteMembers: nil))
            completion()
        }
    }
}`,
          note: 'LiveCommunicationKit, through a same-file helper',
        },
        {
          code: `extension ComplicationPusher: PKPushRegistryDelegate {
    func pushRegistry(_ registry: PKPushRegistry, didReceiveIncomingPushWith payload: PKPushPayload, for type: PKPushType, completion: @escaping () -> Void) {
        guard type == .complication else { return completion() }
        UserDefaults.standard.set(payload.dictionaryPayload["score"] as? Int, forKey: "score")
        completion()
    }
}`,
          note: 'complication pushes, not VoIP',
        },
        {
          code: `// func pushRegistry(_:didReceiveIncomingPushWith:for:completion:) must call reportNewIncomingCall
extension TokenStore: PKPushRegistryDelegate {
    func pushRegistry(_ registry: PKPushRegistry, didUpdate pushCredentials: PKPushCredentials, for type: PKPushType) {
        print(pushCredentials.token)
    }
    func pushRegistry(_ registry: PKPushRegistry, didInvalidatePushTokenFor type: PKPushType) {}
}`,
          note: 'other delegate methods and a comment',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: `@implementation PushHandler
- (void)⟦pushRegistry⟧:(PKPushRegistry *)registry didReceiveIncomingPushWithPayload:(PKPushPayload *)payload forType:(PKPushType)type withCompletionHandler:(void (^)(void))completion {
    NSLog(@"VoIP push %@", payload.dictionaryPayload);
    completion();
}
@end`,
          note: 'logs and completes',
        },
        {
          code: `@implementation AppDelegate (VoIP)
- (void)⟦pushRegistry⟧:(PKPushRegistry *)registry didReceiveIncomingPushWithPayload:(PKPushPayload *)payload forType:(PKPushType)type withCompletionHandler:(void (^)(void))completion {
    UNMutableNotificationContent *content = [[UNMutableNotificationContent alloc] init];
    content.title = payload.dictionaryPayload[@"caller"];
    UNNotificationRequest *request = [UNNotificationRequest requestWithIdentifier:[[NSUUID UUID] UUIDString] content:content trigger:nil];
    [[UNUserNotificationCenter currentNotificationCenter] addNotificationRequest:request withCompletionHandler:nil];
    completion();
}
@end`,
          note: 'local notification',
        },
        {
          code: `@implementation PushInbox
- (void)⟦pushRegistry⟧:(PKPushRegistry *)registry didReceiveIncomingPushWithPayload:(PKPushPayload *)payload forType:(PKPushType)type withCompletionHandler:(void (^)(void))completion {
    [self savePayload:payload];
    dispatch_async(dispatch_get_main_queue(), ^{ completion(); });
}

- (void)savePayload:(PKPushPayload *)payload {
    [[NSUserDefaults standardUserDefaults] setObject:payload.dictionaryPayload forKey:@"pendingCall"];
}
@end`,
          note: 'same-file helper that only stores the payload',
        },
      ],
      valid: [
        {
          code: `@implementation ProviderDelegate
- (void)pushRegistry:(PKPushRegistry *)registry didReceiveIncomingPushWithPayload:(PKPushPayload *)payload forType:(PKPushType)type withCompletionHandler:(void (^)(void))completion {
    CXCallUpdate *update = [[CXCallUpdate alloc] init];
    [self.provider reportNewIncomingCallWithUUID:[NSUUID UUID] update:update completion:^(NSError *error) {
        completion();
    }];
}
@end`,
          note: 'reports to CallKit',
        },
        {
          code: `@implementation AppDelegate
- (void)pushRegistry:(PKPushRegistry *)registry didReceiveIncomingPushWithPayload:(PKPushPayload *)payload forType:(PKPushType)type withCompletionHandler:(void (^)(void))completion {
    [self.callManager handleVoIPPush:payload completion:completion];
}
@end`,
          note: 'forwards to another object',
        },
        {
          code: `@implementation AppDelegate
- (void)pushRegistry:(PKPushRegistry *)registry didReceiveIncomingPushWithPayload:(PKPushPayload *)payload forType:(PKPushType)type withCompletionHandler:(void (^)(void))completion {
    [RNVoipPushNotificationManager didReceiveIncomingPushWithPayload:payload forType:(NSString *)type];
    completion();
}
- (void)pushRegistry:(PKPushRegistry *)registry didUpdatePushCredentials:(PKPushCredentials *)credentials forType:(PKPushType)type {
    NSLog(@"token");
}
@end`,
          note: 'a bridge whose name says it handles incoming pushes; another delegate method',
        },
      ],
    },
  },
});
