// threadnetwork-entitlement: ThreadNetwork (THClient) use, a reminder that the Thread credentials entitlement must be in the target's .entitlements.
import type { Node } from 'web-tree-sitter';
import { defineRule } from './rule';
import { objcMessage } from './syntax/c-family';

const MODULE = 'ThreadNetwork';
const CLIENT = 'THClient';

export default defineRule({
  id: 'threadnetwork-entitlement',
  title: 'ThreadNetwork (THClient) needs the Thread network credentials entitlement',
  languages: ['swift', 'objc'],
  defaultSeverity: 'off',
  confidence: 'low',
  article: 'threadnetwork-entitlement',
  triggers: ['THClient', 'ThreadNetwork'],
  sources: [
    'Apple Developer Forums: Thread Network API not working (user report: storeCredentials fails with NSCocoaErrorDomain 4099 although the capability was added)',
    'Apple Developer Forums: ThreadNetwork on macOS fails at THClient init (user report: NSCocoaErrorDomain 4097)',
    'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.networking.manage-thread-network-credentials',
    'https://developer.apple.com/documentation/threadnetwork/thclient',
    'https://developer.apple.com/documentation/threadnetwork/managing-thread-network-credentials',
  ],
  messages: {
    entitlement: 'THClient only reaches the ThreadNetwork service when the app is signed with com.apple.developer.networking.manage-thread-network-credentials (the Thread Network capability): make sure the target\'s .entitlements has it set to true, and if XPC errors 4097/4099 persist with it, look at the other causes in the article.',
  },
  knownLimitations: [
    'This is a code-side reminder only: the rule cannot yet read the target\'s .entitlements file, so it reports once per file that creates a THClient (or imports ThreadNetwork) whether or not the entitlement is present. The real check (entitlement missing) comes with the project-files rules; until then the rule ships off.',
    'The entitlement is necessary, not sufficient: forum reports show the same XPC errors with the entitlement in place.',
  ],
  create(context) {
    let firstClient: Node | undefined;
    let firstImport: Node | undefined;
    const noteImport = (node: Node, module: string | undefined) => {
      if (!firstImport && module === MODULE) firstImport = node;
    };
    return {
      import_declaration(node) {
        const path = node.namedChildren.find((c) => c?.type === 'identifier');
        noteImport(node, path?.namedChildren[0]?.text ?? path?.text);
      },
      module_import(node) { noteImport(node, node.childForFieldName('path')?.text); },
      preproc_include(node) {
        const path = node.childForFieldName('path');
        if (path?.type === 'system_lib_string') noteImport(node, /^<([^/>]+)\//.exec(path.text)?.[1]);
      },
      call_expression(node) {
        if (firstClient || context.grammar !== 'swift') return;
        const callee = node.namedChild(0);
        if (callee?.type === 'simple_identifier' && callee.text === CLIENT) firstClient = callee;
      },
      message_expression(node) {
        if (firstClient) return;
        const message = objcMessage(node);
        if (message?.receiver?.type === 'identifier' && message.receiver.text === CLIENT && (message.selector === 'alloc' || message.selector === 'new')) {
          firstClient = message.receiver;
        }
      },
      'file:exit'() {
        const at = firstClient ?? firstImport;
        if (at) context.report({ node: at });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: `import ThreadNetwork

final class BorderRouterSetup {
    private let client = ⟦THClient⟧()

    func store(agent: Data, dataset: Data) async throws {
        try await client.storeCredentials(forBorderAgent: agent, activeOperationalDataSet: dataset)
    }
}`,
          note: 'flagged at the client, once per file',
        },
        {
          code: `⟦import ThreadNetwork⟧

func preferred(using client: THClient) async throws -> THCredentials {
    try await client.preferredCredentials()
}`,
          note: 'no construction here: the import',
        },
        {
          code: `import Foundation
import ThreadNetwork

func isPreferredAvailable() async -> Bool {
    let client = ⟦THClient⟧()
    let other = THClient()
    return await client.isPreferredAvailable() && other !== client
}`,
          note: 'only the first client',
        },
      ],
      valid: [
        { code: '// THClient() needs the Thread Network capability\nlet hint = "import ThreadNetwork"', note: 'comment and string' },
        { code: 'import Network\nlet browser = NWBrowser(for: .bonjour(type: "_meshcop._udp", domain: nil), using: .udp)', note: 'browsing MeshCoP with Network framework' },
        { code: 'final class THClientMock { func retrieveAllCredentials() {} }\nlet mock = THClientMock()', note: 'a look-alike type' },
      ],
    },
    objc: {
      invalid: [
        {
          code: `#import <ThreadNetwork/ThreadNetwork.h>

@implementation Commissioner
- (void)start {
    self.client = [[⟦THClient⟧ alloc] init];
}
@end`,
        },
        {
          code: `⟦@import ThreadNetwork;⟧

@implementation CredentialsReader
- (void)readWith:(THClient *)client {
    [client retrieveAllCredentials:^(NSSet<THCredentials *> *credentials, NSError *error) {}];
}
@end`,
          note: 'no construction: the import',
        },
        {
          code: `@implementation Commissioner
- (THClient *)makeClient { return [⟦THClient⟧ new]; }
@end`,
          note: 'framework imported through a header',
        },
      ],
      valid: [
        { code: '#import "THClientWrapper.h"\nNSString *hint = @"THClient";', note: 'a local header and a string' },
        { code: '@implementation Wrapper\n- (void)start { self.client = [[THClientWrapper alloc] init]; }\n@end', note: 'a look-alike class' },
        { code: '// [[THClient alloc] init] needs the entitlement\n@implementation Empty\n@end', note: 'comment' },
      ],
    },
  },
});
