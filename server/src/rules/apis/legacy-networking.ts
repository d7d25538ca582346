// Legacy networking and Network Extension names shared by the legacy- and ne- rules, with the deprecations
// Apple documents for them (availability ranges from the DocC pages on developer.apple.com).
import type { Deprecation } from '../rule';

// ── Network Extension in-provider networking (NWTCPConnection and friends) ────────────────────────────────

/** Connection classes that only an NE provider (or hotspot helper command) can create. */
export const NE_CONNECTION_TYPES = new Set(['NWTCPConnection', 'NWUDPSession']);

/** Network Extension endpoint classes (not Network framework's `NWEndpoint` enum / `nw_endpoint_t`). */
export const NE_ENDPOINT_TYPES = new Set(['NWHostEndpoint', 'NWBonjourServiceEndpoint']);

/**
 * The abstract NE endpoint class. Only Objective-C names it unambiguously: in Swift, `NWEndpoint` is usually
 * Network framework's enum, which is the recommended replacement.
 */
export const NE_OBJC_ENDPOINT_BASE = 'NWEndpoint';

/** `NEProvider` / `NEPacketTunnelProvider` factory methods, Swift name → argument labels. */
export const NE_CREATE_SWIFT: ReadonlyMap<string, readonly string[]> = new Map([
  ['createTCPConnection', ['to', 'enableTLS', 'tlsParameters', 'delegate']],
  ['createTCPConnectionThroughTunnel', ['to', 'enableTLS', 'tlsParameters', 'delegate']],
  ['createUDPSession', ['to', 'from']],
  ['createUDPSessionThroughTunnel', ['to', 'from']],
]);

/** The same factories as Objective-C selectors. */
export const NE_CREATE_SELECTORS = new Set([
  'createTCPConnectionToEndpoint:enableTLS:TLSParameters:delegate:',
  'createTCPConnectionThroughTunnelToEndpoint:enableTLS:TLSParameters:delegate:',
  'createUDPSessionToEndpoint:fromEndpoint:',
  'createUDPSessionThroughTunnelToEndpoint:fromEndpoint:',
]);

/** Objective-C class factories of the endpoint classes. */
export const NE_ENDPOINT_FACTORIES = new Set(['endpointWithHostname:port:', 'endpointWithName:type:domain:']);

export const NE_INPROVIDER_DEPRECATION: Deprecation = {
  since: 'iOS 18.0, iPadOS 18.0, Mac Catalyst 18.0, macOS 15.0, tvOS 18.0, visionOS 2.0',
  source: 'https://developer.apple.com/documentation/networkextension/nwtcpconnection',
};

// ── NECP and Packet Filter (private / not API) ─────────────────────────────────────────────────────────

/** NECP system calls from the Darwin sources (`<net/necp.h>` is not in any SDK). */
export const NECP_FUNCTIONS = new Set(['necp_open', 'necp_client_action', 'necp_session_open', 'necp_session_action', 'necp_match_policy']);

/** Socket options that attach NECP state to a socket. */
export const NECP_CONSTANTS = new Set(['SO_NECP_ATTRIBUTES', 'SO_NECP_CLIENTUUID', 'SO_NECP_LISTENUUID']);

/** Private headers: NECP and the Packet Filter ioctl interface. */
export const PRIVATE_NET_HEADERS = new Set(['net/necp.h', 'net/pfvar.h']);

/** The Packet Filter control device. */
export const PF_DEVICE = '/dev/pf';

/** Packet Filter ioctl request codes (`DIOCADDRULE`, `DIOCNATLOOK`, `DIOCSTART`, …). */
export const PF_IOCTL = /^DIOC[A-Z0-9_]+$/;

