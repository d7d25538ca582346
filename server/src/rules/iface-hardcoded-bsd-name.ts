// iface-hardcoded-bsd-name: interface names such as "en0", "pdp_ip0" or "utun" compared to decide what kind of interface it is.
import type { Node } from 'web-tree-sitter';
import {
  AMBIGUOUS_PREFIX, BSD_NAME, BSD_NAME_PREFIX, C_PREFIX_COMPARE, C_STRING_COMPARE, OBJC_PREFIX_COMPARE, OBJC_STRING_COMPARE,
  STRONG_NAME_IDENTIFIER, SWIFT_PREFIX_COMPARE, WEAK_NAME_IDENTIFIER,
} from './apis/interfaces';
import { defineRule } from './rule';
import { resolveCName } from './syntax/c-bindings';
import { cCall, objcMessage } from './syntax/c-family';
import { flattenSwiftBinary, stringLiteralValue, stripWrappers, swiftBinaryRoot, inactiveRegionTest } from './syntax/iface-syntax';
import { swiftCall, swiftMember } from './syntax/swift';
import { resolveSwiftName } from './syntax/swift-bindings';

/** How sure we are that an expression holds an interface name: 0 no, 1 something called `name`, 2 beyond doubt. */
type Evidence = 0 | 1 | 2;

const STRONG_TEXT = /ifa_name|ifr_name|BSDName|bsdName/;
const EQUALITY = new Set(['==', '!=']);

interface LiteralKind {
  /** `en0`: a whole interface name. */
  full: boolean;
  /** `en`, `pdp_ip`, `utun1`: usable as a prefix. */
  prefix: boolean;
  /** `en`, `ap`: too short to mean an interface without strong evidence. */
  ambiguous: boolean;
}

function classify(value: string | undefined): LiteralKind | undefined {
  if (value === undefined || !BSD_NAME_PREFIX.test(value)) return undefined;
  return { full: BSD_NAME.test(value), prefix: true, ambiguous: AMBIGUOUS_PREFIX.test(value) };
}

/** Evidence needed for a prefix test with this literal. */
const prefixNeeds = (kind: LiteralKind): Evidence => (kind.ambiguous ? 2 : 1);

function nameOfSwiftExpression(node: Node): string | undefined {
  if (node.type === 'simple_identifier') return node.text;
  return swiftMember(node)?.name;
}

function swiftEvidence(expression: Node | undefined): Evidence {
  if (!expression) return 0;
  const node = stripWrappers(expression);
  if (STRONG_TEXT.test(node.text)) return 2;
  const name = nameOfSwiftExpression(node);
  if (!name) return 0;
  if (STRONG_NAME_IDENTIFIER.test(name)) return 2;
  if (node.type === 'simple_identifier') {
    const value = resolveSwiftName(node)?.value;
    if (value && STRONG_TEXT.test(value.text)) return 2;
  }
  return WEAK_NAME_IDENTIFIER.test(name) ? 1 : 0;
}

function nameOfCExpression(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'field_expression') return node.childForFieldName('field')?.text;
  const message = objcMessage(node);
  return message && !message.selector.includes(':') ? message.selector : undefined;
}

function cEvidence(expression: Node | undefined): Evidence {
  if (!expression) return 0;
  const node = stripWrappers(expression);
  if (STRONG_TEXT.test(node.text)) return 2;
  const name = nameOfCExpression(node);
  if (!name) return 0;
  if (STRONG_NAME_IDENTIFIER.test(name)) return 2;
  if (node.type === 'identifier') {
    const value = resolveCName(node)?.value;
    if (value && STRONG_TEXT.test(value.text)) return 2;
  }
  return WEAK_NAME_IDENTIFIER.test(name) ? 1 : 0;
}

/** The call a Swift argument value belongs to (`x` in `f(x)` / `f(label: x)`). */
function swiftCallOfArgument(value: Node): Node | undefined {
  const argument = value.parent;
  if (argument?.type !== 'value_argument' || argument.childForFieldName('value')?.id !== value.id) return undefined;
  const call = argument.parent?.parent?.parent;
  return call?.type === 'call_expression' ? call : undefined;
}

type Finding = 'compare' | 'byName';

