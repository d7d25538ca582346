// Bonjour and Multipeer service-type strings: where APIs take them (Swift, Objective-C, C) and how to check their shape.
import type { Node } from 'web-tree-sitter';
import { cCall, objcMessage } from '../syntax/c-family';
import { swiftCall, type SwiftCall } from '../syntax/swift';

/** `bonjour`: a DNS-SD type such as `_myapp._tcp`; `multipeer`: Multipeer's bare `serviceType` such as `my-game`. */
export type ServiceTypeKind = 'bonjour' | 'multipeer';

export interface ServiceTypeSite {
  /** The string literal node (flag this). */
  literal: Node;
  /** The literal's text without quotes (plain characters only). */
  value: string;
  kind: ServiceTypeKind;
  /** The call or message that takes the type. */
  call: Node;
}

/**
 * The characters of a plain string literal: Swift `"…"`, Objective-C `@"…"`, C `"…"`. Literals with
 * interpolation, escapes, or concatenation are not read (undefined): we cannot be sure of their value.
 */
export function plainStringValue(node: Node | undefined | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'line_string_literal') {
    let value = '';
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type !== 'line_str_text') return undefined;
      value += child.text;
    }
    return value;
  }
  if (node.type === 'string_literal') {
    let value = '';
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type !== 'string_content') return undefined;
      value += child.text;
    }
    return value;
  }
  return undefined;
}

// ── Swift call shapes ───────────────────────────────────────────────────────────────────────────

const SERVICE_LABELS = new Set(['name', 'type', 'domain', 'txtRecord']);
const ENDPOINT_LABELS = new Set(['name', 'type', 'domain', 'interface']);
const DESCRIPTOR_LABELS = new Set(['type', 'domain']);
const NEW_DESCRIPTOR_LABELS = new Set(['domain', 'includeTxtRecord']);

/** Multipeer initialisers and the labels each one takes (the `serviceType:` value is the type). */
const MPC_INITIALISERS: Record<string, string[]> = {
  MCNearbyServiceAdvertiser: ['peer', 'discoveryInfo', 'serviceType'],
  MCNearbyServiceBrowser: ['peer', 'serviceType'],
  MCAdvertiserAssistant: ['serviceType', 'discoveryInfo', 'session'],
  MCBrowserViewController: ['serviceType', 'session'],
};

/** C functions (callable from every language) and the index of their service-type argument. */
export const C_SERVICE_TYPE_ARGUMENT: Record<string, number> = {
  nw_browse_descriptor_create_bonjour_service: 0,
  nw_advertise_descriptor_create_bonjour_service: 1,
  nw_endpoint_create_bonjour_service: 1,
  DNSServiceBrowse: 3,
  DNSServiceRegister: 4,
  DNSServiceResolve: 4,
};

const labelsOf = (call: SwiftCall) => call.arguments.map((a) => a.label);
const onlyLabels = (call: SwiftCall, allowed: ReadonlySet<string>) => labelsOf(call).every((l) => l !== undefined && allowed.has(l));
const argument = (call: SwiftCall, label: string) => call.arguments.find((a) => a.label === label)?.value;

/** `x.service = .init(…)` or `NWListener(service: .init(…), using:)`: the implicit `.init` is an NWListener.Service. */
function inServicePosition(call: Node): boolean {
  const parent = call.parent;
  if (parent?.type === 'value_argument') return parent.childForFieldName('name')?.text === 'service';
  if (parent?.type === 'assignment' && parent.childForFieldName('result')?.id === call.id) {
    const target = parent.childForFieldName('target');
    const last = target?.text.replace(/[?!\s]/g, '').split('.').pop();
    return last === 'service';
  }
  return false;
}

/** True when `callee` reads `Type` or `Module.Type` for one of `names`. */
function calleeIs(call: SwiftCall, names: readonly string[], receivers: readonly string[] = []): boolean {
  if (!names.includes(call.name)) return false;
  if (!call.receiver) return true;
  return receivers.includes(call.receiver.text.replace(/\s/g, ''));
}

