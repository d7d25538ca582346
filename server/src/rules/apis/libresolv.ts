// libresolv (BIND 9 resolver, <resolv.h>) names shared by the res9- rules.

/** The Swift spelling of the resolver state: both a struct type and, since the Xcode 16.3 SDKs, a function. */
export const RES9_STATE = '__res_9_state';

/** The pointer typedef (`typedef struct __res_9_state *res_9_state`). */
export const RES9_STATE_POINTER = 'res_9_state';

/**
 * libresolv calls that start or run a lookup (or read the resolver's server list). Cleanup calls
 * (`res_9_nclose`, `res_9_ndestroy`, `res_9_close`) are left out: they always follow one of these.
 * Wire-format parsers (`dn_expand`, `ns_initparse`, `ns_parserr`) are left out too: they also decode
 * the rdata that DNSServiceQueryRecord returns, which is the recommended replacement.
 */
const RES_BASE_NAMES = [
  'init', 'query', 'search', 'querydomain', 'send', 'mkquery', 'sendsigned',
  'ninit', 'nquery', 'nsearch', 'nquerydomain', 'nsend', 'nmkquery', 'nsendsigned',
  'getservers', 'setservers',
];

/** `res_9_query` etc.: the real symbols; the only spelling Swift imports. */
export const RES9_FUNCTIONS: ReadonlySet<string> = new Set(RES_BASE_NAMES.map((n) => `res_9_${n}`));

/** `res_query` etc.: `<resolv.h>` macros that rename to the `res_9_` symbols (C and Objective-C only). */
export const RES_MACROS: ReadonlySet<string> = new Set(RES_BASE_NAMES.map((n) => `res_${n}`));

/** libresolv functions whose first parameter is a `res_9_state` pointer, including cleanup. */
export const RES9_STATE_FUNCTIONS: ReadonlySet<string> = new Set([
  'ninit', 'nquery', 'nsearch', 'nquerydomain', 'nsend', 'nmkquery', 'nsendsigned', 'nopt', 'nisourserver',
  'nclose', 'ndestroy', 'getservers', 'setservers',
].map((n) => `res_9_${n}`));
