// iface-legacy-ifi-type: interfaces classified by their legacy BSD type (ifi_type / sdl_type compared with IFT_* constants).
import type { Node } from 'web-tree-sitter';
import { defineRule } from './rule';
import { flattenSwiftBinary, swiftBinaryRoot, inactiveRegionTest } from './syntax/iface-syntax';
import { swiftCall } from './syntax/swift';
import { closestAncestor } from './syntax/tree';

const IFT_CONSTANT = /^IFT_[A-Z0-9_]+$/;
const EQUALITY = new Set(['==', '!=']);
/** Swift integer conversions wrapped around the constant (`UInt8(IFT_ETHER)`). */
const SWIFT_CONVERSIONS = new Set(['Int', 'UInt', 'Int8', 'UInt8', 'Int16', 'UInt16', 'Int32', 'UInt32', 'Int64', 'UInt64', 'CInt', 'CUnsignedChar']);

/** Reading a link-layer (MAC) address after checking its format is not classifying the interface. */
const MAC_ADDRESS_WORK = /LLADDR|ether_ntoa|ether_addr|sdl_data|sdl_alen/;

function readsMacAddress(identifier: Node): boolean {
  const statement = closestAncestor(identifier, (n) => n.type === 'if_statement' || n.type === 'guard_statement',
    (n) => n.type.endsWith('declaration') || n.type === 'function_definition' || n.type === 'method_definition');
  return !!statement && MAC_ADDRESS_WORK.test(statement.text);
}

function swiftClimb(node: Node): Node {
  let current = node;
  for (let i = 0; i < 6; i++) {
    const parent = current.parent;
    if (parent?.type === 'tuple_expression' && parent.namedChildCount === 1) {
      current = parent;
      continue;
    }
    const call = parent?.type === 'value_argument' ? parent.parent?.parent?.parent : undefined;
    const parsed = call?.type === 'call_expression' ? swiftCall(call) : undefined;
    if (call && parsed && !parsed.receiver && SWIFT_CONVERSIONS.has(parsed.name) && parsed.arguments.length === 1) {
      current = call;
      continue;
    }
    break;
  }
  return current;
}

function swiftClassifies(identifier: Node): boolean {
  const use = swiftClimb(identifier);
  if (use.parent?.type === 'pattern' && use.parent.parent?.type === 'switch_pattern') return true;
  const root = swiftBinaryRoot(use);
  if (!root) return false;
  const { operands, operators } = flattenSwiftBinary(root);
  const index = operands.findIndex((o) => o.id === use.id);
  return (index > 0 && EQUALITY.has(operators[index - 1])) || (index >= 0 && EQUALITY.has(operators[index]));
}

function cClassifies(identifier: Node): boolean {
  let use = identifier;
  while (use.parent && (use.parent.type === 'parenthesized_expression' || use.parent.type === 'cast_expression')) use = use.parent;
  const parent = use.parent;
  if (parent?.type === 'case_statement' && parent.childForFieldName('value')?.id === use.id) return true;
  return parent?.type === 'binary_expression' && EQUALITY.has(parent.childForFieldName('operator')?.text ?? '');
}

