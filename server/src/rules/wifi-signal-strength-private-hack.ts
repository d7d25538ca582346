// wifi-signal-strength-private-hack: status-bar KVC, private status-bar view classes and private Wi-Fi/telephony signal functions.
import type { Node } from 'web-tree-sitter';
import { isPrivateSignalFunction, isStatusBarKeyPath, STATUS_BAR_CLASSES, STATUS_BAR_KEYS } from './apis/wifi';
import { defineRule, type RuleVisitors } from './rule';
import { cCall, objcMessage } from './syntax/c-family';
import { swiftCall } from './syntax/swift';

/** The text of a plain identifier-like string literal (`"statusBar"`, `@"statusBar"`); undefined for interpolation, escapes, concatenation. */
function literalText(node: Node | undefined): string | undefined {
  if (node?.type !== 'line_string_literal' && node?.type !== 'string_literal') return undefined;
  return /^@?"([\w.]+)"$/.exec(node.text)?.[1];
}

const isStatusBarClassLiteral = (node: Node | undefined) => STATUS_BAR_CLASSES.has(literalText(node) ?? '');
const isPrivateSymbolLiteral = (node: Node | undefined) => isPrivateSignalFunction(literalText(node) ?? '');
const isStatusBarKeyLiteral = (node: Node | undefined) => {
  const key = literalText(node);
  return key !== undefined && isStatusBarKeyPath(key);
};

