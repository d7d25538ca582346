// c-sockaddr-port-byte-order: sin_port / sin6_port written or read as a host-order number (no htons / ntohs / .bigEndian).
import type { Node } from 'web-tree-sitter';
import { BYTE_ORDER_CALL, SOCKADDR_PORT_FIELDS } from './apis/interfaces';
import { defineRule, type Suggestion } from './rule';
import { resolveCName } from './syntax/c-bindings';
import { C_FUNCTION_TYPES, cCall, objcMessage } from './syntax/c-family';
import { COMPARISON_OPERATORS, flattenSwiftBinary, stripWrappers, swiftBinaryRoot, inactiveRegionTest } from './syntax/iface-syntax';
import { SWIFT_FUNCTION_TYPES, swiftCall, swiftMember } from './syntax/swift';
import { resolveSwiftName, swiftTypeName } from './syntax/swift-bindings';
import { closestAncestor, descendants } from './syntax/tree';

/** Functions whose variadic arguments are formatted as numbers. */
const C_FORMAT_CALLS = new Set([
  'printf', 'fprintf', 'dprintf', 'sprintf', 'snprintf', 'asprintf', 'syslog', 'NSLog', 'os_log', 'os_log_info', 'os_log_debug',
  'os_log_error', 'os_log_fault', 'warn', 'warnx', 'err', 'errx', 'CFStringCreateWithFormat',
]);
const SWIFT_PRINT_CALLS = new Set(['print', 'debugPrint', 'NSLog', 'os_log']);
/** Swift integer conversions that keep the bytes as they are (`Int(addr.sin_port)`). */
const SWIFT_INTEGER_TYPES = new Set(['Int', 'UInt', 'Int16', 'UInt16', 'Int32', 'UInt32', 'Int64', 'UInt64', 'in_port_t', 'CInt', 'CUnsignedShort']);
/** C declarations of host-order integers (not `in_port_t`, which both orders use). */
const C_INTEGER_TYPES = /^(int|unsigned|unsigned int|short|unsigned short|long|unsigned long|uint16_t|int16_t|uint32_t|int32_t|u_short|u_int16_t|UInt16|SInt16|NSInteger|NSUInteger|size_t)$/;
const C_STRING_TO_NUMBER = new Set(['atoi', 'atol', 'atoll', 'strtol', 'strtoul', 'strtoll', 'strtoull', 'strtonum']);
const OBJC_NUMBER_GETTERS = new Set(['intValue', 'integerValue', 'unsignedIntValue', 'unsignedIntegerValue', 'unsignedShortValue', 'shortValue']);
const SWIFT_SWAPPED = /bigEndian|byteSwapped|htons|ntohs|CFSwap|NSSwap|OSSwap/;

/** `name = …`, `name += …` or `name++` somewhere in the function. */
function reassigned(fn: Node, name: string, swift: boolean): boolean {
  for (const n of descendants(fn)) {
    if (swift && n.type === 'assignment' && n.childForFieldName('target')?.text === name) return true;
    if (!swift && n.type === 'assignment_expression' && n.childForFieldName('left')?.text === name) return true;
    if (!swift && n.type === 'update_expression' && n.childForFieldName('argument')?.text === name) return true;
  }
  return false;
}

const isNonZeroDecimal = (node: Node) => /^[1-9][0-9_]*[uUlL]*$/.test(node.text);

// ── C and Objective-C ────────────────────────────────────────────────────────────────────────────

/** Climbs out of parentheses and casts around `node`. */
function cClimb(node: Node): Node {
  let current = node;
  while (current.parent && (current.parent.type === 'parenthesized_expression' || current.parent.type === 'cast_expression')) current = current.parent;
  return current;
}

function cTypeText(binding: ReturnType<typeof resolveCName>): string {
  return binding?.type?.text.replace(/\s+/g, ' ').trim() ?? '';
}

