// ne-private-necp-pf: NECP system calls and socket options, /dev/pf ioctls and pfctl run from code: neither NECP nor Packet Filter is API (TN3165).
import type { Node } from 'web-tree-sitter';
import { NECP_CONSTANTS, NECP_FUNCTIONS, PF_DEVICE, PF_IOCTL, PFCTL_COMMAND_WORD, PRIVATE_NET_HEADERS, PROCESS_FUNCTIONS, PROCESS_MEMBERS, PROCESS_SELECTORS, PROCESS_SWIFT_CALLS, TN3165_URL } from './apis/legacy-networking';
import { defineRule } from './rule';
import { cCall, objcMessage } from './syntax/c-family';
import { enclosingBodyId, inMessageCall, stringText } from './syntax/legacy-support';
import { swiftCall, swiftMember } from './syntax/swift';
import { ancestors } from './syntax/tree';
import { inInactiveRegion } from './syntax/conditional-compilation';

type Kind = 'necp' | 'pfDevice' | 'pfctl';
interface Candidate { node: Node; kind: Kind; body: number }

/** Outside a process launch, only an unmistakable pfctl command: `/sbin/pfctl…`, or `pfctl -x…` (optionally after `sudo`). */
const PFCTL_STANDALONE = /^(sudo\s+)?(\/sbin\/pfctl(\s|$)|pfctl\s+-)/;

/** Nodes where the search for an enclosing process launch stops. */
const STOP = new Set([
  'statements', 'function_body', 'class_body', 'source_file', 'compound_statement', 'translation_unit', 'lambda_literal', 'block_literal',
]);

/** The last member name of an assignment target (`task.arguments`, `self.task.launchPath`). */
function assignedMember(assignment: Node): string | undefined {
  if (assignment.type === 'assignment') {
    const target = assignment.childForFieldName('target')?.namedChildren[0];
    return target ? swiftMember(target)?.name : undefined;
  }
  if (assignment.type === 'assignment_expression') {
    const left = assignment.childForFieldName('left');
    return left?.type === 'field_expression' ? left.childForFieldName('field')?.text : undefined;
  }
  return undefined;
}

/** True when the string `node` is a command, executable path or argument of a process launch. */
function inProcessLaunch(node: Node): boolean {
  let depth = 0;
  let previous = node;
  for (const ancestor of ancestors(node)) {
    if (++depth > 10 || STOP.has(ancestor.type)) return false;
    if (ancestor.type === 'value_argument') {
      const label = ancestor.childForFieldName('name')?.text;
      if (label === 'launchPath' || label === 'arguments' || label === 'executableURL') return true;
    }
    if (ancestor.type === 'call_expression') {
      const c = cCall(ancestor);
      if (c && PROCESS_FUNCTIONS.has(c.name)) return true;
      const s = swiftCall(ancestor);
      if (s && (PROCESS_FUNCTIONS.has(s.name) || s.name === 'NSAppleScript'
        || (PROCESS_SWIFT_CALLS.has(s.name) && (s.receiver?.text === 'Process' || s.receiver?.text === 'NSTask')))) return true;
    }
    if (ancestor.type === 'message_expression') {
      const m = objcMessage(ancestor);
      if (m && (PROCESS_SELECTORS.has(m.selector) || m.selector === 'initWithSource:')) return true;
    }
    if ((ancestor.type === 'assignment' || ancestor.type === 'assignment_expression') && previous.id !== ancestor.namedChildren[0]?.id) {
      const member = assignedMember(ancestor);
      if (member && PROCESS_MEMBERS.has(member)) return true;
    }
    previous = ancestor;
  }
  return false;
}

/** `@_silgen_name("necp_open")` or `dlsym(handle, "necp_open")`: a string naming a symbol to bind to. */
function namesSymbol(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'attribute') return parent.namedChildren.some((c) => c?.text === '_silgen_name');
  let depth = 0;
  for (const ancestor of ancestors(node)) {
    if (++depth > 5) return false;
    if (ancestor.type === 'call_expression') return (cCall(ancestor)?.name ?? swiftCall(ancestor)?.name) === 'dlsym';
  }
  return false;
}