/** The literal service-type argument of a Swift call, and its kind. */
function swiftServiceType(node: Node): { value: Node | undefined; kind: ServiceTypeKind } | undefined {
  const call = swiftCall(node);
  if (!call) return undefined;
  const labels = labelsOf(call);
  switch (call.name) {
    case 'bonjour':
    case 'bonjourWithTXTRecord':
      // NWBrowser.Descriptor.bonjour(type:domain:) and, on iOS 26, the browser provider's .bonjour(_:domain:includeTxtRecord:).
      if (labels[0] === 'type' && onlyLabels(call, DESCRIPTOR_LABELS)) return { value: argument(call, 'type'), kind: 'bonjour' };
      if (call.name === 'bonjour' && labels.length > 0 && labels[0] === undefined
        && labels.slice(1).every((l) => l !== undefined && NEW_DESCRIPTOR_LABELS.has(l))) {
        return { value: call.arguments[0].value, kind: 'bonjour' };
      }
      return undefined;
    case 'Service':
      if (!call.receiver || call.receiver.text.replace(/\s/g, '') !== 'NWListener') return undefined;
      return labels.includes('type') && onlyLabels(call, SERVICE_LABELS) ? { value: argument(call, 'type'), kind: 'bonjour' } : undefined;
    case 'BonjourListenerProvider':
      return !call.receiver && labels.includes('type') && onlyLabels(call, SERVICE_LABELS) ? { value: argument(call, 'type'), kind: 'bonjour' } : undefined;
    case 'init':
      if (call.receiver) {
        if (call.receiver.text.replace(/\s/g, '') !== 'NWListener.Service') return undefined;
      } else if (!inServicePosition(node)) {
        return undefined;
      }
      return labels.includes('type') && onlyLabels(call, SERVICE_LABELS) ? { value: argument(call, 'type'), kind: 'bonjour' } : undefined;
    case 'service':
      // NWEndpoint.service(name:type:domain:interface:), usually written `.service(…)`.
      if (call.receiver && call.receiver.text.replace(/\s/g, '') !== 'NWEndpoint') return undefined;
      return labels.includes('type') && labels.includes('name') && onlyLabels(call, ENDPOINT_LABELS)
        ? { value: argument(call, 'type'), kind: 'bonjour' } : undefined;
    case 'NetService':
      if (call.receiver || labels[0] !== 'domain' || labels[1] !== 'type' || labels[2] !== 'name') return undefined;
      return labels.length === 3 || (labels.length === 4 && labels[3] === 'port') ? { value: argument(call, 'type'), kind: 'bonjour' } : undefined;
    case 'searchForServices':
      return call.receiver && labels.length === 2 && labels[0] === 'ofType' && labels[1] === 'inDomain'
        ? { value: argument(call, 'ofType'), kind: 'bonjour' } : undefined;
    default:
      break;
  }
  const mpcLabels = MPC_INITIALISERS[call.name];
  if (mpcLabels && calleeIs(call, [call.name], ['MultipeerConnectivity'])) {
    return labels.length === mpcLabels.length && labels.every((l, i) => l === mpcLabels[i])
      ? { value: argument(call, 'serviceType'), kind: 'multipeer' } : undefined;
  }
  const index = C_SERVICE_TYPE_ARGUMENT[call.name];
  if (index !== undefined && !call.receiver && labels.every((l) => l === undefined)) {
    return { value: call.arguments[index]?.value, kind: 'bonjour' };
  }
  return undefined;
}

// ── Objective-C and C ─────────────────────────────────────────────────────────────────────────────

/** Selector → the keyword whose argument is the service type, and its kind. */
const OBJC_SELECTORS: Record<string, { keyword: string; kind: ServiceTypeKind }> = {
  'initWithDomain:type:name:port:': { keyword: 'type', kind: 'bonjour' },
  'initWithDomain:type:name:': { keyword: 'type', kind: 'bonjour' },
  'searchForServicesOfType:inDomain:': { keyword: 'searchForServicesOfType', kind: 'bonjour' },
  'initWithPeer:discoveryInfo:serviceType:': { keyword: 'serviceType', kind: 'multipeer' },
  'initWithPeer:serviceType:': { keyword: 'serviceType', kind: 'multipeer' },
  'initWithServiceType:discoveryInfo:session:': { keyword: 'initWithServiceType', kind: 'multipeer' },
  'initWithServiceType:session:': { keyword: 'initWithServiceType', kind: 'multipeer' },
};

function objcServiceType(node: Node): { value: Node | undefined; kind: ServiceTypeKind } | undefined {
  const message = objcMessage(node);
  if (!message) return undefined;
  const shape = OBJC_SELECTORS[message.selector];
  if (!shape) return undefined;
  // `[[MCPeerID alloc] initWithDisplayName:]` and friends never match these selectors; the `serviceType`
  // selectors only exist on Multipeer classes, the `type:`/`OfType:` ones on NSNetService(Browser).
  const keyword = message.keywords.find((k) => k.name === shape.keyword);
  return { value: keyword?.argument, kind: shape.kind };
}

function cServiceType(node: Node): { value: Node | undefined; kind: ServiceTypeKind } | undefined {
  const call = cCall(node);
  if (!call) return undefined;
  const index = C_SERVICE_TYPE_ARGUMENT[call.name];
  return index === undefined ? undefined : { value: call.arguments[index], kind: 'bonjour' };
}

