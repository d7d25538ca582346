// Local-network work in code (what local network privacy governs): Bonjour browsing and advertising,
// multicast and broadcast, and connections to private, link-local or `.local` addresses. Swift, Objective-C, C.
import type { Node } from 'web-tree-sitter';
import { cCall, objcMessage } from '../syntax/c-family';
import { swiftCall } from '../syntax/swift';
import { plainStringValue } from './bonjour-service-types';

export type LocalNetworkKind = 'browse' | 'advertise' | 'resolve' | 'multicast' | 'broadcast' | 'address';

export interface LocalNetworkSite {
  /** What to flag: the call, or the address literal. */
  node: Node;
  kind: LocalNetworkKind;
  /** How the message names the API (`NWBrowser .bonjour`, `DNSServiceRegister`, `"192.168.1.20"`). */
  what: string;
}

/** C functions (callable from every language) that do local-network work. */
const C_FUNCTIONS: Record<string, LocalNetworkKind> = {
  DNSServiceBrowse: 'browse',
  DNSServiceRegister: 'advertise',
  DNSServiceResolve: 'resolve',
  nw_browse_descriptor_create_bonjour_service: 'browse',
  nw_advertise_descriptor_create_bonjour_service: 'advertise',
  nw_connection_group_create: 'multicast',
  nw_group_descriptor_create_multicast: 'multicast',
};

/** setsockopt options that join a multicast group or enable broadcast. */
const SOCKET_OPTIONS: Record<string, LocalNetworkKind> = {
  IP_ADD_MEMBERSHIP: 'multicast',
  IPV6_JOIN_GROUP: 'multicast',
  MCAST_JOIN_GROUP: 'multicast',
  IP_ADD_SOURCE_MEMBERSHIP: 'multicast',
  SO_BROADCAST: 'broadcast',
};

/** Functions whose string argument is a host or address to connect to. */
const C_ADDRESS_FUNCTIONS = new Set(['inet_pton', 'inet_addr', 'inet_aton', 'nw_endpoint_create_host', 'getaddrinfo']);

// ── Addresses ──────────────────────────────────────────────────────────────────────────────────────

function ipv4(text: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

/**
 * True for hosts on the local network: RFC 1918 private and 169.254/16 link-local IPv4, multicast (224/4) and the
 * broadcast address, IPv6 link-local (fe80::/10), unique-local (fc00::/7) and multicast (ff00::/8), and `.local`
 * names. Loopback is not the local network.
 */
export function isLocalNetworkHost(host: string): boolean {
  let text = host.trim().toLowerCase();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  text = text.replace(/%[a-z0-9]+$/, '');
  const v4 = ipv4(text);
  if (v4) {
    const [a, b] = v4;
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
      || (a >= 224 && a <= 239) || text === '255.255.255.255';
  }
  if (text.includes(':') && /^[0-9a-f:.]+$/.test(text)) return /^fe[89ab][0-9a-f]?:/.test(text) || /^f[cd][0-9a-f]{0,2}:/.test(text) || /^ff[0-9a-f]{0,2}:/.test(text);
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.local\.?$/.test(text);
}

/** The host of a URL string (`http://192.168.1.2:8080/x`), or the text itself when it is not a URL. */
function hostOf(value: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]+\]|[^/:?#]+)/i.exec(value.trim());
  return match ? match[1] : value;
}

function addressSite(literal: Node | undefined, url: boolean): LocalNetworkSite | undefined {
  const value = plainStringValue(literal);
  if (!literal || value === undefined) return undefined;
  const host = url ? hostOf(value) : value;
  if (url && host === value) return undefined;
  return isLocalNetworkHost(host) ? { node: literal, kind: 'address', what: `"${value}"` } : undefined;
}

// ── Swift ──────────────────────────────────────────────────────────────────────────────────────────

const flat = (node: Node | undefined) => node?.text.replace(/\s/g, '');

/** `x.service = <call>` or `NWListener(service: <call>, …)`: the call builds the listener's Bonjour service. */
function inServicePosition(call: Node): boolean {
  const parent = call.parent;
  if (parent?.type === 'value_argument') return parent.childForFieldName('name')?.text === 'service';
  if (parent?.type === 'assignment' && parent.childForFieldName('result')?.id === call.id) {
    return flat(parent.childForFieldName('target') ?? undefined)?.replace(/[?!]/g, '').split('.').pop() === 'service';
  }
  return false;
}

