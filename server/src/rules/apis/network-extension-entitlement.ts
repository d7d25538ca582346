// The Network Extension entitlement: its key, its provider values and their Developer ID (`-systemextension`) twins.
import { NE_ENTITLEMENT } from './project-keys';

export { NE_ENTITLEMENT };

export const SYSTEM_EXTENSION_SUFFIX = '-systemextension';

/** Values of com.apple.developer.networking.networkextension (standard forms). */
export const NE_PROVIDER_VALUES = [
  'packet-tunnel-provider', 'app-proxy-provider', 'content-filter-provider', 'dns-proxy', 'dns-settings',
  'app-push-provider', 'relay', 'url-filter-provider',
];

/** Values that have a `-systemextension` twin (the provider types a macOS system extension can host). */
export const SYSTEM_EXTENSION_CAPABLE = new Set(['packet-tunnel-provider', 'app-proxy-provider', 'content-filter-provider', 'dns-proxy']);

/** Keys that look like a misspelt Network Extension entitlement (`com.apple.developer.network-extension.content-filter`, …). */
const MISSPELT = /^com\.apple\.developer\.(?:networking\.)?network-?extensions?(?:[.-].*)?$/i;

export function isMisspeltNeKey(key: string): boolean {
  return key !== NE_ENTITLEMENT && MISSPELT.test(key);
}

/** The provider value a misspelt key names in its suffix (`….content-filter` → `content-filter-provider`). */
export function providerFromMisspeltKey(key: string): string | undefined {
  const suffix = /network-?extensions?[.-](.+)$/i.exec(key)?.[1]?.toLowerCase();
  if (!suffix) return undefined;
  const systemExtension = suffix.endsWith(SYSTEM_EXTENSION_SUFFIX);
  const base = systemExtension ? suffix.slice(0, -SYSTEM_EXTENSION_SUFFIX.length) : suffix;
  const value = NE_PROVIDER_VALUES.find((v) => v === base || v === `${base}-provider` || v.replace(/-provider$/, '') === base);
  return value && (systemExtension ? `${value}${SYSTEM_EXTENSION_SUFFIX}` : value);
}

/** `content-filter-provider-systemextension` → `content-filter-provider`. */
export function standardValue(value: string): string {
  return value.endsWith(SYSTEM_EXTENSION_SUFFIX) ? value.slice(0, -SYSTEM_EXTENSION_SUFFIX.length) : value;
}

export function isSystemExtensionValue(value: string): boolean {
  return value.endsWith(SYSTEM_EXTENSION_SUFFIX);
}
