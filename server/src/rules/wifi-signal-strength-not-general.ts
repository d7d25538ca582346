// wifi-signal-strength-not-general: `signalStrength` read on an NEHotspotNetwork, as if it were a general Wi-Fi signal API.
import type { Node } from 'web-tree-sitter';
import { HOTSPOT_HELPER_NAME, HOTSPOT_NETWORK_TYPES } from './apis/wifi';
import { defineRule } from './rule';
import { resolveCName, resolveObjcMember, type CBinding } from './syntax/c-bindings';
import { objcMessage } from './syntax/c-family';
import { swiftCall, swiftMember } from './syntax/swift';
import { resolveSwiftName, resolveSwiftSelfMember, swiftTypeName, type SwiftBinding } from './syntax/swift-bindings';
import { ancestors } from './syntax/tree';

/**
 * How we know the receiver is an NEHotspotNetwork. `fetchCurrent` never fills in the signal strength; a value
 * that is merely declared as NEHotspotNetwork may be one a hotspot helper manages, where the value is real.
 */
type Origin = 'fetchCurrent' | 'declared';

/** `let a = b`, `let b = c`, …: how far we follow a chain of plain copies. */
const MAX_DEPTH = 6;

const isHotspotType = (type: Node | undefined) => HOTSPOT_NETWORK_TYPES.has(swiftTypeName(type) ?? '');

/** `NEHotspotNetwork.fetchCurrent(…)` in either form. */
function isSwiftFetchCurrent(call: Node): boolean {
  const c = swiftCall(call);
  return c?.name === 'fetchCurrent' && c.receiver !== undefined && HOTSPOT_NETWORK_TYPES.has(c.receiver.text);
}

/** The call a closure is passed to directly (trailing closure or argument), not one it is nested deeper in. */
function callTakingClosure(closure: Node): Node | undefined {
  for (const ancestor of ancestors(closure)) {
    if (ancestor.type === 'call_expression') return ancestor;
    if (!['call_suffix', 'value_arguments', 'value_argument', 'annotated_lambda'].includes(ancestor.type)) return undefined;
  }
  return undefined;
}

function swiftBindingOrigin(binding: SwiftBinding | undefined, depth: number): Origin | undefined {
  if (!binding) return undefined;
  switch (binding.kind) {
    case 'closureParameter':
    case 'implicitClosureParameter': {
      const call = binding.closure && callTakingClosure(binding.closure);
      if (call && isSwiftFetchCurrent(call)) return 'fetchCurrent';
      return isHotspotType(binding.type) ? 'declared' : undefined;
    }
    case 'parameter':
      return isHotspotType(binding.type) ? 'declared' : undefined;
    case 'variable':
    case 'property':
    case 'optionalBinding': {
      const fromValue = binding.value ? swiftOrigin(binding.value, depth)
        : binding.shorthandFrom ? swiftBindingOrigin(resolveSwiftName(binding.shorthandFrom, binding.node.text), depth + 1)
          : undefined;
      // A written type wins over what the value suggests.
      if (binding.type) return isHotspotType(binding.type) ? fromValue ?? 'declared' : undefined;
      return fromValue;
    }
    default:
      return undefined;
  }
}

/** Whether a Swift expression is provably an NEHotspotNetwork (possibly optional), and from where. */
function swiftOrigin(expr: Node, depth: number): Origin | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (expr.type) {
    case 'simple_identifier':
      return swiftBindingOrigin(resolveSwiftName(expr), depth + 1);
    case 'postfix_expression': {
      const target = expr.childForFieldName('target');
      return target && expr.childForFieldName('operation')?.type === 'bang' ? swiftOrigin(target, depth + 1) : undefined;
    }
    case 'tuple_expression': {
      const inner = expr.namedChildren;
      return inner.length === 1 && inner[0] ? swiftOrigin(inner[0], depth + 1) : undefined;
    }
    case 'await_expression': {
      const inner = expr.childForFieldName('expr');
      return inner ? swiftOrigin(inner, depth + 1) : undefined;
    }
    case 'call_expression': {
      // Only the async form returns the network; the completion-handler form returns Void.
      const c = swiftCall(expr);
      return c && isSwiftFetchCurrent(expr) && c.arguments.length === 0 && c.trailingClosures.length === 0 ? 'fetchCurrent' : undefined;
    }
    case 'as_expression': {
      const op = expr.namedChildren.find((c) => c?.type === 'as_operator')?.text;
      return (op === 'as?' || op === 'as!') && isHotspotType(expr.childForFieldName('name') ?? undefined) ? 'declared' : undefined;
    }
    case 'navigation_expression': {
      const member = swiftMember(expr);
      return member?.target?.type === 'self_expression'
        ? swiftBindingOrigin(resolveSwiftSelfMember(expr, member.name), depth + 1)
        : undefined;
    }
    default:
      return undefined;
  }
}

