// wifi-signal-strength-not-general: PLACEHOLDER being written; replaced by the real rule before this change lands.
import { defineRule } from './rule';

export default defineRule({
  id: 'wifi-signal-strength-not-general',
  title: 'placeholder',
  languages: ['swift'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'wifi-signal-strength-not-general',
  sources: [],
  messages: { todo: 'placeholder' },
  create: () => ({}),
  examples: {},
});
