// res9-global-state-function: PLACEHOLDER being written; replaced by the real rule before this change lands.
import { defineRule } from './rule';

export default defineRule({
  id: 'res9-global-state-function',
  title: 'placeholder',
  languages: ['swift'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'res9-global-state-function',
  sources: [],
  messages: { todo: 'placeholder' },
  create: () => ({}),
  examples: {},
});