/** A value that is certainly a host-order port number. */
function cHostOrder(value: Node): boolean {
  const node = stripWrappers(value);
  if (node.type === 'number_literal') return isNonZeroDecimal(node);
  if (node.type === 'call_expression') {
    const name = cCall(node)?.name;
    return name !== undefined && C_STRING_TO_NUMBER.has(name);
  }
  if (node.type === 'message_expression') return OBJC_NUMBER_GETTERS.has(objcMessage(node)?.selector ?? '');
  if (node.type === 'identifier') {
    const binding = resolveCName(node);
    if (!binding || binding.pointers !== 0 || (binding.kind !== 'variable' && binding.kind !== 'parameter' && binding.kind !== 'methodParameter')) return false;
    if (!C_INTEGER_TYPES.test(cTypeText(binding))) return false;
    // Globals and variables assigned again may hold a converted value by now.
    const fn = closestAncestor(node, (n) => C_FUNCTION_TYPES.has(n.type));
    if (!fn || closestAncestor(binding.node, (n) => C_FUNCTION_TYPES.has(n.type))?.id !== fn.id || reassigned(fn, node.text, false)) return false;
    return !binding.value || !/hton|ntoh|Swap|sin6?_port|s_port/.test(binding.value.text);
  }
  return false;
}

function insideByteOrderCall(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'call_expression') {
      const name = cCall(current)?.name;
      if (name && BYTE_ORDER_CALL.test(name)) return true;
    }
    if (current.type.endsWith('statement') || current.type === 'declaration') return false;
  }
  return false;
}

type Kind = 'write' | 'read';

function cCheckField(field: Node): Kind | undefined {
  if (insideByteOrderCall(field)) return undefined;
  const use = cClimb(field);
  const parent = use.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case 'assignment_expression':
      if (parent.childForFieldName('left')?.id === use.id) {
        const right = parent.childForFieldName('right');
        return parent.childForFieldName('operator')?.text === '=' && right && cHostOrder(right) ? 'write' : undefined;
      }
      return undefined;
    case 'argument_list': {
      const call = parent.parent ? cCall(parent.parent) : undefined;
      return call && C_FORMAT_CALLS.has(call.name) && call.arguments[0]?.id !== use.id ? 'read' : undefined;
    }
    case 'message_expression': {
      const message = objcMessage(parent);
      return message && /Format:$/.test(message.selector) && message.keywords[0].argument?.id !== use.id && message.receiver?.id !== use.id ? 'read' : undefined;
    }
    case 'at_expression':
      return 'read';
    case 'binary_expression': {
      if (!COMPARISON_OPERATORS.has(parent.childForFieldName('operator')?.text ?? '')) return undefined;
      const other = parent.childForFieldName('left')?.id === use.id ? parent.childForFieldName('right') : parent.childForFieldName('left');
      return other && stripWrappers(other).type === 'number_literal' && isNonZeroDecimal(stripWrappers(other)) ? 'read' : undefined;
    }
    case 'init_declarator': {
      if (parent.childForFieldName('value')?.id !== use.id || use.id !== field.id) return undefined;
      const declaration = parent.parent;
      const type = declaration?.childForFieldName('type')?.text.replace(/\s+/g, ' ') ?? '';
      const name = parent.childForFieldName('declarator');
      return C_INTEGER_TYPES.test(type) && name?.type === 'identifier' && /port/i.test(name.text) ? 'read' : undefined;
    }
    default:
      return undefined;
  }
}

// ── Swift ────────────────────────────────────────────────────────────────────────────────────────

function swiftClimb(node: Node): Node {
  let current = node;
  while (current.parent && ((current.parent.type === 'tuple_expression' && current.parent.namedChildCount === 1)
    || (current.parent.type === 'postfix_expression' && current.parent.childForFieldName('operation')?.type === 'bang'))) current = current.parent;
  return current;
}

