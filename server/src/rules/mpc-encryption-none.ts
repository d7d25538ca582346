// mpc-encryption-none: PLACEHOLDER being written; replaced by the real rule before this change lands.
import { defineRule } from './rule';

export default defineRule({
  id: 'mpc-encryption-none',
  title: 'placeholder',
  languages: ['swift'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'mpc-encryption-none',
  sources: [],
  messages: { todo: 'placeholder' },
  create: () => ({}),
  examples: {},
});