function checkSwift(literal: Node, kind: LiteralKind): Finding | undefined {
  // `name == "en0"`, `"pdp_ip0" != name`, inside any && / || chain.
  const root = swiftBinaryRoot(literal);
  if (root && kind.full) {
    const { operands, operators } = flattenSwiftBinary(root);
    const index = operands.findIndex((o) => o.id === literal.id);
    if (index > 0 && EQUALITY.has(operators[index - 1]) && swiftEvidence(operands[index - 1]) >= 1) return 'compare';
    if (index >= 0 && EQUALITY.has(operators[index]) && swiftEvidence(operands[index + 1]) >= 1) return 'compare';
  }
  // `name.hasPrefix("utun")`, `name.starts(with: "pdp_ip")`, `if_nametoindex("en0")`.
  const callNode = swiftCallOfArgument(literal);
  const call = callNode && swiftCall(callNode);
  if (call) {
    if (!call.receiver && call.name === 'if_nametoindex' && kind.full) return 'byName';
    const labelOk = call.name === 'starts' ? call.arguments[0]?.label === 'with' : call.arguments[0]?.label === undefined;
    if (call.receiver && SWIFT_PREFIX_COMPARE.has(call.name) && call.arguments.length === 1 && labelOk) {
      return swiftEvidence(call.receiver) >= (kind.full ? 1 : prefixNeeds(kind)) ? 'compare' : undefined;
    }
  }
  // `["en0", "en1"].contains(name)`
  if (literal.parent?.type === 'array_literal' && kind.full) {
    const navigation = literal.parent.parent;
    const contains = navigation?.type === 'navigation_expression' && navigation.parent ? swiftCall(navigation.parent) : undefined;
    if (contains?.name === 'contains' && contains.receiver?.id === literal.parent.id && contains.arguments.length === 1
      && contains.arguments[0].label === undefined && swiftEvidence(contains.arguments[0].value) >= 1) return 'compare';
  }
  // `switch name { case "en0": … }`
  if (kind.full && literal.parent?.type === 'pattern' && literal.parent.parent?.type === 'switch_pattern') {
    const statement = literal.parent.parent.parent?.parent;
    if (statement?.type === 'switch_statement' && swiftEvidence(statement.childForFieldName('expr') ?? undefined) >= 1) return 'compare';
  }
  return undefined;
}

function checkC(literal: Node, kind: LiteralKind): Finding | undefined {
  const parent = literal.parent;
  // `strcmp(ifa->ifa_name, "en0")`, `strncmp(name, "utun", 4)`, `if_nametoindex("en0")`.
  if (parent?.type === 'argument_list' && parent.parent) {
    const call = cCall(parent.parent);
    if (!call) return undefined;
    if (call.name === 'if_nametoindex' && kind.full) return 'byName';
    if (!C_STRING_COMPARE.has(call.name)) return undefined;
    const index = call.arguments.findIndex((a) => a.id === literal.id);
    if (index !== 0 && index !== 1) return undefined;
    const partner = call.arguments[1 - index];
    const needs: number = kind.full ? 1 : C_PREFIX_COMPARE.has(call.name) ? prefixNeeds(kind) : 3;
    return cEvidence(partner) >= needs ? 'compare' : undefined;
  }
  // `[name isEqualToString:@"en0"]`, `[@"en0" isEqualToString:name]`, `[name hasPrefix:@"pdp_ip"]`.
  if (parent?.type === 'message_expression') {
    const message = objcMessage(parent);
    if (!message || !OBJC_STRING_COMPARE.has(message.selector)) return undefined;
    const argument = message.keywords[0].argument;
    const partner = argument?.id === literal.id ? message.receiver : message.receiver?.id === literal.id ? argument : undefined;
    if (!partner) return undefined;
    const isPrefix = OBJC_PREFIX_COMPARE.has(message.selector) && argument?.id === literal.id;
    const needs: number = kind.full ? 1 : isPrefix ? prefixNeeds(kind) : 3;
    return cEvidence(partner) >= needs ? 'compare' : undefined;
  }
  // `[@[@"en0", @"en1"] containsObject:name]`
  if (parent?.type === 'array_literal' && kind.full && parent.parent?.type === 'message_expression') {
    const message = objcMessage(parent.parent);
    if (message?.selector === 'containsObject:' && message.receiver?.id === parent.id
      && cEvidence(message.keywords[0].argument) >= 1) return 'compare';
  }
  return undefined;
}

