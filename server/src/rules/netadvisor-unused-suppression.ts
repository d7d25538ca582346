// netadvisor-unused-suppression: a suppression comment that suppresses nothing (the engine reports it).
import { defineRule } from './rule';

export default defineRule({
  id: 'netadvisor-unused-suppression',
  title: 'Suppression comment that suppresses nothing',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'hint',
  confidence: 'high',
  article: 'suppressions',
  triggers: ['netadvisor'],
  sources: ['NetAdvisor suppression comments (knowledge/articles/suppressions.md)'],
  messages: {
    unused: 'This netadvisor-disable comment suppresses nothing for {{ids}}; remove it so it cannot hide a future finding.',
  },
  // The engine emits this finding after applying suppressions; the rule only carries its metadata.
  create: () => ({}),
  examples: {
    swift: {
      invalid: [
        { code: '⟦// netadvisor-disable-next-line mpc-framework-use⟧\nimport Network', messages: ['This netadvisor-disable comment suppresses nothing for mpc-framework-use; remove it so it cannot hide a future finding.'] },
        { code: 'import Network ⟦// netadvisor-disable-line mpc-framework-use -- old⟧', messages: ['This netadvisor-disable comment suppresses nothing for mpc-framework-use; remove it so it cannot hide a future finding.'] },
        { code: '⟦/* netadvisor-disable-file */⟧\nlet x = 1', messages: ['This netadvisor-disable comment suppresses nothing for any rule; remove it so it cannot hide a future finding.'] },
      ],
      valid: [
        '// netadvisor-disable-next-line mpc-framework-use -- legacy iOS 16 target\nimport MultipeerConnectivity',
        'import MultipeerConnectivity // netadvisor-disable-line mpc-framework-use',
        '/* netadvisor-disable-file mpc-framework-use */\nimport Foundation\nimport MultipeerConnectivity',
        { code: '// netadvisor-disable-next-line nw-made-up-rule\nlet x = 1', note: 'unknown ids are reported by the invalid-suppression rule instead' },
      ],
    },
    objc: {
      invalid: [
        { code: '⟦// netadvisor-disable-next-line mpc-framework-use⟧\n#import <Network/Network.h>', messages: ['This netadvisor-disable comment suppresses nothing for mpc-framework-use; remove it so it cannot hide a future finding.'] },
        { code: '#import <Network/Network.h> ⟦/* netadvisor-disable-line mpc-framework-use */⟧', messages: ['This netadvisor-disable comment suppresses nothing for mpc-framework-use; remove it so it cannot hide a future finding.'] },
        { code: '⟦// netadvisor-disable-file⟧\nint x = 1;', messages: ['This netadvisor-disable comment suppresses nothing for any rule; remove it so it cannot hide a future finding.'] },
      ],
      valid: [
        '// netadvisor-disable-next-line mpc-framework-use -- kept for the macOS 12 build\n@import MultipeerConnectivity;',
        '#import <MultipeerConnectivity/MultipeerConnectivity.h> // netadvisor-disable-line mpc-framework-use',
        '/* netadvisor-disable-file mpc-framework-use -- whole file is the legacy path */\n@import MultipeerConnectivity;',
      ],
    },
    c: {
      invalid: [
        { code: '⟦// netadvisor-disable-next-line res9-resolver-use⟧\nint n = 0;', messages: ['This netadvisor-disable comment suppresses nothing for res9-resolver-use; remove it so it cannot hide a future finding.'] },
        { code: 'int n = 0; ⟦// netadvisor-disable-line res9-resolver-use -- gone⟧', messages: ['This netadvisor-disable comment suppresses nothing for res9-resolver-use; remove it so it cannot hide a future finding.'] },
        { code: '⟦/* netadvisor-disable-file */⟧\nint n = 0;', messages: ['This netadvisor-disable comment suppresses nothing for any rule; remove it so it cannot hide a future finding.'] },
      ],
      valid: [
        '// netadvisor-disable-next-line mpc-framework-use\nint n = 0;',
        '/* not a directive: netadvisor disable */\nint n = 0;',
        'int n = 0;\n// plain comment about suppressions',
      ],
    },
  },
});