export default defineRule({
  id: 'wifi-signal-strength-private-hack',
  title: 'Signal strength read through the status bar or private Wi-Fi/telephony symbols',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'medium',
  article: 'wifi-signal-strength-private-hack',
  triggers: [...STATUS_BAR_KEYS, ...[...STATUS_BAR_KEYS].map((k) => `_${k}`), ...STATUS_BAR_CLASSES, 'CTGetSignalStrength', 'Apple80211*', 'WiFiManagerClient*', 'WiFiDeviceClient*'],
  sources: [
    'Apple Developer Forums: iOS Network Signal Strength (DTS)',
    'https://developer.apple.com/documentation/technotes/tn3111-ios-wifi-api-overview',
    'https://developer.apple.com/app-store/review/guidelines/#software-requirements',
    'https://developer.apple.com/documentation/network/nwpath/linkquality-swift.property',
    'https://github.com/kukushi/SideMenu/issues/75 (iOS 13: "App called -statusBar or -statusBarWindow on UIApplication" exception)',
  ],
  messages: {
    statusBar: 'Status-bar KVC keys and private status-bar view classes are unsupported and break across iOS releases (iOS 13 made the statusBar key throw); measure the performance of your real requests instead (or use Network framework\'s link quality on iOS 26).',
    privateSymbol: 'CTGetSignalStrength, Apple80211 and MobileWiFi functions are private: they are unsupported, break across OS releases and risk App Review rejection (guideline 2.5.1, public APIs only); measure the performance of your real requests instead.',
  },
  knownLimitations: [
    'Only string literals are checked: keys or class names built at run time ("status" + "Bar"), read from a constant, or obfuscated are missed.',
    'A status-bar key such as "statusBar" or "foregroundView" read through KVC on your own KVC-compliant object is still flagged.',
    'Declarations of the private functions (`extern int CTGetSignalStrength(void);`) are not flagged; their calls and dlsym look-ups are. Swift `@_silgen_name("…")` declarations are flagged.',
    'Searching the system log for RSSI (also called out by DTS) is not detected.',
  ],
  create(context): RuleVisitors {
    const statusBar = (node: Node | undefined) => {
      if (node) context.report({ node, messageId: 'statusBar' });
    };
    const privateSymbol = (node: Node | undefined) => {
      if (node) context.report({ node, messageId: 'privateSymbol' });
    };

    if (context.language === 'swift') {
      return {
        call_expression(node) {
          const call = swiftCall(node);
          if (!call) return;
          const first = call.arguments[0];
          if (call.name === 'value' && call.arguments.length === 1 && (first.label === 'forKey' || first.label === 'forKeyPath')) {
            if (isStatusBarKeyLiteral(first.value)) statusBar(first.value);
          } else if (call.receiver) {
            return;
          } else if (call.name === 'NSClassFromString') {
            if (isStatusBarClassLiteral(first?.value)) statusBar(first?.value);
          } else if (call.name === 'dlsym') {
            if (isPrivateSymbolLiteral(call.arguments[1]?.value)) privateSymbol(call.arguments[1]?.value);
          } else if (isPrivateSignalFunction(call.name)) {
            privateSymbol(call.nameNode);
          }
        },
        // `String(describing: type(of: view)) == "_UIStatusBarWifiSignalView"`
        equality_expression(node) {
          for (const side of [node.childForFieldName('lhs'), node.childForFieldName('rhs')]) {
            if (side && isStatusBarClassLiteral(side)) statusBar(side);
          }
        },
        // `@_silgen_name("CTGetSignalStrength") func …`
        attribute(node) {
          if (node.namedChildren.find((c) => c?.type === 'user_type')?.text !== '_silgen_name') return;
          const name = node.namedChildren.find((c) => c?.type === 'line_string_literal') ?? undefined;
          if (isPrivateSymbolLiteral(name)) privateSymbol(name);
        },
      };
    }

    return {
      call_expression(node) {
        const call = cCall(node);
        if (!call) return;
        if (call.name === 'NSClassFromString') {
          if (isStatusBarClassLiteral(call.arguments[0])) statusBar(call.arguments[0]);
        } else if (call.name === 'dlsym') {
          if (isPrivateSymbolLiteral(call.arguments[1])) privateSymbol(call.arguments[1]);
        } else if (isPrivateSignalFunction(call.name)) {
          privateSymbol(call.nameNode);
        }
      },
      message_expression(node) {
        const message = objcMessage(node);
        const argument = message?.keywords[0].argument;
        if (message?.selector === 'valueForKey:' || message?.selector === 'valueForKeyPath:') {
          if (isStatusBarKeyLiteral(argument)) statusBar(argument);
        } else if (message?.selector === 'isEqualToString:') {
          // `[NSStringFromClass([view class]) isEqualToString:@"UIStatusBarSignalStrengthItemView"]`
          if (isStatusBarClassLiteral(argument)) statusBar(argument);
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        'let statusBar = UIApplication.shared.value(forKey: ⟦"statusBar"⟧) as? UIView',
        {
          code: 'func signalBars() -> Int? {\n    guard let foreground = UIApplication.shared.value(forKeyPath: ⟦"statusBar.foregroundView"⟧) as? UIView else { return nil }\n    for subview in foreground.subviews where subview.isKind(of: NSClassFromString(⟦"UIStatusBarSignalStrengthItemView"⟧)!) {\n        return subview.value(forKey: ⟦"signalStrengthBars"⟧) as? Int\n    }\n    return nil\n}',
          note: 'key path, private class, bars key',
        },
        {
          code: 'for view in statusBarViews where String(describing: type(of: view)) == ⟦"_UIStatusBarWifiSignalView"⟧ {\n    let bars = view.value(forKey: ⟦"_numberOfActiveBars"⟧) as? Int ?? 0\n    print(bars)\n}',
          note: 'class-name comparison, underscored key',
        },
        {
          code: 'let telephony = dlopen("/System/Library/Frameworks/CoreTelephony.framework/CoreTelephony", RTLD_NOW)\nlet symbol = dlsym(telephony, ⟦"CTGetSignalStrength"⟧)',
          messages: ['privateSymbol'],
        },
        {
          code: 'let strength = ⟦CTGetSignalStrength⟧()\n\n@_silgen_name(⟦"CTGetSignalStrength"⟧)\nfunc CTGetSignalStrength() -> Int32',
          messages: ['privateSymbol', 'privateSymbol'],
          note: 'declared with @_silgen_name',
        },
      ],
      valid: [
        {
          code: 'let name = person.value(forKey: "name") as? String\nlet strength = reading.value(forKey: "signalStrength") as? Double',
          note: 'KVC on your own objects',
        },
        {
          code: '// UIApplication.shared.value(forKey: "statusBar") crashes since iOS 13.\nprint("statusBar hidden")\nlogger.debug("UIStatusBarSignalStrengthItemView lookup removed; CTGetSignalStrength too")',
          note: 'comment and log strings',
        },
        {
          code: 'final class PlayerView: UIView {\n    let statusBar = StatusBarView()\n    func layout(in scene: UIWindowScene) {\n        statusBar.isHidden = scene.statusBarManager?.isStatusBarHidden ?? false\n    }\n}',
          note: 'a property named statusBar',
        },
        {
          code: 'let viewClass: AnyClass? = NSClassFromString("MyApp.SignalView")\nlet quality = dlsym(handle, "nw_path_get_link_quality")\nlet value = getSignalStrength()',
          note: 'public or own names',
        },
      ],
    },
    objc: {
      invalid: [
        'UIView *statusBar = [[[UIApplication sharedApplication] valueForKey:⟦@"statusBarWindow"⟧] valueForKey:⟦@"statusBar"⟧];',
        {
          code: 'for (UIView *view in [[statusBar valueForKey:⟦@"foregroundView"⟧] subviews]) {\n    if ([view isKindOfClass:NSClassFromString(⟦@"UIStatusBarDataNetworkItemView"⟧)]) {\n        bars = [[view valueForKey:⟦@"wifiStrengthBars"⟧] intValue];\n    }\n}',
          note: 'walking the status bar',
        },
        'if ([NSStringFromClass([view class]) isEqualToString:⟦@"_UIStatusBarCellularSignalView"⟧]) {\n    raw = [[view valueForKey:⟦@"signalStrengthRaw"⟧] intValue];\n}',
        {
          code: 'extern int CTGetSignalStrength(void);\n\n@implementation CellMeter\n- (int)bars {\n    int (*lookup)(void) = dlsym(RTLD_DEFAULT, ⟦"CTGetSignalStrength"⟧);\n    return lookup ? lookup() : ⟦CTGetSignalStrength⟧();\n}\n@end',
          messages: ['privateSymbol', 'privateSymbol'],
        },
      ],
      valid: [
        {
          code: 'NSString *name = [person valueForKey:@"name"];\nNSNumber *strength = [reading valueForKey:@"signalStrength"];',
          note: 'KVC on your own objects',
        },
        {
          code: '// [app valueForKey:@"statusBar"] throws on iOS 13 and later.\nNSLog(@"statusBar hidden: %d", hidden);\nNSLog(@"CTGetSignalStrength is private");',
          note: 'comment and log strings',
        },
        {
          code: 'self.statusBar.hidden = YES;\n[self.statusBar setNeedsLayout];\nif ([key isEqualToString:@"statusBar"]) { [self reloadStatusBar]; }',
          note: 'a property named statusBar, key compared but not read',
        },
        {
          code: 'Class manager = NSClassFromString(@"UIStatusBarManager");\nnw_link_quality_t quality = nw_path_get_link_quality(path);',
          note: 'public class and the supported API',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: 'void *wifi = dlopen("/System/Library/PrivateFrameworks/Apple80211.framework/Apple80211", RTLD_LAZY);\nint (*open_fn)(void **) = dlsym(wifi, ⟦"Apple80211Open"⟧);',
          messages: ['privateSymbol'],
        },
        {
          code: 'static void scan(void) {\n    Apple80211Ref ref;\n    CFArrayRef networks = NULL;\n    ⟦Apple80211Open⟧(&ref);\n    ⟦Apple80211BindToInterface⟧(ref, CFSTR("en0"));\n    ⟦Apple80211Scan⟧(ref, &networks, NULL);\n}',
          messages: ['privateSymbol', 'privateSymbol', 'privateSymbol'],
        },
        {
          code: 'CFNumberRef rssi = ⟦WiFiDeviceClientCopyProperty⟧(device, CFSTR("RSSI"));',
          messages: ['privateSymbol'],
        },
        {
          code: 'int cellular_bars(void) {\n    return ⟦CTGetSignalStrength⟧() / 20;\n}',
          messages: ['privateSymbol'],
        },
      ],
      valid: [
        '/* CTGetSignalStrength() is private; see the DTS post. */\nconst char *message = "Apple80211Open failed";',
        'void *quality = dlsym(handle, "nw_path_get_link_quality");',
        { code: 'static int MyApple80211Open(void);\nint app_signal = MyApple80211Open() + AppGetSignalStrength();', note: 'own names that contain the private ones' },
        'nw_link_quality_t quality = nw_path_get_link_quality(path);\nif (quality == nw_link_quality_minimal) { lower_bitrate(); }',
      ],
    },
  },
});