function swiftSite(node: Node): LocalNetworkSite | undefined {
  const call = swiftCall(node);
  if (!call) return undefined;
  const labels = call.arguments.map((a) => a.label);
  const receiver = flat(call.receiver);
  const site = (kind: LocalNetworkKind, what: string): LocalNetworkSite => ({ node, kind, what });
  switch (call.name) {
    case 'bonjour':
    case 'bonjourWithTXTRecord':
      if (receiver && receiver !== 'NWBrowser.Descriptor' && receiver !== 'Descriptor') return undefined;
      return labels[0] === 'type' || (call.name === 'bonjour' && labels.length > 0 && labels[0] === undefined) ? site('browse', `NWBrowser .${call.name}`) : undefined;
    case 'NWListener':
      return !receiver && labels.includes('service') ? site('advertise', 'NWListener with a service') : undefined;
    case 'Service':
      return receiver === 'NWListener' && labels.includes('type') ? site('advertise', 'NWListener.Service') : undefined;
    case 'init':
      if (receiver ? receiver !== 'NWListener.Service' : !inServicePosition(node)) return undefined;
      return labels.includes('type') ? site('advertise', 'NWListener.Service') : undefined;
    case 'BonjourListenerProvider':
      return !receiver ? site('advertise', 'BonjourListenerProvider') : undefined;
    case 'NetServiceBrowser':
      return !receiver && labels.length === 0 ? site('browse', 'NetServiceBrowser') : undefined;
    case 'searchForServices':
      return receiver && labels[0] === 'ofType' ? site('browse', 'NetServiceBrowser.searchForServices') : undefined;
    case 'NetService':
      if (receiver || labels[0] !== 'domain' || labels[1] !== 'type') return undefined;
      return site(labels.includes('port') ? 'advertise' : 'resolve', 'NetService');
    case 'NWConnectionGroup':
    case 'NWMulticastGroup':
      return !receiver || receiver === 'Network' ? site('multicast', call.name) : undefined;
    case 'setsockopt': {
      const option = call.arguments.map((a) => flat(a.value)).find((t) => t !== undefined && t in SOCKET_OPTIONS);
      return option && !receiver ? site(SOCKET_OPTIONS[option], `setsockopt ${option}`) : undefined;
    }
    case 'URL':
      return !receiver && labels[0] === 'string' ? addressSite(call.arguments[0].value, true) : undefined;
    default:
      break;
  }
  if (!receiver && C_FUNCTIONS[call.name] && labels.every((l) => l === undefined)) return site(C_FUNCTIONS[call.name], call.name);
  if (!receiver && C_ADDRESS_FUNCTIONS.has(call.name)) {
    for (const arg of call.arguments) {
      const found = addressSite(arg.value, false);
      if (found) return found;
    }
  }
  // `hostPort(host: "192.168.1.20", port: …)`, `NWConnection(host: …, port: …, using: …)`.
  const host = call.arguments.find((a) => a.label === 'host');
  return host ? addressSite(host.value, false) : undefined;
}

// ── Objective-C and C ──────────────────────────────────────────────────────────────────────────────

function objcSite(node: Node): LocalNetworkSite | undefined {
  const message = objcMessage(node);
  if (!message) return undefined;
  const site = (kind: LocalNetworkKind, what: string): LocalNetworkSite => ({ node, kind, what });
  switch (message.selector) {
    case 'alloc':
    case 'new':
      return message.receiver?.type === 'identifier' && message.receiver.text === 'NSNetServiceBrowser' ? site('browse', 'NSNetServiceBrowser') : undefined;
    case 'searchForServicesOfType:inDomain:':
      return site('browse', 'searchForServicesOfType:inDomain:');
    case 'initWithDomain:type:name:port:':
      return site('advertise', 'NSNetService');
    case 'initWithDomain:type:name:':
      return site('resolve', 'NSNetService');
    case 'URLWithString:':
    case 'initWithString:':
      return message.receiver?.text === 'NSURL' || message.selector === 'initWithString:' ? addressSite(message.keywords[0].argument, true) : undefined;
    default:
      return undefined;
  }
}

function cSite(node: Node): LocalNetworkSite | undefined {
  const call = cCall(node);
  if (!call) return undefined;
  const kind = C_FUNCTIONS[call.name];
  if (kind) return { node, kind, what: call.name };
  if (call.name === 'setsockopt') {
    const option = call.arguments.map((a) => a.text.trim()).find((t) => t in SOCKET_OPTIONS);
    return option ? { node, kind: SOCKET_OPTIONS[option], what: `setsockopt ${option}` } : undefined;
  }
  if (C_ADDRESS_FUNCTIONS.has(call.name)) {
    for (const arg of call.arguments) {
      const found = addressSite(arg, false);
      if (found) return found;
    }
  }
  return undefined;
}

/** The local-network work done by `node` (a `call_expression` or `message_expression`), if any. */
export function localNetworkSite(node: Node, swift: boolean): LocalNetworkSite | undefined {
  if (swift) return swiftSite(node);
  return node.type === 'message_expression' ? objcSite(node) : cSite(node);
}
