// nw-send-without-flow-control: PLACEHOLDER being written; replaced by the real rule before this change lands.
import { defineRule } from './rule';

export default defineRule({
  id: 'nw-send-without-flow-control',
  title: 'placeholder',
  languages: ['swift'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'nw-send-without-flow-control',
  sources: [],
  messages: { todo: 'placeholder' },
  create: () => ({}),
  examples: {},
});