export default defineRule({
  id: 'iface-legacy-ifi-type',
  title: 'Interface classified by its legacy type (ifi_type / IFT_*): use the functional type',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'off',
  confidence: 'low',
  article: 'iface-legacy-ifi-type',
  sources: [
    'Apple Developer Forums: Network Interface APIs (DTS): the legacy type is rarely useful because many interfaces look like Ethernet (IFT_ETHER); prefer the functional type',
    'https://developer.apple.com/documentation/network/nwinterface/type',
    'https://developer.apple.com/documentation/technotes/tn3158-resolving-xcode-15-device-connection-issues',
  ],
  messages: {
    legacyType: 'The legacy interface type says little (Wi-Fi, Ethernet, tethering and many virtual interfaces all report IFT_ETHER): use the functional type instead, NWInterface.type in Network framework or the SIOCGIFFUNCTIONALTYPE ioctl (IFRTYPE_FUNCTIONAL_*) in C.',
  },
  knownLimitations: [
    'Only comparisons (== / !=) and switch cases with an IFT_* constant are flagged, whatever value they are compared with (ifi_type, sockaddr_dl.sdl_type, or a helper\'s result); reading ifi_type for display or logging is not.',
    'Off by default: some tools (network statistics, diagnostics) legitimately need the legacy type. Checks in an `if` that goes on to read a link-layer (MAC) address (LLADDR, ether_ntoa, sdl_data, sdl_alen) are about the address format and are not flagged.',
  ],
  triggers: ['IFT_*'],
  create(context) {
    const inactive = inactiveRegionTest(context.text, context.grammar);
    const swift = context.grammar === 'swift';
    const visit = (node: Node) => {
      if (!IFT_CONSTANT.test(node.text)) return;
      if (!(swift ? swiftClassifies(node) : cClassifies(node)) || readsMacAddress(node)) return;
      if (!inactive(node)) context.report({ node });
    };
    return swift ? { simple_identifier: visit } : { identifier: visit };
  },
  examples: {
    swift: {
      invalid: [
        'if data.pointee.ifi_type == UInt8(⟦IFT_ETHER⟧) {\n    wiredInterfaces.append(name)\n}',
        'switch Int32(legacyType(ofInterfaceNamed: name) ?? 0) {\ncase ⟦IFT_CELLULAR⟧: kind = .cellular\ncase ⟦IFT_ETHER⟧: kind = .wifiOrEthernet\ndefault: kind = .other\n}',
        'let isBridge = info.ifi_type != UInt8(⟦IFT_BRIDGE⟧) && isUp',
      ],
      valid: [
        'let type = data.pointee.ifi_type\nlogger.debug("ifi_type \\(type) (compare with IFT_ETHER)")',
        'let wired = path.availableInterfaces.filter { $0.type == .wiredEthernet }\n// if type == IFT_ETHER { … }',
        'let names: [Int32: String] = [IFT_ETHER: "ether", IFT_LOOP: "loopback"]\nlabel.text = names[Int32(type)]',
      ],
    },
    objc: {
      invalid: [
        'struct if_data *data = (struct if_data *)ifa->ifa_data;\nif (data->ifi_type == ⟦IFT_ETHER⟧) { [wired addObject:name]; }',
        'struct sockaddr_dl *sdl = (struct sockaddr_dl *)ifa->ifa_addr;\nBOOL cellular = (sdl->sdl_type == ⟦IFT_CELLULAR⟧);',
        'switch (data->ifi_type) {\ncase ⟦IFT_IEEE80211⟧: return @"Wi-Fi";\ncase ⟦IFT_ETHER⟧: return @"Ethernet";\ndefault: return @"Other";\n}',
      ],
      valid: [
        'NSLog(@"type %u (IFT_ETHER is 6)", data->ifi_type);',
        'if (ifr.ifr_ifru.ifru_functional_type == IFRTYPE_FUNCTIONAL_WIFI_INFRA) { [wifi addObject:name]; }',
        '#if 0\nif (data->ifi_type == IFT_ETHER) {}\n#endif\nstatic const char *names[] = { [IFT_ETHER] = "ether" };',
        'struct sockaddr_dl *sdl = (struct sockaddr_dl *)ifa->ifa_addr;\nif (sdl->sdl_type == IFT_ETHER && sdl->sdl_alen == 6) {\n    memcpy(mac, LLADDR(sdl), 6);\n}',
      ],
    },
    c: {
      invalid: [
        'static int is_wired(const struct if_data *data) {\n    return data->ifi_type == ⟦IFT_ETHER⟧;\n}',
        'if (((struct if_data *)ifa->ifa_data)->ifi_type != ⟦IFT_LOOP⟧) { count++; }',
        'switch (sdl->sdl_type) {\ncase ⟦IFT_PPP⟧: return 1;\ndefault: return 0;\n}',
      ],
      valid: [
        'printf("ifi_type=%u\\n", data->ifi_type);',
        'uint32_t t = functional_type(name);\nif (t == IFRTYPE_FUNCTIONAL_CELLULAR) { cellular = 1; }',
        '/* data->ifi_type == IFT_ETHER */\n#define MY_TYPE IFT_ETHER\nputs("IFT_ETHER");',
      ],
    },
  },
});
