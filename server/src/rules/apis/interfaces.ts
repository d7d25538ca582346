// Names of the network-interface, path and background-session APIs the iface-, wifi-check, bg- and c-sockaddr rules look for.

/**
 * BSD interface name families that apps hard-code to guess an interface's role: Wi-Fi / Ethernet (`en`),
 * cellular (`pdp_ip`), peer-to-peer Wi-Fi (`awdl`, `llw`), personal hotspot (`ap`, `bridge`), VPN (`utun`,
 * `ipsec`) and the Mac's internal links (`anpi`). Loopback (`lo0`) is stable and never flagged.
 */
export const BSD_NAME_FAMILIES = ['en', 'pdp_ip', 'awdl', 'llw', 'ap', 'bridge', 'utun', 'ipsec', 'anpi'];

/** A whole BSD interface name: `en0`, `pdp_ip1`, `utun3`. */
export const BSD_NAME = new RegExp(`^(${BSD_NAME_FAMILIES.join('|')})\\d+$`);

/** A name family used as a prefix (`hasPrefix("pdp_ip")`, `strncmp(name, "utun", 4)`), with or without digits. */
export const BSD_NAME_PREFIX = new RegExp(`^(${BSD_NAME_FAMILIES.join('|')})\\d*$`);

/** Prefixes too short to mean an interface on their own (`"en"` is also a language code). */
export const AMBIGUOUS_PREFIX = /^(en|ap)$/;

/** Variables and members that hold an interface name beyond doubt. */
export const STRONG_NAME_IDENTIFIER = /^(ifa_name|ifr_name|if_?name|ifName|iface_?name|ifaceName|interface_?name|interfaceName|bsd_?name|bsdName|BSDName)$/;

/** Weaker evidence: something called `name` (NWInterface.name, a local copied from ifa_name). */
export const WEAK_NAME_IDENTIFIER = /name$/i;

/** C string comparisons: the first two arguments are compared. */
export const C_STRING_COMPARE = new Set(['strcmp', 'strncmp', 'strcasecmp', 'strncasecmp', 'strstr', 'strnstr', 'strcasestr']);
/** C comparisons that only look at the start of the name (a prefix test). */
export const C_PREFIX_COMPARE = new Set(['strncmp', 'strncasecmp', 'strstr', 'strnstr', 'strcasestr']);

/** NSString / Swift String comparisons on the receiver. */
export const OBJC_STRING_COMPARE = new Set(['isEqualToString:', 'isEqual:', 'hasPrefix:', 'containsString:', 'caseInsensitiveCompare:', 'compare:']);
export const OBJC_PREFIX_COMPARE = new Set(['hasPrefix:', 'containsString:']);
export const SWIFT_PREFIX_COMPARE = new Set(['hasPrefix', 'starts', 'contains']);

/** Wi-Fi and cellular interface types (Swift `NWInterface.InterfaceType`, C `nw_interface_type_t`). */
export const SWIFT_GATED_INTERFACE_TYPES = new Set(['wifi', 'cellular']);
export const C_GATED_INTERFACE_TYPES = new Set(['nw_interface_type_wifi', 'nw_interface_type_cellular']);

/**
 * Names of calls (and assigned properties) that move bulk data: evidence that a Wi-Fi / cellular check decides
 * whether a transfer happens, rather than what a label shows. (`sync` is matched by the rule as a camel-case word,
 * so `async` does not count.)
 */
export const TRANSFER_NAME = /download|upload|prefetch|preload|backup|transfer|bitrate|^resume$|^(data|download|upload)Task/i;

/** URLSession task factories (Swift base names and Objective-C selectors). */
export const SWIFT_TASK_FACTORIES = new Set(['downloadTask', 'uploadTask', 'dataTask']);
export const OBJC_TASK_FACTORIES = new Set([
  'downloadTaskWithURL:', 'downloadTaskWithRequest:', 'uploadTaskWithRequest:fromFile:', 'uploadTaskWithRequest:fromData:',
  'uploadTaskWithStreamedRequest:', 'dataTaskWithURL:', 'dataTaskWithRequest:',
]);

/** Delegate callbacks that run when a background task finishes (Swift labels / Objective-C selectors). */
export const SWIFT_COMPLETION_CALLBACKS = new Set([
  'urlSession(_:downloadTask:didFinishDownloadingTo:)',
  'urlSession(_:task:didCompleteWithError:)',
  'urlSessionDidFinishEvents(forBackgroundURLSession:)',
]);
export const OBJC_COMPLETION_CALLBACKS = new Set([
  'URLSession:downloadTask:didFinishDownloadingToURL:',
  'URLSession:task:didCompleteWithError:',
  'URLSessionDidFinishEventsForBackgroundURLSession:',
]);

/** Byte-order conversions: a port inside one of these is already handled. */
export const BYTE_ORDER_CALL = /^(htons|ntohs|htonl|ntohl|OSSwap\w*|CFSwap\w*|NSSwap\w*|_OSSwapInt16|__builtin_bswap16|bswap_16)$/;
export const SOCKADDR_PORT_FIELDS = new Set(['sin_port', 'sin6_port']);