function swiftHostOrder(value: Node): boolean {
  const node = stripWrappers(value);
  if (node.type === 'integer_literal') return isNonZeroDecimal(node);
  if (SWIFT_SWAPPED.test(node.text)) return false;
  if (node.type === 'call_expression') {
    const call = swiftCall(node);
    return !!call && !call.receiver && SWIFT_INTEGER_TYPES.has(call.name) && call.arguments.length === 1 && call.arguments[0].label === undefined;
  }
  if (node.type === 'navigation_expression') return swiftMember(node)?.name === 'rawValue';
  if (node.type === 'simple_identifier') {
    const binding = resolveSwiftName(node);
    if (!binding || !['parameter', 'variable'].includes(binding.kind)) return false;
    const fn = closestAncestor(node, (n) => SWIFT_FUNCTION_TYPES.has(n.type));
    if (!fn || reassigned(fn, node.text, true)) return false;
    const type = swiftTypeName(binding.type);
    if (binding.value) return !SWIFT_SWAPPED.test(binding.value.text) && (type ? SWIFT_INTEGER_TYPES.has(type) && type !== 'in_port_t' : stripWrappers(binding.value).type === 'integer_literal' && isNonZeroDecimal(stripWrappers(binding.value)));
    return !!type && SWIFT_INTEGER_TYPES.has(type) && type !== 'in_port_t';
  }
  return false;
}

function swiftCheckField(field: Node): Kind | undefined {
  const use = swiftClimb(field);
  const parent = use.parent;
  if (!parent) return undefined;
  // `addr.sin_port.bigEndian`, `addr.sin_port.byteSwapped`
  if (parent.type === 'navigation_expression') return undefined;
  if (parent.type === 'directly_assignable_expression') {
    const assignment = parent.parent;
    const result = assignment?.type === 'assignment' ? assignment.childForFieldName('result') : null;
    return assignment?.childForFieldName('operator')?.text === '=' && result && swiftHostOrder(result) ? 'write' : undefined;
  }
  if (parent.type === 'interpolated_expression') return 'read';
  if (parent.type === 'value_argument' && parent.childForFieldName('value')?.id === use.id) {
    const callNode = parent.parent?.parent?.parent;
    const call = callNode?.type === 'call_expression' ? swiftCall(callNode) : undefined;
    if (!call || call.receiver) return undefined;
    if (SWIFT_PRINT_CALLS.has(call.name)) return 'read';
    return SWIFT_INTEGER_TYPES.has(call.name) && call.arguments.length === 1 && parent.childForFieldName('name') === null ? 'read' : undefined;
  }
  const root = swiftBinaryRoot(use);
  if (root) {
    const { operands, operators } = flattenSwiftBinary(root);
    const index = operands.findIndex((o) => o.id === use.id);
    const neighbours = [
      index > 0 && COMPARISON_OPERATORS.has(operators[index - 1]) ? operands[index - 1] : undefined,
      index >= 0 && COMPARISON_OPERATORS.has(operators[index]) ? operands[index + 1] : undefined,
    ];
    return neighbours.some((n) => n && n.type === 'integer_literal' && isNonZeroDecimal(n)) ? 'read' : undefined;
  }
  return undefined;
}

/** `sockaddr_in(…, sin_port: 8080, …)` */
function swiftInitializerPort(argument: Node): Node | undefined {
  const label = argument.childForFieldName('name')?.text;
  const value = argument.childForFieldName('value');
  if (!label || !SOCKADDR_PORT_FIELDS.has(label) || !value) return undefined;
  const callNode = argument.parent?.parent?.parent;
  const call = callNode?.type === 'call_expression' ? swiftCall(callNode) : undefined;
  return call && /^sockaddr_in6?$/.test(call.name) && swiftHostOrder(value) ? value : undefined;
}

function wrap(node: Node, before: string, after: string): Suggestion['edits'] {
  return [{ startIndex: node.startIndex, endIndex: node.startIndex, text: before }, { startIndex: node.endIndex, endIndex: node.endIndex, text: after }];
}

/** `8080` → `in_port_t(8080).bigEndian`, `UInt16(port)` → `UInt16(port).bigEndian`, `port` (UInt16) → `port.bigEndian`. */
function swiftWriteFix(value: Node): Suggestion {
  const node = stripWrappers(value);
  const call = node.type === 'call_expression' ? swiftCall(node) : undefined;
  const keepsType = (call && (call.name === 'UInt16' || call.name === 'in_port_t'))
    || (node.type === 'navigation_expression' && swiftMember(node)?.name === 'rawValue')
    || (node.type === 'simple_identifier' && ['UInt16', 'in_port_t'].includes(swiftTypeName(resolveSwiftName(node)?.type) ?? ''));
  return {
    title: 'Store the port in network byte order (.bigEndian)',
    edits: keepsType ? [{ startIndex: value.endIndex, endIndex: value.endIndex, text: '.bigEndian' }] : wrap(value, 'in_port_t(', ').bigEndian'),
  };
}

