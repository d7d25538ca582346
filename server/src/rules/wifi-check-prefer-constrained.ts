// wifi-check-prefer-constrained: a Wi-Fi / cellular interface-type check that decides whether a big transfer runs.
import type { Node } from 'web-tree-sitter';
import { C_GATED_INTERFACE_TYPES, SWIFT_GATED_INTERFACE_TYPES, TRANSFER_NAME } from './apis/interfaces';
import { defineRule } from './rule';
import { cCall, objcMessage } from './syntax/c-family';
import { isSwiftBinary, inactiveRegionTest } from './syntax/iface-syntax';
import { swiftCall, swiftImplicitMember, swiftMember } from './syntax/swift';
import { descendants } from './syntax/tree';

/** Checks that already take Low Data Mode / expensive paths into account. */
const CONSTRAINED_NAMES = new Set(['isConstrained', 'isExpensive', 'nw_path_is_constrained', 'nw_path_is_expensive']);

/** `downloadAll`, `startSync`, `preferredPeakBitRate`, `resume` — not `async`, not `fetchCurrent`. */
function isTransferName(name: string): boolean {
  if (TRANSFER_NAME.test(name)) return true;
  return name.split(/(?=[A-Z])|_/).some((part) => /^(sync|synchronize)$/i.test(part));
}

/** A Swift `.wifi` / `NWInterface.InterfaceType.cellular` argument. */
function swiftInterfaceType(value: Node | undefined): string | undefined {
  if (!value) return undefined;
  const name = swiftImplicitMember(value) ?? swiftMember(value)?.name;
  return name && SWIFT_GATED_INTERFACE_TYPES.has(name) ? name : undefined;
}

/** The last segment of a path: `monitor` for `self.monitor`, `_monitor`, `self->_monitor`. */
function lastSegment(text: string): string {
  const parts = text.replace(/[\s?!()]/g, '').split(/\.|->/);
  return (parts[parts.length - 1] ?? '').replace(/^_+/, '');
}

interface Gate {
  /** The if / guard / while / ternary whose condition holds the check. */
  statement: Node;
  /** Where the gated work is: the statement, plus what follows a `guard`. */
  region: Node[];
}

const SWIFT_CONDITION_HOLDERS = new Set(['if_statement', 'guard_statement', 'while_statement']);
const C_CONDITION_HOLDERS = new Set(['if_statement', 'while_statement', 'conditional_expression']);

function followingSiblings(node: Node): Node[] {
  const out: Node[] = [];
  for (let s = node.nextNamedSibling; s; s = s.nextNamedSibling) out.push(s);
  return out;
}

/** The statement whose condition a value feeds, climbing through `!`, `&&`, `||`, `==` and parentheses. */
function swiftGate(call: Node): Gate | undefined {
  let node = call;
  for (let parent = node.parent; parent; parent = node.parent) {
    const passes = isSwiftBinary(parent) || (parent.type === 'prefix_expression' && parent.child(0)?.text === '!')
      || (parent.type === 'tuple_expression' && parent.namedChildCount === 1);
    if (!passes) break;
    node = parent;
  }
  const parent = node.parent;
  if (!parent) return undefined;
  if (SWIFT_CONDITION_HOLDERS.has(parent.type) && !['statements'].includes(node.type)) {
    return { statement: parent, region: parent.type === 'guard_statement' ? [parent, ...followingSiblings(parent)] : [parent] };
  }
  if (parent.type === 'ternary_expression' && parent.childForFieldName('condition')?.id === node.id) return { statement: parent, region: [parent] };
  // `let onWiFi = path.usesInterfaceType(.wifi)` then `if onWiFi { … }` in the same block.
  if (parent.type === 'property_declaration' && parent.childForFieldName('value')?.id === node.id) {
    const name = parent.childForFieldName('name')?.childForFieldName('bound_identifier')?.text;
    if (!name) return undefined;
    for (const sibling of followingSiblings(parent)) {
      if (!SWIFT_CONDITION_HOLDERS.has(sibling.type)) continue;
      const conditions = sibling.children.filter((c): c is Node => !!c && sibling.fieldNameForChild(sibling.children.indexOf(c)) === 'condition');
      if (conditions.some((c) => c.text === name || [...descendants(c)].some((d) => d.type === 'simple_identifier' && d.text === name))) {
        return { statement: sibling, region: sibling.type === 'guard_statement' ? [sibling, ...followingSiblings(sibling)] : [sibling] };
      }
    }
  }
  return undefined;
}