/** `pfctl` or `/sbin/pfctl` as the command word of a string (`"pfctl -e"`, `"sudo /sbin/pfctl -f x"`, `"… | pfctl -f -"`). */
export const PFCTL_COMMAND_WORD = /(^|[\s;|&(`'"])(\/sbin\/)?pfctl(?=$|[\s;|&)`'"])/;

/** A string that is, or starts with, a pfctl command line (checked outside any process-launch context). */
export const PFCTL_COMMAND_LINE = /^(sudo\s+)?(\/sbin\/pfctl|pfctl)(\s|$)/;

/** Functions that run a command line or executable (their string arguments are commands). */
export const PROCESS_FUNCTIONS = new Set([
  'system', 'popen', 'posix_spawn', 'posix_spawnp', 'execv', 'execve', 'execvp', 'execl', 'execle', 'execlp',
  'AuthorizationExecuteWithPrivileges',
]);

/** Process / NSTask members whose value is an executable path or its arguments. */
export const PROCESS_MEMBERS = new Set(['launchPath', 'executableURL', 'arguments', 'currentDirectoryPath']);

/** Objective-C / Swift process launches: selectors and labels. */
export const PROCESS_SELECTORS = new Set([
  'launchedTaskWithLaunchPath:arguments:', 'setLaunchPath:', 'setArguments:', 'setExecutableURL:',
  'launchedTaskWithExecutableURL:arguments:error:terminationHandler:',
]);
export const PROCESS_SWIFT_CALLS = new Set(['launchedProcess', 'run']);

export const TN3165_URL = 'https://developer.apple.com/documentation/technotes/tn3165-packet-filter-is-not-api';

// ── NSStream / CFStream socket streams ───────────────────────────────────────────────────────────────────

/** CFStream functions that open a TCP connection (or wrap a socket) as a read/write stream pair. */
export const CFSTREAM_SOCKET_FUNCTIONS = new Set([
  'CFStreamCreatePairWithSocketToHost', 'CFStreamCreatePairWithSocket', 'CFStreamCreatePairWithSocketToCFHost',
  'CFStreamCreatePairWithSocketToNetService', 'CFStreamCreatePairWithPeerSocketSignature',
]);

/** `+[NSStream getStreamsToHost…]` selectors. */
export const NSSTREAM_SOCKET_SELECTORS = new Set([
  'getStreamsToHostWithName:port:inputStream:outputStream:', 'getStreamsToHost:port:inputStream:outputStream:',
]);

/** Swift spellings: name → labels (`_` for none). */
export const NSSTREAM_SOCKET_SWIFT: ReadonlyMap<string, readonly string[]> = new Map([
  ['getStreamsToHost', ['withName', 'port', 'inputStream', 'outputStream']],
  ['getStreamsToHostWithName', ['_', 'port', 'inputStream', 'outputStream']],
  ['getStreamsTo', ['_', 'port', 'inputStream', 'outputStream']],
]);

/** Receivers of the class methods above. */
export const STREAM_CLASSES = new Set([
  'Stream', 'InputStream', 'OutputStream', 'NSStream', 'NSInputStream', 'NSOutputStream', 'Foundation.Stream',
]);

export const SOCKET_STREAM_DEPRECATION: Deprecation = {
  since: 'iOS 27.0, iPadOS 27.0, macOS 27.0, tvOS 27.0, visionOS 27.0, watchOS 27.0 (Xcode 27 SDKs: "Use nw_connection_t in Network framework instead")',
  source: 'https://developer.apple.com/documentation/corefoundation/cfstreamcreatepairwithsockettohost(_:_:_:_:_:)',
};

// ── SCNetworkReachability ────────────────────────────────────────────────────────────────────────────────

export const REACHABILITY_FUNCTIONS = new Set([
  'SCNetworkReachabilityCreateWithName', 'SCNetworkReachabilityCreateWithAddress', 'SCNetworkReachabilityCreateWithAddressPair',
  'SCNetworkReachabilityGetFlags', 'SCNetworkReachabilitySetCallback', 'SCNetworkReachabilityScheduleWithRunLoop',
  'SCNetworkReachabilityUnscheduleFromRunLoop', 'SCNetworkReachabilitySetDispatchQueue',
]);

/** The "is this cellular?" flag. */
export const REACHABILITY_WWAN_FLAG = 'kSCNetworkReachabilityFlagsIsWWAN';

export const REACHABILITY_DEPRECATION: Deprecation = {
  since: 'iOS 17.4, iPadOS 17.4, Mac Catalyst 17.4, macOS 14.4, visionOS 1.1',
  source: 'https://developer.apple.com/documentation/systemconfiguration/scnetworkreachability-g7d',
};

// ── NSURLConnection ──────────────────────────────────────────────────────────────────────────────────────

/** Class methods that start a load. */
export const NSURLCONNECTION_CLASS_SELECTORS = new Set([
  'sendSynchronousRequest:returningResponse:error:', 'sendAsynchronousRequest:queue:completionHandler:',
  'connectionWithRequest:delegate:',
]);

/** Initialisers (sent to `[NSURLConnection alloc]`). */
export const NSURLCONNECTION_INIT_SELECTORS = new Set(['initWithRequest:delegate:', 'initWithRequest:delegate:startImmediately:']);

/** Swift class methods. */
export const NSURLCONNECTION_SWIFT_METHODS = new Set(['sendSynchronousRequest', 'sendAsynchronousRequest', 'connectionWithRequest']);

export const NSURLCONNECTION_DEPRECATION: Deprecation = {
  since: 'iOS 9.0, macOS 10.11, tvOS 9.0 (every way to create or start a connection; the class is documented as legacy)',
  source: 'https://developer.apple.com/documentation/foundation/nsurlconnection/sendsynchronousrequest(_:returning:)',
};

// ── CFFTPStream ──────────────────────────────────────────────────────────────────────────────────────────

export const CFFTP_FUNCTIONS = new Set(['CFReadStreamCreateWithFTPURL', 'CFWriteStreamCreateWithFTPURL', 'CFFTPCreateParsedResourceListing']);

/** `kCFStreamPropertyFTPUserName`, `kCFStreamPropertyFTPUsePassiveMode`, …, and `kCFFTPResourceName` etc. */
export const CFFTP_CONSTANT = /^(kCFStreamPropertyFTP[A-Za-z]+|kCFFTPResource[A-Za-z]+)$/;

export const CFFTP_DEPRECATION: Deprecation = {
  since: 'iOS 9.0, macOS 10.11 ("Use NSURLSessionAPI for ftp requests"); Apple DTS: all of Apple\'s FTP APIs are now deprecated',
  source: 'https://developer.apple.com/documentation/cfnetwork/cfreadstreamcreatewithftpurl(_:_:)',
};