export default defineRule({
  id: 'iface-hardcoded-bsd-name',
  title: 'BSD interface names ("en0", "pdp_ip0", "utun") used to tell Wi-Fi, cellular or VPN apart',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'iface-hardcoded-bsd-name',
  sources: [
    'Apple Developer Forums: Network Interface APIs (DTS): "BSD interface names are not considered API"',
    'Apple Developer Forums: Extra-ordinary Networking (DTS), index of the Network Interface Concepts / Techniques series',
    'Apple Developer Forums: multicast fails when a VPN or ipsec interface appears (user report: code searching for "en0")',
    'https://developer.apple.com/documentation/network/nwinterface/type',
    'https://developer.apple.com/documentation/network/nwpath/availableinterfaces',
    'https://developer.apple.com/documentation/network/nwpath/usesinterfacetype(_:)',
  ],
  messages: {
    compare: 'BSD interface names are not API (Wi-Fi is not guaranteed to be en0, nor cellular pdp_ip0): classify interfaces by NWInterface.type from NWPathMonitor / NWPath.availableInterfaces, or by the SIOCGIFFUNCTIONALTYPE ioctl in C.',
    byName: 'Picking an interface by a hard-coded BSD name assumes which hardware it is: choose it by functional type instead (NWInterface.type, then NWParameters.requiredInterface, or SIOCGIFFUNCTIONALTYPE in C).',
  },
  knownLimitations: [
    'Only comparisons visible in one expression are checked: == / != (Swift), hasPrefix / starts(with:) / contains, switch cases, strcmp-family calls, isEqualToString: / hasPrefix: / containsObject:, and if_nametoindex. A name passed to your own helper (`address(ofInterface: "en0")`) or stored in a constant first is not followed.',
    'The compared expression must look like an interface name: it mentions ifa_name / ifr_name / BSDName, is a local initialised from one, or is called `name`, `ifName`, `interfaceName`…; two-letter prefixes (`"en"`, `"ap"`) need the stronger evidence because they are also language codes.',
    'Dictionaries that map BSD names to display labels (`["en0": "Wi-Fi"]`) are not flagged: they do not decide anything by themselves.',
    'Loopback (`lo0`) is stable and never flagged; names of other families (`ppp0`, `gif0`) are not in the list.',
  ],
  triggers: [
    // `en0`…`en31` and `ap0`…`ap9` one by one: `en*` would match every `enum` and `end`.
    'en', 'ap', ...Array.from({ length: 32 }, (_, i) => `en${i}`), ...Array.from({ length: 10 }, (_, i) => `ap${i}`),
    'pdp_ip*', 'awdl*', 'llw*', 'bridge*', 'utun*', 'ipsec*', 'anpi*',
  ],
  create(context) {
    const inactive = inactiveRegionTest(context.text, context.grammar);
    const swift = context.grammar === 'swift';
    const found: { node: Node; messageId: Finding }[] = [];
    const visit = (node: Node) => {
      const kind = classify(stringLiteralValue(node));
      if (!kind) return;
      const finding = swift ? checkSwift(node, kind) : checkC(node, kind);
      if (finding) found.push({ node, messageId: finding });
    };
    return {
      line_string_literal: visit,
      string_literal: visit,
      'file:exit'() {
        for (const { node, messageId } of found) {
          if (!inactive(node)) context.report({ node, messageId });
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'func wifiAddress() -> String? {\n    var list: UnsafeMutablePointer<ifaddrs>?\n    guard getifaddrs(&list) == 0, let first = list else { return nil }\n    defer { freeifaddrs(list) }\n    for entry in sequence(first: first, next: { $0.pointee.ifa_next }) {\n        let name = String(cString: entry.pointee.ifa_name)\n        if name == ⟦"en0"⟧ || name == ⟦"pdp_ip0"⟧ { return describe(entry) }\n    }\n    return nil\n}',
          note: 'the classic "get my IP address" loop',
        },
        {
          code: 'monitor.pathUpdateHandler = { path in\n    if let wifi = path.availableInterfaces.first(where: { $0.name == ⟦"en0"⟧ }) {\n        self.parameters.requiredInterface = wifi\n    }\n}',
          note: 'NWInterface.name compared with en0',
        },
        {
          code: 'func isVPN(_ interfaceName: String) -> Bool {\n    interfaceName.hasPrefix(⟦"utun"⟧) || interfaceName.hasPrefix(⟦"ipsec"⟧)\n}',
          note: 'prefix tests for VPN tunnels',
        },
        {
          code: 'func kind(of name: String) -> Kind {\n    switch name {\n    case ⟦"en0"⟧: return .wifi\n    case ⟦"pdp_ip0"⟧: return .cellular\n    default: return .other\n    }\n}',
          note: 'switch over the name',
        },
        {
          code: 'let cellularNames = [⟦"pdp_ip0"⟧, ⟦"pdp_ip1"⟧].contains(String(cString: ifa.pointee.ifa_name))\nlet index = if_nametoindex(⟦"en0"⟧)',
          messages: ['compare', 'compare', 'byName'],
          note: 'array membership and lookup by name',
        },
      ],
      valid: [
        {
          code: 'logger.debug("falling back to en0 when pdp_ip0 is down")\n// if name == "en0" { … } was replaced by NWInterface.type\nlet loopback = if_nametoindex("lo0")',
          note: 'log string, comment, loopback',
        },
        {
          code: 'monitor.pathUpdateHandler = { path in\n    let wifi = path.availableInterfaces.first { $0.type == .wifi }\n    self.parameters.requiredInterface = wifi\n}',
          note: 'the recommended NWInterface.type check',
        },
        {
          code: 'let displayNames = ["en0": "Wi-Fi", "pdp_ip0": "Cellular"]\nlet languageIsEnglish = locale.identifier.hasPrefix("en")\nlet label = displayNames[name] ?? name',
          note: 'display-name dictionary; language code prefix',
        },
        {
          code: '#if false\nif name == "en0" { useWiFi() }\n#endif\nif product.code == "ap1" { showAccessPointPromo() }',
          note: '#if false, unrelated comparison',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: 'for (struct ifaddrs *ifa = list; ifa != NULL; ifa = ifa->ifa_next) {\n    if ([[NSString stringWithUTF8String:ifa->ifa_name] isEqualToString:⟦@"en0"⟧]) {\n        wifi = ifa;\n    }\n}',
          note: 'the classic getIPAddress loop',
        },
        {
          code: 'NSString *name = [NSString stringWithUTF8String:cursor->ifa_name];\nif ([name hasPrefix:⟦@"pdp_ip"⟧]) { self.onCellular = YES; }\nif ([name hasPrefix:⟦@"en"⟧]) { self.onWiFi = YES; }',
          note: 'a local copied from ifa_name: even "en" is clear',
        },
        {
          code: 'static BOOL IsTunnel(const char *ifName) {\n    return strncmp(ifName, ⟦"utun"⟧, 4) == 0 || strncmp(ifName, ⟦"ipsec"⟧, 5) == 0;\n}',
        },
        {
          code: '- (BOOL)isHotspotInterface:(NSString *)interfaceName {\n    return [@[⟦@"bridge100"⟧, ⟦@"ap1"⟧] containsObject:interfaceName];\n}',
        },
      ],
      valid: [
        {
          code: 'NSLog(@"en0 is not Wi-Fi on every device");\n// [name isEqualToString:@"en0"]\nunsigned int loopback = if_nametoindex("lo0");',
          note: 'log string, comment, loopback',
        },
        {
          code: 'if ([self.preferredLanguage hasPrefix:@"en"]) { [self showEnglishOnboarding]; }\nif ([countryCode isEqualToString:@"en"]) {}',
          note: 'language codes',
        },
        {
          code: 'NSDictionary *labels = @{ @"en0": @"Wi-Fi", @"pdp_ip0": @"Cellular" };\nself.label.text = labels[name] ?: name;',
          note: 'display-name dictionary',
        },
        {
          code: '#if 0\nif (strcmp(ifa->ifa_name, "en0") == 0) { wifi = ifa; }\n#endif\nif ([product.sku isEqualToString:@"en1"]) {}',
          note: '#if 0 and an unrelated comparison',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: 'for (struct ifaddrs *ifa = list; ifa != NULL; ifa = ifa->ifa_next) {\n    if (strcmp(ifa->ifa_name, ⟦"en0"⟧) == 0 && ifa->ifa_addr->sa_family == AF_INET) {\n        wifi = ifa;\n    }\n}',
        },
        {
          code: 'static int is_cellular(const struct ifaddrs *ifa) {\n    return strncmp(ifa->ifa_name, ⟦"pdp_ip"⟧, 6) == 0;\n}',
        },
        {
          code: 'void bind_to_wifi(int fd) {\n    unsigned int index = if_nametoindex(⟦"en0"⟧);\n    setsockopt(fd, IPPROTO_IP, IP_BOUND_IF, &index, sizeof index);\n}',
          messages: ['byName'],
        },
        {
          code: 'int skip_interface(const char *name) {\n    return !strcmp(name, ⟦"awdl0"⟧) || !strcmp(name, ⟦"llw0"⟧);\n}',
        },
      ],
      valid: [
        {
          code: 'printf("en0 is up\\n");\n/* strcmp(ifa->ifa_name, "en0") */\nunsigned int lo = if_nametoindex("lo0");',
          note: 'string, comment, loopback',
        },
        {
          code: 'if (strncmp(locale, "en", 2) == 0) { use_english(); }\nif (strcmp(model, "ap1") == 0) { }',
          note: 'language code and model id',
        },
        {
          code: 'static const char *labels[][2] = { { "en0", "Wi-Fi" }, { "pdp_ip0", "Cellular" } };\nunsigned int index = if_nametoindex(name);',
          note: 'a table of labels; lookup of a name chosen elsewhere',
        },
        {
          code: '#if 0\nif (strcmp(ifa->ifa_name, "en0") == 0) { wifi = ifa; }\n#endif\nint t = functional_type_for_interface(ifa->ifa_name);',
          note: '#if 0; the functional-type helper',
        },
      ],
    },
  },
});