/** `[NEHotspotNetwork fetchCurrentWithCompletionHandler:^(NEHotspotNetwork *network) { … }]`. */
function isObjcFetchCurrentBlock(block: Node): boolean {
  const message = block.parent ? objcMessage(block.parent) : undefined;
  return message?.selector === 'fetchCurrentWithCompletionHandler:'
    && HOTSPOT_NETWORK_TYPES.has(message.receiver?.text ?? '')
    && message.keywords[0].argument?.id === block.id;
}

function cBindingOrigin(binding: CBinding | undefined, depth: number): Origin | undefined {
  if (!binding || binding.kind === 'loopVariable') return undefined;
  if (!HOTSPOT_NETWORK_TYPES.has(binding.type?.text ?? '') || binding.pointers !== 1) return undefined;
  if (binding.block && isObjcFetchCurrentBlock(binding.block)) return 'fetchCurrent';
  return (binding.value && objcOrigin(binding.value, depth + 1)) || 'declared';
}

/** Whether an Objective-C expression is provably an `NEHotspotNetwork *`, and from where. */
function objcOrigin(expr: Node, depth: number): Origin | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (expr.type) {
    case 'identifier':
      return expr.text === 'self' ? undefined : cBindingOrigin(resolveCName(expr), depth);
    case 'parenthesized_expression': {
      const inner = expr.namedChildren;
      return inner.length === 1 && inner[0] ? objcOrigin(inner[0], depth + 1) : undefined;
    }
    case 'cast_expression': {
      const type = expr.childForFieldName('type');
      const pointers = type?.namedChildren.filter((c) => c?.type === 'abstract_pointer_declarator').length;
      return HOTSPOT_NETWORK_TYPES.has(type?.childForFieldName('type')?.text ?? '') && pointers === 1 ? 'declared' : undefined;
    }
    case 'field_expression': {
      // `self.current`
      const field = expr.childForFieldName('field');
      return expr.childForFieldName('argument')?.text === 'self' && field ? cBindingOrigin(resolveObjcMember(expr, field.text), depth) : undefined;
    }
    case 'message_expression': {
      // `[self current]`
      const message = objcMessage(expr);
      return message?.receiver?.text === 'self' && !message.selector.includes(':')
        ? cBindingOrigin(resolveObjcMember(expr, message.selector), depth)
        : undefined;
    }
    default:
      return undefined;
  }
}