export default defineRule({
  id: 'c-sockaddr-port-byte-order',
  title: 'sin_port / sin6_port used without a byte-order conversion (htons / ntohs / .bigEndian)',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'off',
  confidence: 'medium',
  article: 'c-sockaddr-port-byte-order',
  sources: [
    'Apple Developer Forums: sendto() succeeds on a down interface (user report; its sample prints port 12345 as 14640 because it skips ntohs)',
    'byteorder(3) man page (htons, ntohs)',
    'https://developer.apple.com/documentation/swift/int/bigendian',
    'https://developer.apple.com/documentation/swift/int/init(bigendian:)',
    'https://developer.apple.com/documentation/network/nwendpoint/port',
  ],
  messages: {
    writeC: 'sin_port / sin6_port hold the port in network byte order: store htons(port), or let getaddrinfo or Network framework build the address for you.',
    readC: 'sin_port / sin6_port hold the port in network byte order: convert it with ntohs() before printing, comparing or keeping it as a number.',
    writeSwift: 'sin_port / sin6_port hold the port in network byte order: store in_port_t(port).bigEndian, or use NWEndpoint.Port with Network framework instead of a raw sockaddr.',
    readSwift: 'sin_port / sin6_port hold the port in network byte order: read it as UInt16(bigEndian: …) before printing, comparing or converting it.',
  },
  knownLimitations: [
    'Writes are flagged only when the value is provably host order: a non-zero decimal literal, atoi-style parsing, `intValue`-style getters, a Swift integer conversion, NWEndpoint.Port.rawValue, or a local / parameter of the same function declared as a plain integer (not in_port_t), not initialised from htons / .bigEndian and never assigned again. Globals and properties are not followed.',
    'Reads are flagged when the field is formatted (printf / NSLog / os_log / stringWithFormat: / @(…) / Swift print and interpolation), compared with a non-zero literal, converted with Int(…)-style initialisers, or stored in an integer variable whose name mentions "port".',
    'Ports written in hexadecimal are assumed to be deliberately byte-swapped and left alone.',
  ],
  triggers: ['sin_port', 'sin6_port'],
  create(context) {
    const inactive = inactiveRegionTest(context.text, context.grammar);
    const swift = context.grammar === 'swift';
    const report = (node: Node, messageId: string, suggestion: Suggestion) => {
      if (!inactive(node)) context.report({ node, messageId, suggestions: [suggestion] });
    };
    return {
      field_expression(node) {
        const field = node.childForFieldName('field');
        if (!field || !SOCKADDR_PORT_FIELDS.has(field.text)) return;
        const kind = cCheckField(node);
        if (kind === 'read') {
          report(node, 'readC', { title: 'Convert with ntohs()', edits: wrap(node, 'ntohs(', ')') });
        } else if (kind === 'write') {
          const value = cClimb(node).parent?.childForFieldName('right');
          if (value) report(value, 'writeC', { title: 'Convert with htons()', edits: wrap(value, 'htons(', ')') });
        }
      },
      initializer_pair(node) {
        const designator = node.childForFieldName('designator');
        const value = node.childForFieldName('value');
        const name = designator?.namedChildren.find((c) => c?.type === 'field_identifier')?.text;
        if (name && SOCKADDR_PORT_FIELDS.has(name) && value && cHostOrder(value)) {
          report(value, 'writeC', { title: 'Convert with htons()', edits: wrap(value, 'htons(', ')') });
        }
      },
      navigation_expression(node) {
        const member = swiftMember(node);
        if (!member || !SOCKADDR_PORT_FIELDS.has(member.name) || !member.target) return;
        const kind = swiftCheckField(node);
        if (kind === 'read') {
          report(node, 'readSwift', { title: 'Read with UInt16(bigEndian:)', edits: wrap(node, 'UInt16(bigEndian: ', ')') });
        } else if (kind === 'write') {
          const value = swiftClimb(node).parent?.parent?.childForFieldName('result');
          if (value) report(value, 'writeSwift', swiftWriteFix(value));
        }
      },
      value_argument(node) {
        if (!swift) return;
        const value = swiftInitializerPort(node);
        if (value) report(value, 'writeSwift', swiftWriteFix(value));
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'var address = sockaddr_in()\naddress.sin_family = sa_family_t(AF_INET)\naddress.sin_port = ⟦8080⟧',
          messages: ['writeSwift'],
          output: 'var address = sockaddr_in()\naddress.sin_family = sa_family_t(AF_INET)\naddress.sin_port = in_port_t(8080).bigEndian',
        },
        {
          code: 'func bind(to port: UInt16) {\n    var sin = sockaddr_in(sin_len: UInt8(MemoryLayout<sockaddr_in>.size), sin_family: sa_family_t(AF_INET), sin_port: ⟦port⟧, sin_addr: in_addr(s_addr: INADDR_ANY), sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))\n    _ = sin\n}',
          messages: ['writeSwift'],
          output: 'func bind(to port: UInt16) {\n    var sin = sockaddr_in(sin_len: UInt8(MemoryLayout<sockaddr_in>.size), sin_family: sa_family_t(AF_INET), sin_port: port.bigEndian, sin_addr: in_addr(s_addr: INADDR_ANY), sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))\n    _ = sin\n}',
        },
        {
          code: 'print("listening on \\(⟦sin.sin_port⟧)")\nlet remotePort = Int(⟦peer.sin6_port⟧)',
          messages: ['readSwift', 'readSwift'],
          output: 'print("listening on \\(UInt16(bigEndian: sin.sin_port))")\nlet remotePort = Int(UInt16(bigEndian: peer.sin6_port))',
        },
        {
          code: 'if ⟦addr.sin_port⟧ == 53 { handleDNS() }\naddr.sin_port = ⟦UInt16(settings.port)⟧',
          messages: ['readSwift', 'writeSwift'],
          output: 'if UInt16(bigEndian: addr.sin_port) == 53 { handleDNS() }\naddr.sin_port = UInt16(settings.port).bigEndian',
        },
      ],
      valid: [
        {
          code: 'address.sin_port = in_port_t(8080).bigEndian\naddress.sin_port = UInt16(port).bigEndian\naddress.sin_port = 0',
          note: 'converted, or zero',
        },
        {
          code: 'print("port \\(UInt16(bigEndian: sin.sin_port))")\nlet p = Int(sin.sin_port.bigEndian)\nif sin.sin_port == htons(53) { }',
          note: 'converted reads',
        },
        {
          code: '// addr.sin_port = 8080 is wrong; see byteorder(3)\nlet copy = other.sin_port\nlog("sin_port must be big-endian")\nserver.sin_port = peer.sin_port',
          note: 'comment, string, copies between sockaddrs',
        },
        {
          code: 'func configure(port: in_port_t) {\n    address.sin_port = port\n}',
          note: 'in_port_t could already be in network order',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: 'struct sockaddr_in addr = {0};\naddr.sin_family = AF_INET;\naddr.sin_port = ⟦8080⟧;',
          messages: ['writeC'],
          output: 'struct sockaddr_in addr = {0};\naddr.sin_family = AF_INET;\naddr.sin_port = htons(8080);',
        },
        {
          code: 'NSLog(@"connected to port %d", ⟦remote.sin_port⟧);\nself.portLabel.text = [NSString stringWithFormat:@"%hu", ⟦remote.sin_port⟧];',
          messages: ['readC', 'readC'],
          output: 'NSLog(@"connected to port %d", ntohs(remote.sin_port));\nself.portLabel.text = [NSString stringWithFormat:@"%hu", ntohs(remote.sin_port)];',
        },
        {
          code: '@implementation Server\n- (void)listenOn:(NSString *)portText {\n    struct sockaddr_in6 sin6 = {0};\n    sin6.sin6_port = ⟦[portText intValue]⟧;\n}\n@end',
          messages: ['writeC'],
          output: '@implementation Server\n- (void)listenOn:(NSString *)portText {\n    struct sockaddr_in6 sin6 = {0};\n    sin6.sin6_port = htons([portText intValue]);\n}\n@end',
        },
        {
          code: 'NSNumber *port = @(⟦peer->sin_port⟧);',
          messages: ['readC'],
          output: 'NSNumber *port = @(ntohs(peer->sin_port));',
        },
      ],
      valid: [
        {
          code: 'addr.sin_port = htons(8080);\nNSLog(@"port %d", ntohs(addr.sin_port));\naddr.sin_port = 0;',
          note: 'converted, or zero',
        },
        {
          code: 'addr.sin_port = other.sin_port;\naddr.sin_port = service->s_port;\n// addr.sin_port = 8080;',
          note: 'copies and a comment',
        },
        {
          code: 'NSLog(@"use htons for sin_port");\nif (addr.sin_port == htons(443)) { [self useTLS]; }\naddr.sin_port = 0x901F;',
          note: 'string, converted comparison, deliberate hex',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: 'void print_addr(const char *prefix, struct sockaddr_in6 sa6) {\n    char text[INET6_ADDRSTRLEN];\n    printf("%s%s:%d\\n", prefix, inet_ntop(AF_INET6, &sa6.sin6_addr, text, sizeof text), ⟦sa6.sin6_port⟧);\n}',
          messages: ['readC'],
          output: 'void print_addr(const char *prefix, struct sockaddr_in6 sa6) {\n    char text[INET6_ADDRSTRLEN];\n    printf("%s%s:%d\\n", prefix, inet_ntop(AF_INET6, &sa6.sin6_addr, text, sizeof text), ntohs(sa6.sin6_port));\n}',
          note: 'prints 12345 as 14640',
        },
        {
          code: 'int open_server(int port) {\n    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = ⟦port⟧ };\n    return bind_to(&addr);\n}',
          messages: ['writeC'],
          output: 'int open_server(int port) {\n    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(port) };\n    return bind_to(&addr);\n}',
        },
        {
          code: 'void set_port(struct sockaddr_in *sin, const char *arg) {\n    sin->sin_port = ⟦atoi(arg)⟧;\n}',
          messages: ['writeC'],
          output: 'void set_port(struct sockaddr_in *sin, const char *arg) {\n    sin->sin_port = htons(atoi(arg));\n}',
        },
        {
          code: 'int is_dns(const struct sockaddr_in *sin) {\n    uint16_t port = ⟦sin->sin_port⟧;\n    return ⟦sin->sin_port⟧ == 53 || port == 5353;\n}',
          messages: ['readC', 'readC'],
          output: 'int is_dns(const struct sockaddr_in *sin) {\n    uint16_t port = ntohs(sin->sin_port);\n    return ntohs(sin->sin_port) == 53 || port == 5353;\n}',
        },
      ],
      valid: [
        {
          code: 'void set_port(struct sockaddr_in *sin, int port) {\n    sin->sin_port = htons(port);\n    printf("%d\\n", ntohs(sin->sin_port));\n}',
          note: 'converted',
        },
        {
          code: 'void copy_port(struct sockaddr_in *to, const struct sockaddr_in *from, in_port_t net_port) {\n    to->sin_port = from->sin_port;\n    to->sin_port = net_port;\n    if (to->sin_port == 0) { to->sin_port = htons(8080); }\n}',
          note: 'copies, in_port_t values, zero',
        },
        {
          code: '/* sin.sin_port = 8080; */\nputs("sin_port is big-endian");\nstruct sockaddr_in any = { .sin_family = AF_INET, .sin_port = 0 };',
          note: 'comment, string, zero',
        },
        {
          code: 'static unsigned short listen_port = 0;\n\nvoid parse_options(const char *arg) { listen_port = htons(atoi(arg)); }\n\nvoid start(void) {\n    struct sockaddr_in sin;\n    int port = 0;\n    if (listen_port == 0) { port = htons(25); } else { port = listen_port; }\n    sin.sin_port = listen_port;\n    sin.sin_port = port;\n}',
          note: 'a global converted elsewhere; a local assigned converted values',
        },
      ],
    },
  },
});
