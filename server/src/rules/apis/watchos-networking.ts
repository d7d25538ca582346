// watchOS networking names (TN3135: Low-level networking on watchOS) used by watchos-low-level-networking.

/** Swift types whose construction starts low-level networking (Network framework, including the iOS 26 async types). */
export const SWIFT_LOW_LEVEL_TYPES: ReadonlySet<string> = new Set([
  'NWConnection', 'NWListener', 'NWBrowser', 'NWConnectionGroup', 'NWMulticastGroup',
  'NetworkConnection', 'NetworkListener', 'NetworkBrowser',
]);

export const SWIFT_PATH_MONITOR = 'NWPathMonitor';

/** URLSession methods that create the low-level task kinds (WebSocket, stream). */
export const SWIFT_LOW_LEVEL_TASKS: ReadonlySet<string> = new Set(['webSocketTask', 'streamTask']);

/** C functions that create Network framework objects. */
export const C_LOW_LEVEL_FUNCTIONS: ReadonlySet<string> = new Set([
  'nw_connection_create', 'nw_listener_create', 'nw_listener_create_with_port', 'nw_listener_create_with_connection',
  'nw_browser_create', 'nw_connection_group_create', 'CFStreamCreatePairWithSocketToHost', 'CFStreamCreatePairWithSocketToCFHost',
]);

export const C_PATH_MONITOR_FUNCTIONS: ReadonlySet<string> = new Set(['nw_path_monitor_create', 'nw_path_monitor_create_with_type']);

/** BSD socket creation and its Core Foundation wrapper: never usable for networking on watchOS. */
export const SOCKET_FUNCTIONS: ReadonlySet<string> = new Set(['socket', 'CFSocketCreate']);

/** Address families for local IPC, which is not networking. */
export const LOCAL_FAMILIES: ReadonlySet<string> = new Set(['AF_UNIX', 'AF_LOCAL', 'PF_UNIX', 'PF_LOCAL', 'AF_SYSTEM', 'PF_SYSTEM']);

/** Objective-C selectors that create low-level URLSession tasks or socket streams. */
export const OBJC_LOW_LEVEL_SELECTORS: ReadonlySet<string> = new Set([
  'webSocketTaskWithURL:', 'webSocketTaskWithURL:protocols:', 'webSocketTaskWithRequest:',
  'streamTaskWithHostName:port:', 'streamTaskWithNetService:',
  'getStreamsToHostWithName:port:inputStream:outputStream:',
]);

/** Types that only exist on watchOS: their unconditional use says the file is watchOS code. */
export const WATCH_ONLY_TYPES: ReadonlySet<string> = new Set([
  'WKExtension', 'WKApplication', 'WKInterfaceController', 'WKExtensionDelegate', 'WKApplicationDelegate',
  'WKHostingController', 'WKInterfaceDevice', 'WKApplicationDelegateAdaptor', 'WKExtensionDelegateAdaptor',
  'WKExtendedRuntimeSession', 'WKExtendedRuntimeSessionDelegate', 'WKUserNotificationHostingController',
]);

export const WATCH_MODULE = 'WatchKit';

/**
 * Names that show the file may be in one of the cases TN3135 allows (an active audio-streaming session,
 * a CallKit call, a DeviceDiscoveryUI application-service listener): the rule then stays silent on the file.
 */
export const EXCEPTION_NAMES: ReadonlySet<string> = new Set([
  'CXProvider', 'CXCallController', 'CXCallUpdate', 'CXProviderConfiguration', 'ConversationManager',
  'AVAudioSession', 'longFormAudio', 'AVAudioSessionRouteSharingPolicyLongFormAudio',
  'applicationService', 'nw_parameters_create_application_service',
]);

export const EXCEPTION_MODULES: ReadonlySet<string> = new Set(['CallKit', 'LiveCommunicationKit', 'DeviceDiscoveryUI']);
