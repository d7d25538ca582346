// PushKit / CallKit / LiveCommunicationKit names used by pushkit-voip-must-report-call.

/**
 * Swift delegate methods that receive a push, by their argument labels after the name `pushRegistry`.
 * `voipOnly` marks the iOS 26.4 callback that only ever receives VoIP pushes.
 */
export const SWIFT_PUSH_CALLBACKS: readonly { labels: string[]; voipOnly: boolean }[] = [
  { labels: ['_', 'didReceiveIncomingPushWith', 'for', 'completion'], voipOnly: false },
  { labels: ['_', 'didReceiveIncomingPushWith', 'for'], voipOnly: false },
  { labels: ['_', 'didReceiveIncomingVoIPPushWith', 'metadata', 'withCompletionHandler'], voipOnly: true },
  { labels: ['_', 'didReceiveIncomingVoIPPushWith', 'metadata'], voipOnly: true },
];

/** The same callbacks in Objective-C. */
export const OBJC_PUSH_CALLBACKS: ReadonlyMap<string, { voipOnly: boolean }> = new Map([
  ['pushRegistry:didReceiveIncomingPushWithPayload:forType:withCompletionHandler:', { voipOnly: false }],
  ['pushRegistry:didReceiveIncomingPushWithPayload:forType:', { voipOnly: false }],
  ['pushRegistry:didReceiveIncomingVoIPPushWithPayload:metadata:withCompletionHandler:', { voipOnly: true }],
]);

/**
 * Names of calls that report, or might report, an incoming call: CallKit's `reportNewIncomingCall`,
 * LiveCommunicationKit's `reportNewIncomingConversation`, `reportNewIncomingVoIPPushPayload`, and the
 * app's own wrappers (`reportIncomingCall`, `displayIncomingCall`, `showCallkitIncoming`…). Matching is
 * deliberately broad: a match only keeps the rule silent.
 */
export const MAY_REPORT_NAME = /report|incoming|callkit|conversation/i;

/** Push types other than VoIP: a file that handles them may legitimately not report a call. */
export const NON_VOIP_PUSH_TYPES: ReadonlySet<string> = new Set([
  'complication', 'fileProvider', 'PKPushTypeComplication', 'PKPushTypeFileProvider',
]);

/** PushKit types whose values cannot report a call (delegate parameters). */
export const PUSHKIT_VALUE_TYPES: ReadonlySet<string> = new Set(['PKPushRegistry', 'PKPushPayload', 'PKPushType', 'PKVoIPPushMetadata']);

/** Free functions that never report a call (logging, assertions, `defer`). */
export const SWIFT_SAFE_FUNCTIONS: ReadonlySet<string> = new Set([
  'print', 'debugPrint', 'NSLog', 'os_log', 'dump', 'assert', 'assertionFailure', 'precondition',
  'preconditionFailure', 'fatalError', 'defer', 'min', 'max', 'abs', 'zip', 'withExtendedLifetime',
]);

/** Logging macros and functions of common logging libraries (CocoaLumberjack, React Native, app `LOGI`-style macros). */
export const SAFE_LOG_FUNCTION = /^(DDLog|RCTLog|NSLog|os_log|LOG[A-Z]?$|LOG_|Log[A-Z])/;

export const C_SAFE_FUNCTIONS: ReadonlySet<string> = new Set([
  'NSLog', 'NSLogv', 'os_log', 'os_log_info', 'os_log_debug', 'os_log_error', 'os_log_fault', 'os_log_with_type',
  'printf', 'fprintf', 'assert', 'NSAssert', 'NSCAssert', 'NSParameterAssert', 'dispatch_async', 'dispatch_sync',
  'dispatch_after', 'dispatch_get_main_queue', 'dispatch_get_global_queue', 'dispatch_time', 'CFRelease', 'CFRetain',
  'NSStringFromClass', 'NSStringFromSelector',
]);

/**
 * Framework types and singletons whose methods cannot report a call: storing the payload, posting a local
 * notification (the pre-iOS 13 pattern), parsing JSON, dispatching to a queue, configuring audio.
 * `NotificationCenter` is absent on purpose: an observer elsewhere may report.
 */
export const FRAMEWORK_ROOTS: ReadonlySet<string> = new Set([
  'UserDefaults', 'UNUserNotificationCenter', 'UNMutableNotificationContent', 'UNNotificationRequest',
  'UNTimeIntervalNotificationTrigger', 'UNNotificationSound', 'JSONSerialization', 'JSONDecoder', 'JSONEncoder',
  'PropertyListSerialization', 'DispatchQueue', 'Logger', 'OSLog', 'FileManager', 'Date', 'UUID', 'URL', 'URLSession',
  'Data', 'String', 'Bundle', 'ProcessInfo', 'Thread', 'Task', 'MainActor', 'AVAudioSession', 'UIApplication', 'CXCallUpdate', 'CXHandle',
  'NSUserDefaults', 'NSJSONSerialization', 'NSUUID', 'NSString', 'NSMutableString', 'NSDate', 'NSData', 'NSDictionary',
  'NSMutableDictionary', 'NSArray', 'NSMutableArray', 'NSNumber', 'NSURL', 'NSURLSession', 'NSFileManager',
  'NSBundle', 'NSProcessInfo', 'NSThread',
]);

/** A receiver chain through the app delegate (`UIApplication.shared.delegate…`) reaches app code: never safe. */
export const APP_CODE_HOP = /delegate/i;

/** Methods of values (strings, collections, logging, dispatch) that cannot report a call, whatever the receiver. */
export const SAFE_METHODS: ReadonlySet<string> = new Set([
  'map', 'compactMap', 'flatMap', 'filter', 'reduce', 'forEach', 'first', 'last', 'contains', 'sorted', 'joined',
  'append', 'insert', 'remove', 'removeAll', 'removeValue', 'removeFirst', 'removeLast', 'lowercased', 'uppercased',
  'trimmingCharacters', 'replacingOccurrences', 'components', 'split', 'hasPrefix', 'hasSuffix', 'starts', 'prefix',
  'suffix', 'dropFirst', 'dropLast', 'firstIndex', 'lastIndex', 'formatted', 'isEqual', 'async', 'asyncAfter', 'sync',
  'info', 'debug', 'error', 'notice', 'warning', 'warn', 'fault', 'trace', 'critical', 'verbose', 'log',
  // Objective-C value selectors (first keyword).
  'objectForKey', 'valueForKey', 'isEqualToString', 'stringWithFormat', 'UUIDString', 'length', 'count',
  'description', 'componentsSeparatedByString', 'stringByAppendingString', 'dataUsingEncoding', 'boolValue',
  'integerValue', 'stringValue', 'alloc', 'new', 'init', 'copy', 'mutableCopy',
]);