function cGate(call: Node): Gate | undefined {
  let node = call;
  for (let parent = node.parent; parent; parent = node.parent) {
    const passes = parent.type === 'parenthesized_expression' || parent.type === 'binary_expression'
      || (parent.type === 'unary_expression' && parent.childForFieldName('operator')?.text === '!');
    if (!passes) break;
    node = parent;
  }
  const parent = node.parent;
  if (!parent) return undefined;
  if (C_CONDITION_HOLDERS.has(parent.type) && parent.childForFieldName('condition')?.id === node.id) return { statement: parent, region: [parent] };
  // `bool onWiFi = nw_path_uses_interface_type(…);` then `if (onWiFi)`.
  if (parent.type === 'init_declarator' && parent.childForFieldName('value')?.id === node.id && parent.parent?.type === 'declaration') {
    const name = parent.childForFieldName('declarator')?.text;
    for (const sibling of followingSiblings(parent.parent)) {
      const condition = C_CONDITION_HOLDERS.has(sibling.type) ? sibling.childForFieldName('condition') : null;
      if (condition && [...descendants(condition)].some((d) => d.type === 'identifier' && d.text === name)) return { statement: sibling, region: [sibling] };
    }
  }
  return undefined;
}

/** Names of calls, messages and assigned properties under `root` that move bulk data. */
function hasTransfer(roots: Node[]): boolean {
  for (const root of roots) {
    for (const n of [root, ...descendants(root)]) {
      let name: string | undefined;
      if (n.type === 'call_expression') name = swiftCall(n)?.name ?? cCall(n)?.name;
      else if (n.type === 'message_expression') name = objcMessage(n)?.keywords[0]?.name;
      else if (n.type === 'assignment') name = lastSegment(n.childForFieldName('target')?.text ?? '');
      else if (n.type === 'assignment_expression') name = lastSegment(n.childForFieldName('left')?.text ?? '');
      if (name && isTransferName(name)) return true;
    }
  }
  return false;
}

/** The condition already considers constrained / expensive paths. */
function mentionsConstrained(statement: Node): boolean {
  for (const n of descendants(statement, (d) => d.type === 'statements' || d.type === 'compound_statement')) {
    if ((n.type === 'simple_identifier' || n.type === 'identifier') && CONSTRAINED_NAMES.has(n.text)) return true;
  }
  return false;
}

/** Callee texts worth parsing: `path.usesInterfaceType`, `NWPathMonitor`, `nw_path_…`. */
const CALLEES = /(usesInterfaceType|NWPathMonitor|^nw_path_uses_interface_type|^nw_path_monitor_create_with_type|^nw_path_monitor_set_update_handler)$/;

interface Monitor { report: Node; name: string }
interface Handler { owner: string; body: Node }

