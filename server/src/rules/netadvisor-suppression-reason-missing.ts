// netadvisor-suppression-reason-missing: a suppression comment without `-- reason` (opt-in: --require-reason / requireReason).
import { defineRule } from './rule';

export default defineRule({
  id: 'netadvisor-suppression-reason-missing',
  title: 'Suppression comment without a reason',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'off',
  confidence: 'high',
  article: 'suppressions',
  triggers: ['netadvisor'],
  sources: ['NetAdvisor suppression comments (knowledge/articles/suppressions.md)'],
  messages: {
    missing: 'Say why this finding is suppressed: end the comment with `-- <reason>` so the next reader can judge it.',
  },
  // The engine emits this finding while reading directives; the rule only carries its metadata.
  create: () => ({}),
  examples: {
    swift: {
      invalid: [
        '⟦// netadvisor-disable-next-line mpc-framework-use⟧\nimport MultipeerConnectivity',
        'import MultipeerConnectivity ⟦// netadvisor-disable-line mpc-framework-use --⟧',
        '⟦/* netadvisor-disable-file mpc-framework-use */⟧\nimport MultipeerConnectivity',
      ],
      valid: [
        '// netadvisor-disable-next-line mpc-framework-use -- the macOS 12 build still ships Multipeer\nimport MultipeerConnectivity',
        '/* netadvisor-disable-file mpc-framework-use -- legacy module, removed in 3.0 */\nimport MultipeerConnectivity',
        '// a comment that mentions netadvisor but is no directive\nlet x = 1',
      ],
    },
    objc: {
      invalid: [
        '⟦// netadvisor-disable-next-line mpc-framework-use⟧\n@import MultipeerConnectivity;',
        '@import MultipeerConnectivity; ⟦/* netadvisor-disable-line mpc-framework-use */⟧',
        '⟦// netadvisor-disable-file mpc-framework-use⟧\n@import MultipeerConnectivity;',
      ],
      valid: [
        '// netadvisor-disable-next-line mpc-framework-use -- kept until the Network framework port lands\n@import MultipeerConnectivity;',
        '@import MultipeerConnectivity; /* netadvisor-disable-line mpc-framework-use -- demo target */',
        'NSString *s = @"// netadvisor-disable-next-line mpc-framework-use";',
      ],
    },
    c: {
      invalid: [
        '⟦// netadvisor-disable-next-line res9-resolver-use⟧\nint n = res_query("x", 1, 1, 0, 0);',
        'int n = res_query("x", 1, 1, 0, 0); ⟦/* netadvisor-disable-line res9-resolver-use */⟧',
        '⟦/* netadvisor-disable-file res9-resolver-use */⟧\nint n = res_query("x", 1, 1, 0, 0);',
      ],
      valid: [
        '// netadvisor-disable-next-line res9-resolver-use -- needs the raw answer section\nint n = res_query("x", 1, 1, 0, 0);',
        'int n = res_query("x", 1, 1, 0, 0); // netadvisor-disable-line res9-resolver-use -- same',
        'const char *s = "// netadvisor-disable-next-line res9-resolver-use";',
      ],
    },
  },
});