export default defineRule({
  id: 'wifi-signal-strength-not-general',
  aliases: ['hotspot-signal-strength-not-general'],
  title: 'NEHotspotNetwork.signalStrength is not a general-purpose Wi-Fi signal strength API',
  languages: ['swift', 'objc'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'wifi-signal-strength-not-general',
  triggers: ['signalStrength'],
  sources: [
    'Apple Developer Forums: iOS Network Signal Strength (DTS)',
    'Apple Developer Forums: Is it possible to get Wi-Fi signal strength on iOS 18?',
    'https://developer.apple.com/documentation/networkextension/nehotspotnetwork/signalstrength',
    'https://developer.apple.com/documentation/networkextension/nehotspotnetwork/fetchcurrent(completionhandler:)',
    'https://developer.apple.com/documentation/technotes/tn3111-ios-wifi-api-overview',
    'https://developer.apple.com/documentation/network/nwpath/linkquality-swift.property',
  ],
  messages: {
    notGeneral: 'iOS has no general-purpose signal strength API and NEHotspotNetwork.signalStrength is only meaningful for networks your hotspot helper manages; measure the performance of your real requests instead (or use Network framework\'s link quality on iOS 26).',
    fetchCurrent: 'fetchCurrent fills in only the SSID, BSSID and security type, so signalStrength reads 0 here and iOS has no general-purpose replacement; measure the performance of your real requests instead (or use Network framework\'s link quality on iOS 26).',
  },
  knownLimitations: [
    'Only receivers whose type this file proves are checked: a parameter, local, closure/block parameter or stored property declared as NEHotspotNetwork, the fetchCurrent completion parameter, or the result of `await NEHotspotNetwork.fetchCurrent()`. Values passed through other functions, collections or properties declared in other files are not followed.',
    'In a file that uses NEHotspotHelper, only reads on fetchCurrent results are flagged: other NEHotspotNetwork values there are assumed to be networks the helper manages (whether it checks isChosenHelper is not verified).',
  ],
  create(context) {
    const pending: { node: Node; origin: Origin }[] = [];
    let hotspotHelperFile = false;
    const noteHelper = (node: Node) => {
      if (!hotspotHelperFile && HOTSPOT_HELPER_NAME.test(node.text)) hotspotHelperFile = true;
    };
    const note = (nameNode: Node, origin: Origin | undefined) => {
      if (origin) pending.push({ node: nameNode, origin });
    };
    return {
      type_identifier: noteHelper,
      simple_identifier: noteHelper,
      identifier: noteHelper,
      navigation_expression(node) {
        const member = swiftMember(node);
        if (member?.name !== 'signalStrength' || !member.target) return;
        note(member.nameNode, swiftOrigin(member.target, 0));
      },
      field_expression(node) {
        const field = node.childForFieldName('field');
        const receiver = node.childForFieldName('argument');
        if (field?.text !== 'signalStrength' || !receiver) return;
        note(field, objcOrigin(receiver, 0));
      },
      message_expression(node) {
        const message = objcMessage(node);
        if (message?.selector !== 'signalStrength' || !message.receiver) return;
        note(message.keywords[0].nameNode, objcOrigin(message.receiver, 0));
      },
      'file:exit'() {
        for (const { node, origin } of pending) {
          if (origin === 'declared' && hotspotHelperFile) continue;
          context.report({ node, messageId: origin === 'fetchCurrent' ? 'fetchCurrent' : 'notGeneral' });
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'import NetworkExtension\n\nfunc refreshSignalLabel() {\n    NEHotspotNetwork.fetchCurrent { network in\n        let bars = Int((network?.⟦signalStrength⟧ ?? 0) * 4)\n        signalLabel.text = String(repeating: "▮", count: bars)\n    }\n}',
          messages: ['fetchCurrent'],
        },
        {
          code: 'func currentWiFiQuality() async -> Double {\n    guard let network = await NEHotspotNetwork.fetchCurrent() else { return 0 }\n    return network.⟦signalStrength⟧\n}',
          messages: ['fetchCurrent'],
          note: 'async result unwrapped by guard let',
        },
        {
          code: 'final class WiFiMeter {\n    private var lastNetwork: NEHotspotNetwork?\n\n    func isWeak() -> Bool {\n        (lastNetwork?.⟦signalStrength⟧ ?? 0) < 0.3\n    }\n\n    func update(with network: NEHotspotNetwork) {\n        lastNetwork = network\n        if network.⟦signalStrength⟧ < 0.2 { pauseUploads() }\n    }\n}',
          note: 'stored property and parameter declared as NEHotspotNetwork',
        },
        {
          code: 'NEHotspotNetwork.fetchCurrent(completionHandler: { (current: NEHotspotNetwork?) in\n    if let current { logger.info("strength \\(current.⟦signalStrength⟧)") }\n})\nNEHotspotNetwork.fetchCurrent { print($0?.⟦signalStrength⟧ ?? 0) }',
          messages: ['fetchCurrent', 'fetchCurrent'],
          note: 'labelled completion handler, if-let shorthand, $0',
        },
        {
          code: 'actor SignalSampler {\n    var network: NEHotspotNetwork!\n\n    func sample() async -> [Double] {\n        let direct = (await NEHotspotNetwork.fetchCurrent())?.⟦signalStrength⟧ ?? 0\n        return [direct, self.network.⟦signalStrength⟧]\n    }\n}',
          messages: ['fetchCurrent', 'notGeneral'],
        },
      ],
      valid: [
        {
          code: 'struct AccessPointReading {\n    let ssid: String\n    let signalStrength: Double\n}\n\nfunc strongest(_ readings: [AccessPointReading]) -> AccessPointReading? {\n    readings.max { $0.signalStrength < $1.signalStrength }\n}',
          note: 'own model with a signalStrength member',
        },
        {
          code: 'func shouldJoin(_ network: NEHotspotNetwork, results: [WINetworkSharingProvider.AccessoryScanResult]) -> Bool {\n    // The closure parameter shadows the NEHotspotNetwork: these are accessory scan results.\n    results.contains { network in network.signalStrength > 0.5 } && network.isSecure\n}',
          note: 'shadowed name, other framework type',
        },
        {
          code: 'NEHotspotHelper.register(options: [kNEHotspotHelperOptionDisplayName: "Campus Wi-Fi" as NSObject], queue: .main) { command in\n    guard command.commandType == .filterScanList, let list = command.networkList else { return }\n    for network in list where network.signalStrength > 0.5 { network.setConfidence(.high) }\n    let response = command.createResponse(.success)\n    response.setNetworkList(list)\n    response.deliver()\n}\n\nfunc annotate(_ network: NEHotspotNetwork) {\n    if network.isChosenHelper && network.signalStrength > 0.2 { network.setConfidence(.low) }\n}',
          note: 'hotspot helper: networks it manages',
        },
        {
          code: '// NEHotspotNetwork.fetchCurrent { $0?.signalStrength } always read 0, so we time our requests instead.\nlet hint = "network.signalStrength is not available on iOS"\nNEHotspotNetwork.fetchCurrent { network in\n    ssidLabel.text = network?.ssid\n}',
          note: 'comment, string, and fetchCurrent without signalStrength',
        },
        {
          code: 'func showForecast(_ forecast: WAPerformanceForecast, for network: NEHotspotNetwork?) {\n    titleLabel.text = network?.ssid\n    strengthLabel.text = "\\(forecast.signalStrength ?? 0)"\n}',
          note: 'Wi-Fi Aware signalStrength',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: '@implementation SignalViewController\n- (void)refresh {\n    [NEHotspotNetwork fetchCurrentWithCompletionHandler:^(NEHotspotNetwork * _Nullable network) {\n        self.signalLabel.text = [NSString stringWithFormat:@"%.0f%%", network.⟦signalStrength⟧ * 100];\n    }];\n}\n@end',
          messages: ['fetchCurrent'],
        },
        '@implementation UploadPolicy\n- (BOOL)shouldDeferUploadOn:(NEHotspotNetwork *)network {\n    return [network ⟦signalStrength⟧] < 0.25;\n}\n@end',
        {
          code: '@interface WiFiMonitor ()\n@property (nonatomic, strong, nullable) NEHotspotNetwork *currentNetwork;\n@end\n\n@implementation WiFiMonitor\n- (double)quality { return self.currentNetwork.⟦signalStrength⟧; }\n- (double)qualityFromIvar { return _currentNetwork.⟦signalStrength⟧; }\n@end',
          note: 'property through self and its ivar',
        },
        {
          code: 'static void LogSignal(void) {\n    [NEHotspotNetwork fetchCurrentWithCompletionHandler:^(NEHotspotNetwork *current) {\n        NEHotspotNetwork *network = current;\n        NSLog(@"signal %f", [network ⟦signalStrength⟧]);\n    }];\n}',
          messages: ['fetchCurrent'],
          note: 'local copy of the block parameter',
        },
      ],
      valid: [
        {
          code: '@interface BeaconReading : NSObject\n@property (nonatomic) double signalStrength;\n@end\n\n@implementation BeaconReading\n- (BOOL)isStrong { return self.signalStrength > 0.7; }\n@end',
          note: 'own class with a signalStrength property',
        },
        {
          code: '[NEHotspotHelper registerWithOptions:options queue:queue handler:^(NEHotspotHelperCommand *cmd) {\n    for (NEHotspotNetwork *network in cmd.networkList) {\n        if (network.signalStrength > 0.5) [network setConfidence:kNEHotspotHelperConfidenceHigh];\n    }\n}];',
          note: 'hotspot helper command handler',
        },
        {
          code: '#import <NetworkExtension/NetworkExtension.h>\n\nstatic BOOL ShouldClaim(NEHotspotNetwork *network, NEHotspotHelperCommand *command) {\n    return network.isChosenHelper && network.signalStrength > 0.3;\n}',
          note: 'helper code: the network comes from a command',
        },
        {
          code: '- (void)describe:(NSDictionary *)info {\n    // [network signalStrength] always read 0 from fetchCurrent.\n    id network = info[@"network"];\n    NSLog(@"network.signalStrength is unavailable: %@", [network ssid]);\n    double s = [network signalStrength];\n}',
          note: 'comment, string, receiver of unknown type',
        },
      ],
    },
  },
});