/** The kind of service type `node` takes when it is one of the known discovery APIs, whatever its argument. */
export function serviceTypeCallKind(node: Node, swift: boolean): ServiceTypeKind | undefined {
  const found = swift ? swiftServiceType(node)
    : node.type === 'message_expression' ? objcServiceType(node) : cServiceType(node);
  return found?.kind;
}

/**
 * The service-type string literal taken by `node` (a `call_expression` or `message_expression`), if
 * `node` is one of the known APIs and the argument is a plain literal.
 */
export function serviceTypeSite(node: Node, swift: boolean): ServiceTypeSite | undefined {
  const found = swift ? swiftServiceType(node)
    : node.type === 'message_expression' ? objcServiceType(node) : cServiceType(node);
  const value = plainStringValue(found?.value);
  if (!found?.value || value === undefined) return undefined;
  return { literal: found.value, value, kind: found.kind, call: node };
}

// ── Shape checks ─────────────────────────────────────────────────────────────────────────────────

/**
 * What is wrong with a Bonjour service type, following mDNSResponder's own checks (ConstructServiceName)
 * and RFC 6335's 15-character limit. Deliberately tolerated, because mDNSResponder accepts them: upper-case
 * letters (DNS compares case-insensitively), interior underscores (legacy types), names without a letter,
 * doubled hyphens, comma-separated subtypes, a trailing dot, and `_sub`/`_services._dns-sd` prefixes.
 */
export type BonjourProblem = 'underscore' | 'transport' | 'length' | 'characters' | 'domain' | 'format';

const TRANSPORT = /^_(tcp|udp)$/i;

function nameProblem(label: string): BonjourProblem | undefined {
  if (!label.startsWith('_')) return 'underscore';
  const name = label.slice(1);
  if (name.length === 0) return 'format';
  if (!/^[A-Za-z0-9_-]+$/.test(name) || /^[-_]|[-_]$/.test(name)) return 'characters';
  if (name.length > 15) return 'length';
  return undefined;
}

export function bonjourTypeProblem(text: string): BonjourProblem | undefined {
  if (text.length === 0) return undefined;
  let main = text.split(',')[0];
  if (main.endsWith('.')) main = main.slice(0, -1);
  const labels = main.split('.');
  if (labels.some((l) => l.length === 0)) return 'format';
  if (labels.length === 1) return labels[0].startsWith('_') ? 'transport' : 'format';
  const last = labels[labels.length - 1];
  if (!TRANSPORT.test(last)) {
    const transportAt = labels.findIndex((l) => TRANSPORT.test(l));
    if (transportAt > 0) return 'domain';
    if (labels.length === 2 && /^(tcp|udp)$/i.test(last)) return 'underscore';
    if (labels.length === 2 && last.startsWith('_')) return labels[0].startsWith('_') ? 'transport' : 'format';
    return 'format';
  }
  // `_printer._sub._http._tcp`, `_services._dns-sd._udp`: only the final type is checked; a prefix label
  // without an underscore (`MyPrinter._ipp._tcp`) is an instance name, not a type.
  if (labels.slice(0, -2).some((l) => !l.startsWith('_'))) return 'format';
  return nameProblem(labels[labels.length - 2]);
}

/** Multipeer's documented rule (MCNearbyServiceAdvertiser / MCNearbyServiceBrowser): 1-15 of [a-z0-9-], a letter, no edge or double hyphens. */
export function multipeerTypeProblem(text: string): boolean {
  if (text.length === 0 || text.length > 15) return true;
  // Upper case is tolerated (DNS names compare case-insensitively); everything else follows Apple's documented rule.
  if (!/^[A-Za-z0-9-]+$/.test(text)) return true;
  if (!/[A-Za-z]/.test(text)) return true;
  return text.startsWith('-') || text.endsWith('-') || text.includes('--');
}

/** For `"_game._tcp"` passed as a Multipeer serviceType: the bare name (`game`) when that is itself valid. */
export function multipeerNameFromBonjour(text: string): string | undefined {
  const match = /^_([A-Za-z0-9-]+)\._(tcp|udp)\.?$/i.exec(text);
  return match && !multipeerTypeProblem(match[1]) ? match[1] : undefined;
}

/** The transport a Bonjour type names: `tcp` for `…._tcp`, `udp` for `…._udp` (subtypes and a trailing dot allowed). */
export function bonjourTransport(text: string): 'tcp' | 'udp' | undefined {
  let main = text.split(',')[0];
  if (main.endsWith('.')) main = main.slice(0, -1);
  const match = /\._(tcp|udp)$/i.exec(main);
  return match ? (match[1].toLowerCase() as 'tcp' | 'udp') : undefined;
}