export default defineRule({
  id: 'wifi-check-prefer-constrained',
  title: 'Wi-Fi / cellular interface check used to decide on a large transfer: use constrained and expensive paths',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'hint',
  confidence: 'medium',
  article: 'wifi-check-prefer-constrained',
  sources: [
    'Apple Developer Forums: Networking Resources (DTS): "How do I check whether I\'m on Wi-Fi?" is answered by constrained networking (WWDC 2019 session 712)',
    'https://developer.apple.com/videos/play/wwdc2019/712/',
    'https://developer.apple.com/documentation/network/nwpath/isconstrained',
    'https://developer.apple.com/documentation/network/nwpath/isexpensive',
    'https://developer.apple.com/documentation/foundation/urlsessionconfiguration/allowsconstrainednetworkaccess',
    'https://developer.apple.com/documentation/foundation/urlsessionconfiguration/allowsexpensivenetworkaccess',
    'https://developer.apple.com/documentation/network/nwparameters/prohibitconstrainedpaths',
  ],
  messages: {
    usesType: 'Deciding on a big transfer by interface type ignores Low Data Mode and expensive Wi-Fi (a hotspot is Wi-Fi too): check NWPath.isConstrained / isExpensive, or set allowsConstrainedNetworkAccess / allowsExpensiveNetworkAccess = false on the request and let the system decide.',
    usesTypeC: 'Deciding on a big transfer by interface type ignores Low Data Mode and expensive Wi-Fi (a hotspot is Wi-Fi too): check nw_path_is_constrained / nw_path_is_expensive, or prohibit constrained and expensive paths in the parameters.',
    monitor: 'A path monitor restricted to one interface type, used to start transfers, ignores Low Data Mode and expensive Wi-Fi: monitor all paths and gate the work on isConstrained / isExpensive (or allowsConstrainedNetworkAccess / allowsExpensiveNetworkAccess on the requests).',
  },
  knownLimitations: [
    'A check only counts as gating when it sits in an if / guard / while / ternary condition, directly or through a local Bool declared just before, and the guarded code calls or assigns something whose name says it moves data (download, upload, sync, prefetch, backup, transfer, bitrate, resume, dataTask…). Flags stored in properties and read in other functions are not followed.',
    'A path monitor restricted to .wifi / .cellular is flagged only when its pathUpdateHandler (matched by the monitor\'s variable or property name in the same file) starts such work.',
    'Conditions that already test isConstrained / isExpensive are left alone; checks of availableInterfaces types and SCNetworkReachability flags are not covered here.',
  ],
  triggers: ['usesInterfaceType', 'nw_path_uses_interface_type', 'requiredInterfaceType', 'nw_path_monitor_create_with_type'],
  create(context) {
    const inactive = inactiveRegionTest(context.text, context.grammar);
    const swift = context.grammar === 'swift';
    const found: { node: Node; messageId: string }[] = [];
    const monitors: Monitor[] = [];
    const handlers: Handler[] = [];
    const gateCheck = (call: Node, report: Node, messageId: string) => {
      const gate = swift ? swiftGate(call) : cGate(call);
      if (gate && !mentionsConstrained(gate.statement) && hasTransfer(gate.region)) found.push({ node: report, messageId });
    };
    const monitorName = (expression: Node): string | undefined => {
      const parent = expression.parent;
      if (!parent) return undefined;
      if (parent.type === 'property_declaration' && parent.childForFieldName('value')?.id === expression.id) {
        return parent.childForFieldName('name')?.childForFieldName('bound_identifier')?.text;
      }
      if (parent.type === 'assignment' && parent.childForFieldName('result')?.id === expression.id) {
        return lastSegment(parent.childForFieldName('target')?.text ?? '');
      }
      if (parent.type === 'init_declarator' && parent.childForFieldName('value')?.id === expression.id) {
        return lastSegment(parent.childForFieldName('declarator')?.text.replace(/^\*+/, '') ?? '');
      }
      if (parent.type === 'assignment_expression' && parent.childForFieldName('right')?.id === expression.id) {
        return lastSegment(parent.childForFieldName('left')?.text ?? '');
      }
      return undefined;
    };
    return {
      call_expression(node) {
        // Cheap test on the callee's text before parsing the call.
        const callee = (swift ? node.namedChild(0) : node.childForFieldName('function'))?.text ?? '';
        if (!CALLEES.test(callee)) return;
        if (swift) {
          const call = swiftCall(node);
          if (!call) return;
          if (call.name === 'usesInterfaceType' && call.receiver && call.arguments.length === 1
            && swiftInterfaceType(call.arguments[0].value)) {
            gateCheck(node, call.nameNode, 'usesType');
          } else if (call.name === 'NWPathMonitor' && !call.receiver) {
            const argument = call.arguments.find((a) => a.label === 'requiredInterfaceType');
            const name = monitorName(node);
            if (argument && swiftInterfaceType(argument.value) && name) monitors.push({ report: argument.node, name });
          }
          return;
        }
        const call = cCall(node);
        if (!call) return;
        if (call.name === 'nw_path_uses_interface_type' && call.arguments.length === 2 && C_GATED_INTERFACE_TYPES.has(call.arguments[1].text)) {
          gateCheck(node, call.nameNode, 'usesTypeC');
        } else if (call.name === 'nw_path_monitor_create_with_type' && C_GATED_INTERFACE_TYPES.has(call.arguments[0]?.text ?? '')) {
          const name = monitorName(node);
          if (name) monitors.push({ report: call.nameNode, name });
        } else if (call.name === 'nw_path_monitor_set_update_handler' && call.arguments.length === 2 && call.arguments[1].type === 'block_literal') {
          handlers.push({ owner: lastSegment(call.arguments[0].text), body: call.arguments[1] });
        }
      },
      assignment(node) {
        const target = node.childForFieldName('target')?.namedChild(0);
        const member = target ? swiftMember(target) : undefined;
        const result = node.childForFieldName('result');
        if (member?.name === 'pathUpdateHandler' && member.target && result?.type === 'lambda_literal') {
          handlers.push({ owner: lastSegment(member.target.text), body: result });
        }
      },
      'file:exit'() {
        for (const monitor of monitors) {
          if (handlers.some((h) => h.owner === monitor.name && hasTransfer([h.body]))) found.push({ node: monitor.report, messageId: 'monitor' });
        }
        found.sort((a, b) => a.node.startIndex - b.node.startIndex);
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
          code: 'monitor.pathUpdateHandler = { path in\n    if path.⟦usesInterfaceType⟧(.wifi) {\n        self.libraryStore.downloadPendingEpisodes()\n    }\n}',
        },
        {
          code: 'func syncIfAppropriate(on path: NWPath) {\n    guard !path.⟦usesInterfaceType⟧(.cellular) else { return }\n    photoUploader.startUpload()\n}',
          note: 'guard: the work follows the guard',
        },
        {
          code: 'func configurePlayer(for path: NWPath) {\n    let onCellular = path.⟦usesInterfaceType⟧(.cellular)\n    if onCellular {\n        player.currentItem?.preferredPeakBitRate = 800_000\n    }\n}',
          note: 'through a local Bool',
        },
        {
          code: 'final class PrefetchController {\n    private let wifiMonitor = NWPathMonitor(⟦requiredInterfaceType: .wifi⟧)\n\n    func start() {\n        wifiMonitor.pathUpdateHandler = { [weak self] path in\n            guard path.status == .satisfied else { return }\n            self?.prefetchArticles()\n        }\n        wifiMonitor.start(queue: .main)\n    }\n}',
          messages: ['monitor'],
          note: 'a monitor limited to Wi-Fi that starts prefetching',
        },
      ],
      valid: [
        {
          code: 'monitor.pathUpdateHandler = { path in\n    DispatchQueue.main.async {\n        self.statusLabel.text = path.usesInterfaceType(.wifi) ? "Wi-Fi" : "Cellular"\n    }\n}',
          note: 'only displays the interface',
        },
        {
          code: 'if path.usesInterfaceType(.wifi) && !path.isConstrained && !path.isExpensive {\n    downloader.downloadAll()\n}\nif path.usesInterfaceType(.wiredEthernet) {\n    downloader.downloadAll()\n}',
          note: 'already checks Low Data Mode; Ethernet',
        },
        {
          code: 'let accessoryMonitor = NWPathMonitor(requiredInterfaceType: .wifi)\naccessoryMonitor.pathUpdateHandler = { path in\n    self.isJoinedToAccessory = path.status == .satisfied\n}\n// if path.usesInterfaceType(.wifi) { downloadAll() }',
          note: 'Wi-Fi accessory set-up; a comment',
        },
        {
          code: 'if path.isConstrained {\n    downloader.pause()\n} else {\n    downloader.downloadAll()\n}\nlet request = URLRequest(url: url)\nif reachability.usesInterfaceType(.wifi) { log("wifi") }',
          note: 'the recommended check; a non-gating use',
        },
        {
          code: 'func startMonitor(kind: Kind) {\n    var monitor: NWPathMonitor\n    switch kind {\n    case .cellular: monitor = NWPathMonitor(requiredInterfaceType: .cellular)\n    case .wifi: monitor = NWPathMonitor(requiredInterfaceType: .wifi)\n    }\n    monitor.pathUpdateHandler = { path in\n        DispatchQueue.main.async { self.state = path.status }\n    }\n    monitor.start(queue: .main)\n}',
          note: 'monitors that only publish state (async is not sync)',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: 'nw_path_monitor_set_update_handler(monitor, ^(nw_path_t path) {\n    if (⟦nw_path_uses_interface_type⟧(path, nw_interface_type_wifi)) {\n        [self.syncEngine startFullSync];\n    }\n});',
          messages: ['usesTypeC'],
        },
        {
          code: '- (void)pathChanged:(nw_path_t)path {\n    if (!⟦nw_path_uses_interface_type⟧(path, nw_interface_type_cellular)) {\n        [self.downloader downloadMissingChapters];\n    }\n}',
          messages: ['usesTypeC'],
        },
        {
          code: '- (void)startMonitoring {\n    self.monitor = ⟦nw_path_monitor_create_with_type⟧(nw_interface_type_wifi);\n    nw_path_monitor_set_update_handler(self.monitor, ^(nw_path_t path) {\n        if (nw_path_get_status(path) == nw_path_status_satisfied) { [self uploadPendingPhotos]; }\n    });\n    nw_path_monitor_start(self.monitor);\n}',
          messages: ['monitor'],
        },
      ],
      valid: [
        {
          code: 'nw_path_monitor_set_update_handler(monitor, ^(nw_path_t path) {\n    if (nw_path_is_constrained(path) || nw_path_is_expensive(path)) {\n        [self.downloadQueue pause];\n    }\n});',
          note: 'the recommended checks',
        },
        {
          code: 'BOOL wifi = nw_path_uses_interface_type(path, nw_interface_type_wifi);\nself.iconView.image = [UIImage systemImageNamed:wifi ? @"wifi" : @"antenna.radiowaves.left.and.right"];',
          note: 'display only',
        },
        {
          code: 'nw_path_monitor_t monitor = nw_path_monitor_create_with_type(nw_interface_type_wifi);\nnw_path_monitor_set_update_handler(monitor, ^(nw_path_t path) {\n    [self.setupController wifiDidChange:nw_path_get_status(path) == nw_path_status_satisfied];\n});',
          note: 'accessory set-up monitor',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: 'static void path_changed(nw_path_t path) {\n    if (⟦nw_path_uses_interface_type⟧(path, nw_interface_type_wifi)) {\n        start_backup();\n    }\n}',
          messages: ['usesTypeC'],
        },
        {
          code: 'static void update(nw_path_t path, struct sync_state *state) {\n    bool cellular = ⟦nw_path_uses_interface_type⟧(path, nw_interface_type_cellular);\n    if (cellular) {\n        pause_transfers(state);\n    }\n}',
          messages: ['usesTypeC'],
        },
        {
          code: 'void watch_wifi(dispatch_queue_t queue) {\n    nw_path_monitor_t monitor = ⟦nw_path_monitor_create_with_type⟧(nw_interface_type_wifi);\n    nw_path_monitor_set_update_handler(monitor, ^(nw_path_t path) {\n        if (nw_path_get_status(path) == nw_path_status_satisfied) download_catalog();\n    });\n    nw_path_monitor_set_queue(monitor, queue);\n    nw_path_monitor_start(monitor);\n}',
          messages: ['monitor'],
        },
      ],
      valid: [
        {
          code: 'static void path_changed(nw_path_t path) {\n    if (nw_path_is_expensive(path)) { pause_transfers(); }\n    printf("wifi=%d\\n", nw_path_uses_interface_type(path, nw_interface_type_wifi));\n}',
          note: 'recommended check; logging',
        },
        {
          code: 'static void path_changed(nw_path_t path) {\n    if (nw_path_uses_interface_type(path, nw_interface_type_wired)) { start_backup(); }\n    /* if (nw_path_uses_interface_type(path, nw_interface_type_wifi)) start_backup(); */\n}',
          note: 'wired Ethernet; a comment',
        },
        {
          code: 'static void path_changed(nw_path_t path) {\n    if (nw_path_uses_interface_type(path, nw_interface_type_wifi) && !nw_path_is_constrained(path)) {\n        start_backup();\n    }\n}',
          note: 'also checks Low Data Mode',
        },
      ],
    },
  },
});