/** `#include <net/necp.h>` / `"pfvar.h"`: which private header, if any. */
function privateHeader(include: Node): Kind | undefined {
  const path = include.childForFieldName('path');
  if (!path) return undefined;
  const name = path.type === 'system_lib_string' ? path.text.slice(1, -1) : stringText(path)?.leading;
  if (!name) return undefined;
  for (const header of PRIVATE_NET_HEADERS) {
    const base = header.split('/').pop()!;
    if (name === header || name === base || name.endsWith(`/${header}`)) return base === 'necp.h' ? 'necp' : 'pfDevice';
  }
  return undefined;
}

export default defineRule({
  id: 'ne-private-necp-pf',
  title: 'NECP and Packet Filter are not API: no NECP syscalls, /dev/pf ioctls or pfctl from a product',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'medium',
  article: 'ne-private-necp-pf',
  triggers: [...NECP_FUNCTIONS, ...NECP_CONSTANTS, 'necp', 'pfvar', 'pf', 'pfctl', 'DIOC*'],
  sources: [
    'Apple Developer Forums: A Peek Behind the NECP Curtain (DTS): NECP has no API; what you find in Darwin is not API',
    'Apple Developer Forums: Network Extension Resources (DTS): TN3165 Packet Filter is not API; Network Extension vs ad hoc techniques on macOS',
    TN3165_URL,
    'https://developer.apple.com/forums/thread/741544 (Network Extension vs ad hoc techniques on macOS)',
    'https://developer.apple.com/documentation/technotes/tn3134-network-extension-provider-deployment',
  ],
  messages: {
    necp: 'NECP has no API (these calls, socket options and headers come from the Darwin sources and can change in any release): use the public controls instead, such as a Network Extension provider or NWParameters (requiredInterface, prohibitedInterfaceTypes).',
    pfDevice: 'Packet Filter is not API (TN3165): driving /dev/pf from a product clashes with rules that macOS, the user and other software install; build this on a Network Extension provider (content filter, packet tunnel, transparent or DNS proxy).',
    pfctl: 'Packet Filter is not API (TN3165): running pfctl from a product clashes with rules that macOS, the user and other software install; build this on a Network Extension provider (content filter, packet tunnel, transparent or DNS proxy).',
  },
  knownLimitations: [
    'One finding per function and kind (NECP, /dev/pf, pfctl); closures and blocks belong to their function.',
    'A raw `setsockopt(fd, SOL_SOCKET, 39, …)` (SO_NECP_ATTRIBUTES by number) and ioctl request codes computed by hand rather than named DIOC… are not recognised.',
    'A bare "pfctl" string is reported only as part of a process launch (system, popen, posix_spawn, exec…, NSTask/Process launchPath, executableURL or arguments, NSAppleScript); "/sbin/pfctl" and "pfctl -…" command lines are reported anywhere except in log, assertion and localised-text calls.',
    'Writing /etc/pf.conf or /etc/pf.anchors files is not reported (reading them for diagnostics is legitimate).',
    'Developer tools and admin scripts that deliberately manage a Mac\'s firewall will be reported; suppress the finding with a reason there.',
  ],
  create(context) {
    const swift = context.grammar === 'swift';
    const candidates: Candidate[] = [];
    const add = (node: Node, kind: Kind) => {
      if (!inInactiveRegion(node, context.grammar)) candidates.push({ node, kind, body: enclosingBodyId(node, context.grammar) });
    };
    const identifier = (node: Node) => {
      if (NECP_CONSTANTS.has(node.text)) add(node, 'necp');
    };
    const literal = (node: Node) => {
      const text = stringText(node);
      if (!text || node.parent?.type === 'concatenated_string' || node.parent?.type === 'preproc_include') return;
      const value = text.leading;
      if (text.complete && NECP_FUNCTIONS.has(value) && namesSymbol(node)) {
        add(node, 'necp');
        return;
      }
      const device = text.complete && value === PF_DEVICE;
      const command = PFCTL_STANDALONE.test(value) || (PFCTL_COMMAND_WORD.test(value) && inProcessLaunch(node));
      if ((device || command) && !inMessageCall(node)) add(node, device ? 'pfDevice' : 'pfctl');
    };
    return {
      preproc_include(node) {
        const kind = privateHeader(node);
        if (kind) add(node.childForFieldName('path') ?? node, kind);
      },
      call_expression(node) {
        let name: string | undefined;
        let nameNode: Node | undefined;
        let second: Node | undefined;
        if (swift) {
          const call = swiftCall(node);
          if (!call || call.receiver) return;
          ({ name, nameNode } = call);
          second = call.arguments[1]?.value;
        } else {
          const call = cCall(node);
          if (!call) return;
          ({ name, nameNode } = call);
          second = call.arguments[1];
        }
        if (NECP_FUNCTIONS.has(name)) add(nameNode, 'necp');
        else if (name === 'ioctl' && second && (second.type === 'identifier' || second.type === 'simple_identifier') && PF_IOCTL.test(second.text)) {
          add(second, 'pfDevice');
        }
      },
      identifier,
      simple_identifier: identifier,
      string_literal: literal,
      concatenated_string: literal,
      line_string_literal: literal,
      multi_line_string_literal: literal,
      'file:exit'() {
        const seen = new Set<string>();
        for (const candidate of candidates) {
          const key = `${candidate.body}:${candidate.kind}`;
          if (seen.has(key)) continue;
          seen.add(key);
          context.report({ node: candidate.node, messageId: candidate.kind });
        }
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `final class FirewallHelper {
    private let pfctlPath = ⟦"/sbin/pfctl"⟧

    func enableRules(anchor: String, file: String) throws {
        let task = Process()
        task.executableURL = URL(fileURLWithPath: pfctlPath)
        task.arguments = ["-a", anchor, "-f", file]
        try task.run()
    }
}`,
          messages: ['pfctl'],
        },
        {
          code: `func originalDestination(of pnl: inout pfioc_natlook) -> Bool {
    let fd = open(⟦"/dev/pf"⟧, O_RDONLY)
    defer { close(fd) }
    return ioctl(fd, DIOCNATLOOK, &pnl) == 0
}`,
          messages: ['pfDevice'],
          note: 'one finding per function for /dev/pf and its ioctl',
        },
        {
          code: `func disableFirewall() throws {
    try Process.run(URL(fileURLWithPath: "/usr/bin/sudo"), arguments: [⟦"pfctl"⟧, "-d"])
}`,
          messages: ['pfctl'],
          note: 'a bare pfctl argument of a process launch',
        },
        {
          code: `let script = NSAppleScript(source: ⟦"do shell script \\"/sbin/pfctl -E\\" with administrator privileges"⟧)
script?.executeAndReturnError(nil)`,
          messages: ['pfctl'],
        },
        {
          code: `typealias ClientAction = @convention(c) (Int32, UInt32, UnsafePointer<UInt8>?, Int, UnsafeMutableRawPointer?, Int) -> Int32
func clientAction() -> ClientAction? {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: -2), ⟦"necp_client_action"⟧) else { return nil }
    return unsafeBitCast(symbol, to: ClientAction.self)
}`,
          messages: ['necp'],
          note: 'looking the syscall up by name',
        },
        {
          code: `func tag(_ fd: Int32, _ attrs: UnsafeRawPointer, _ len: socklen_t) -> Int32 {
    setsockopt(fd, SOL_SOCKET, ⟦SO_NECP_ATTRIBUTES⟧, attrs, len)
}`,
          messages: ['necp'],
          note: 'the socket option (from a bridging header)',
        },
      ],
      valid: [
        {
          code: `logger.info("pfctl -s rules returned \\(status)")
print("/dev/pf")
let message = NSLocalizedString("Run sudo pfctl -d in Terminal to turn the firewall off.", comment: "")`,
          note: 'log lines and UI text',
        },
        {
          code: `// nw_protocol_socket_set_necp_attributes [C723.1.1:1] setsockopt 39 SO_NECP_ATTRIBUTES
let sample = "setsockopt 39 SO_NECP_ATTRIBUTES"
let device = "/dev/pfx"`,
          note: 'the NECP log line in a comment and a string, a different device path',
        },
        {
          code: `let tool = "pfctl"
let tools = ["pfctl": "Packet Filter", "dnctl": "dummynet"]`,
          note: 'a bare name outside any process launch',
        },
        {
          code: `#if false
let fd = open("/dev/pf", O_RDWR)
#endif
let provider = NEFilterManager.shared()`,
          note: 'compiled out',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: `@implementation PFController
- (void)loadAnchor:(NSString *)path {
    NSTask *task = [[NSTask alloc] init];
    task.launchPath = ⟦@"/sbin/pfctl"⟧;
    task.arguments = @[@"-a", @"com.example", @"-f", path];
    [task launch];
}
@end`,
          messages: ['pfctl'],
        },
        {
          code: `#include <net/if.h>
#include ⟦<net/pfvar.h>⟧

@implementation NATLookup
- (BOOL)lookup:(struct pfioc_natlook *)nl {
    int fd = open(⟦"/dev/pf"⟧, O_RDWR);
    return ioctl(fd, DIOCNATLOOK, nl) == 0;
}
@end`,
          messages: ['pfDevice', 'pfDevice'],
          note: 'the private header, then one finding in the method',
        },
        {
          code: `@implementation Shell
- (void)flush { system(⟦"echo 'block all' | pfctl -a com.example -f -"⟧); }
@end`,
          messages: ['pfctl'],
          note: 'pfctl inside a shell pipeline passed to system()',
        },
      ],
      valid: [
        {
          code: `@implementation Log
- (void)report { NSLog(@"opening /dev/pf failed: %d", errno); NSLog(@"%@", @"/sbin/pfctl -e"); }
@end`,
          note: 'log messages',
        },
        {
          code: `// int fd = open("/dev/pf", O_RDWR); ioctl(fd, DIOCADDRULE, &rule);
static NSString *const kHelp = @"Packet Filter (pfctl) is configured by your administrator.";`,
          note: 'comment and help text',
        },
        {
          code: `@implementation Filter
- (void)start {
    [NEFilterManager.sharedManager loadFromPreferencesWithCompletionHandler:^(NSError *error) {}];
    int r = ioctl(self.fd, FIONREAD, &self.available);
}
@end`,
          note: 'Network Extension and an unrelated ioctl',
        },
      ],
    },
    c: {
      invalid: [
        {
          code: `#include ⟦<net/necp.h>⟧

int open_policy_session(void) {
    return ⟦necp_session_open⟧(0);
}`,
          messages: ['necp', 'necp'],
        },
        {
          code: `int add_rule(int dev, struct pfioc_rule *pr) {
    if (ioctl(dev, ⟦DIOCADDRULE⟧, pr) == -1) return -1;
    return ioctl(dev, DIOCCOMMITRULES, pr);
}`,
          messages: ['pfDevice'],
        },
        {
          code: `int tag_socket(int fd, const void *attrs, socklen_t len) {
    return setsockopt(fd, SOL_SOCKET, ⟦SO_NECP_ATTRIBUTES⟧, attrs, len);
}

int enable_pf(void) {
    return system(⟦"/sbin/pfctl -E"⟧);
}`,
          messages: ['necp', 'pfctl'],
        },
        {
          code: `int spawn_pfctl(pid_t *pid, char *const argv[], char *const envp[]) {
    return posix_spawn(pid, ⟦"/sbin/pfctl"⟧, NULL, NULL, argv, envp);
}`,
          messages: ['pfctl'],
        },
      ],
      valid: [
        {
          code: `/* necp_client_action(fd, 1, uuid, 16, buf, len) shows up in the logs */
const char *trace = "necp_client_action";
const char *dev = "/dev/pfx";`,
          note: 'comment and strings',
        },
        {
          code: `#if 0
int legacy(void) { return open("/dev/pf", 2); }
#endif
int ok(int fd) { return ioctl(fd, FIONBIO, 0); }`,
          note: 'compiled out, and an unrelated ioctl',
        },
        {
          code: `void report(int err) {
    fprintf(stderr, "%s: %d\\n", "/dev/pf", err);
    syslog(LOG_ERR, "pfctl -e failed");
}`,
          note: 'log calls',
        },
      ],
    },
  },
});
