// netadvisor-invalid-suppression: a suppression comment naming a rule id that does not exist (the engine reports it).
import { defineRule } from './rule';

const message = (id: string) => `Unknown rule id "${id}" in a netadvisor-disable comment; run \`netadvisor rules\` for the valid ids.`;

export default defineRule({
  id: 'netadvisor-invalid-suppression',
  title: 'Suppression comment with an unknown rule id',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'suppressions',
  triggers: ['netadvisor'],
  sources: ['NetAdvisor suppression comments (knowledge/articles/suppressions.md)'],
  messages: {
    unknown: 'Unknown rule id "{{id}}" in a netadvisor-disable comment; run `netadvisor rules` for the valid ids.',
  },
  // The engine emits this finding while reading directives; the rule only carries its metadata.
  create: () => ({}),
  examples: {
    swift: {
      invalid: [
        { code: '⟦// netadvisor-disable-next-line mpc-framwork-use⟧\nimport Network', messages: [message('mpc-framwork-use')] },
        { code: 'let x = 1 ⟦// netadvisor-disable-line nw-flow⟧', messages: [message('nw-flow')] },
        { code: '⟦/* netadvisor-disable-file mpc-framework-use, bogus-rule */⟧\nimport MultipeerConnectivity', messages: [message('bogus-rule')] },
      ],
      valid: [
        '// netadvisor-disable-next-line mpc-framework-use -- legacy target\nimport MultipeerConnectivity',
        '// netadvisor-disable mpc-framework-use (missing the -next-line part, so not a directive)\nlet x = 1',
        'let hint = "// netadvisor-disable-next-line bogus-rule"',
      ],
    },
    objc: {
      invalid: [
        { code: '⟦// netadvisor-disable-next-line mpc-frameworkuse⟧\nint x = 1;', messages: [message('mpc-frameworkuse')] },
        { code: 'int x = 1; ⟦/* netadvisor-disable-line wifi */⟧', messages: [message('wifi')] },
        { code: '⟦// netadvisor-disable-file res9⟧\nint x = 1;', messages: [message('res9')] },
      ],
      valid: [
        '// netadvisor-disable-next-line mpc-framework-use\n@import MultipeerConnectivity;',
        'NSString *s = @"// netadvisor-disable-next-line nope";',
        '/* netadvisor is great */\nint x = 1;',
      ],
    },
    c: {
      invalid: [
        { code: '⟦// netadvisor-disable-next-line res9-resolver⟧\nint x = 1;', messages: [message('res9-resolver')] },
        { code: 'int x = 1; /* ok */ ⟦// netadvisor-disable-line nope -- reason⟧', messages: [message('nope')] },
        { code: '⟦/* netadvisor-disable-file unknown-id */⟧\nint x = 1;', messages: [message('unknown-id')] },
      ],
      valid: [
        '// netadvisor-disable-next-line mpc-framework-use -- not a C rule, but a real id\nint x = 1;',
        'const char *s = "/* netadvisor-disable-file nope */";',
        '// see netadvisor docs for disable comments\nint x = 1;',
      ],
    },
  },
});
