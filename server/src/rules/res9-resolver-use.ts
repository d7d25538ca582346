// res9-resolver-use: PLACEHOLDER being written; replaced by the real rule before this change lands.
import { defineRule } from './rule';

export default defineRule({
  id: 'res9-resolver-use',
  title: 'placeholder',
  languages: ['swift'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'res9-resolver-use',
  sources: [],
  messages: { todo: 'placeholder' },
  create: () => ({}),
  examples: {},
});
