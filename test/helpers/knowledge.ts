// The compiled knowledge bundle (dist/knowledge.json, built by `npm run knowledge`) for the knowledge tests.
import * as path from 'node:path';
import { KnowledgeStore } from '../../server/src/knowledge/store';

let store: KnowledgeStore | undefined;

export function builtKnowledge(): KnowledgeStore {
  store ??= KnowledgeStore.load(path.resolve(__dirname, '..', '..', '..', 'dist', 'knowledge.json'));
  return store;
}
