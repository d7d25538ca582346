// Wi-Fi and signal-strength names shared by the wifi- rules: Hotspot Helper types and the private
// symbols, KVC keys and view classes that signal-strength hacks use.

/** `NEHotspotNetwork`, as written bare or module-qualified. */
export const HOTSPOT_NETWORK_TYPES = new Set(['NEHotspotNetwork', 'NetworkExtension.NEHotspotNetwork']);

/** Identifiers that show a file is (part of) a hotspot helper: `NEHotspotHelper`, `NEHotspotHelperCommand`, options keys. */
export const HOTSPOT_HELPER_NAME = /^k?NEHotspotHelper/;

/** Undocumented status-bar KVC keys that signal-strength hacks read (also with a leading `_`, which KVC accepts). */
export const STATUS_BAR_KEYS = new Set([
  'statusBar', 'statusBarWindow', 'localStatusBar', 'foregroundView', 'signalStrengthRaw', 'signalStrengthBars',
  'wifiStrengthRaw', 'wifiStrengthBars', 'numberOfActiveBars',
]);

/** Private UIKit status-bar view classes that hacks look up by name. */
export const STATUS_BAR_CLASSES = new Set([
  'UIStatusBarSignalStrengthItemView', 'UIStatusBarDataNetworkItemView', '_UIStatusBarCellularSignalView',
  '_UIStatusBarWifiSignalView',
]);

/**
 * Private C functions for signal strength: Core Telephony's `CTGetSignalStrength`, the Apple80211 framework
 * (`Apple80211Open`, `Apple80211Scan`, …) and MobileWiFi (`WiFiManagerClientCreate`, `WiFiDeviceClientCopyProperty`, …).
 */
export function isPrivateSignalFunction(name: string): boolean {
  return name === 'CTGetSignalStrength' || /^(Apple80211|WiFiManagerClient|WiFiDeviceClient)[A-Z]\w*$/.test(name);
}

/** A KVC key or key path with a status-bar component (`statusBar.foregroundView`, `_wifiStrengthBars`). */
export function isStatusBarKeyPath(keyPath: string): boolean {
  return keyPath.split('.').some((part) => STATUS_BAR_KEYS.has(part.replace(/^_/, '')));
}
