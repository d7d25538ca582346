// mpc-framework-use: Multipeer Connectivity in a file; Apple recommends Network framework instead.
import type { Node } from 'web-tree-sitter';
import { MPC_DEPRECATION, MPC_MODULE, MPC_TYPES } from './apis/multipeer';
import { defineRule } from './rule';

/** `import MultipeerConnectivity` or `import MultipeerConnectivity.MCSession` (Swift). */
function isSwiftImport(node: Node): boolean {
  const path = node.namedChildren.find((c) => c.type === 'identifier');
  return path !== undefined && (path.text === MPC_MODULE || path.text.startsWith(`${MPC_MODULE}.`));
}

/** `@import MultipeerConnectivity;` (Objective-C modules). */
function isModuleImport(node: Node): boolean {
  const path = node.childForFieldName('path');
  return path !== null && (path.text === MPC_MODULE || path.text.startsWith(`${MPC_MODULE}.`));
}

/** `#import <MultipeerConnectivity/…>` or `#include`. */
function isHeaderInclude(node: Node): boolean {
  const path = node.childForFieldName('path');
  return path !== null && path.type === 'system_lib_string' && path.text.startsWith(`<${MPC_MODULE}/`);
}

export default defineRule({
  id: 'mpc-framework-use',
  aliases: ['mpc-framework-deprecated'],
  title: 'Multipeer Connectivity is deprecated: use Network framework',
  languages: ['swift', 'objc'],
  defaultSeverity: 'info',
  confidence: 'high',
  article: 'mpc-framework-use',
  triggers: [MPC_MODULE, ...MPC_TYPES],
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS)',
    'https://developer.apple.com/documentation/multipeerconnectivity',
    'https://developer.apple.com/documentation/network',
  ],
  deprecated: MPC_DEPRECATION,
  messages: {
    import: 'Multipeer Connectivity is deprecated and has no flow control; move peer-to-peer networking to Network framework (NWListener, NWBrowser, NWConnection).',
  },
  knownLimitations: [
    'A file that uses Multipeer types without importing the module (a bridging or umbrella header imports it) is flagged at the first type use.',
  ],
  create(context) {
    let firstImport: Node | undefined;
    let firstUse: Node | undefined;
    const noteType = (node: Node) => {
      if (!firstUse && MPC_TYPES.has(node.text)) firstUse = node;
    };
    return {
      import_declaration(node) { if (!firstImport && isSwiftImport(node)) firstImport = node; },
      module_import(node) { if (!firstImport && isModuleImport(node)) firstImport = node; },
      preproc_include(node) { if (!firstImport && isHeaderInclude(node)) firstImport = node; },
      type_identifier: noteType,
      // Swift call `MCSession(peer:)` and ObjC `[MCSession alloc]` name the class as a plain identifier.
      simple_identifier: noteType,
      identifier: noteType,
      'file:exit'() {
        const at = firstImport ?? firstUse;
        if (at) context.report({ node: at });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        '⟦import MultipeerConnectivity⟧\n\nfinal class Chat { var session: MCSession? }',
        'import Foundation\n⟦import MultipeerConnectivity⟧\nimport Network\n',
        { code: '// The framework comes in through a bridging header.\nlet peer = ⟦MCPeerID⟧(displayName: "Pad")\nlet session = MCSession(peer: peer)', note: 'no import: first type use' },
        '⟦import MultipeerConnectivity.MCSession⟧',
      ],
      valid: [
        '// import MultipeerConnectivity was removed in favour of Network framework\nimport Network',
        'let title = "MCSession and MCPeerID are gone"\nprint(title)',
        { code: 'final class MCSessionManager { let MCPeerIDKey = "peer" }', note: 'names that merely start with MC' },
        'import Network\nlet listener = try NWListener(using: .tcp)',
      ],
    },
    objc: {
      invalid: [
        '⟦@import MultipeerConnectivity;⟧\n@interface Chat : NSObject @end',
        '#import <Foundation/Foundation.h>\n⟦#import <MultipeerConnectivity/MultipeerConnectivity.h>⟧\n',
        { code: '@implementation Chat\n- (void)start {\n  ⟦MCPeerID⟧ *peer = [[MCPeerID alloc] initWithDisplayName:@"Mac"];\n}\n@end', note: 'no import: first type use' },
      ],
      valid: [
        '#import <Network/Network.h>\n// MCSession was replaced by nw_connection_t',
        '#import "MultipeerConnectivityShim.h"\nNSString *name = @"MCSession";',
        '@interface MCSessionWrapper : NSObject\n@property (nonatomic) NSString *MCPeerIDString;\n@end',
      ],
    },
  },
});
