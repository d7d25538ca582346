// Info.plist and entitlement keys the project-file rules read, and the target scopes they apply to.
import type { ProjectFacts } from '../rule';

export const LOCAL_NETWORK_USAGE = 'NSLocalNetworkUsageDescription';
export const BONJOUR_SERVICES = 'NSBonjourServices';
export const MULTICAST_ENTITLEMENT = 'com.apple.developer.networking.multicast';
export const NE_ENTITLEMENT = 'com.apple.developer.networking.networkextension';

/** The placeholder purpose string a quick fix inserts; the developer is expected to edit it. */
export const LOCAL_NETWORK_USAGE_PLACEHOLDER = 'Explain why the app uses the local network, for example to find and connect to devices on your network.';

/** True when the target builds only for macOS (local network privacy rules here are about iOS-family targets). */
export function macOSOnly(project: ProjectFacts): boolean {
  const platforms = project.platforms;
  return platforms !== undefined && platforms.size > 0 && [...platforms].every((p) => p === 'macos');
}

/**
 * The main service type of a Bonjour type string for comparing with NSBonjourServices: lower case, no trailing
 * dot, no subtypes (`_printer._sub._http._tcp` and `_http._tcp,_printer` are both `_http._tcp`).
 */
export function mainServiceType(type: string): string {
  let main = type.split(',')[0].trim().toLowerCase();
  if (main.endsWith('.')) main = main.slice(0, -1);
  const labels = main.split('.');
  return labels.length > 2 ? labels.slice(-2).join('.') : main;
}
