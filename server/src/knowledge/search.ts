// Full-text search over articles, thread digests and symbol cards (MiniSearch), tuned so pasted error strings find their thread.
import MiniSearch from 'minisearch';
import type { KnowledgeStore } from './store';

export type ResultKind = 'article' | 'guide' | 'thread' | 'symbol';

export interface SearchResult {
  /** Article id, digest id or symbol spelling. */
  id: string;
  kind: ResultKind;
  title: string;
  summary: string;
  score: number;
  /** The article to open for this result (a digest's or card's related article), if any. */
  article?: string;
}

interface IndexedDocument {
  key: string;
  id: string;
  kind: ResultKind;
  title: string;
  summary: string;
  article?: string;
  /** Error strings and log lines, exact. */
  errors: string;
  symbols: string;
  text: string;
}

/**
 * Splits on white space and most punctuation but keeps identifier characters together (`___res_9_state`,
 * `nw_connection_send`, `-65555`, `kDNSServiceErr_NoAuth`), and also emits their parts, so both the whole
 * identifier and a fragment of it match.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\s,;:()[\]{}"'`<>|!?*=+/\\@#&^~]+/)) {
    const token = raw.replace(/^[.\-]+(?=[A-Za-z])|[.]+$/g, '');
    if (!token) continue;
    out.push(token);
    const parts = token.split(/[._-]+/).filter((p) => p && p !== token);
    out.push(...parts);
    // camelCase pieces: `signalStrength` also matches `strength`.
    const camel = token.split(/(?<=[a-z0-9])(?=[A-Z])/).filter((p) => p.length > 2 && p !== token);
    out.push(...camel);
  }
  return out;
}

const processTerm = (term: string) => term.toLowerCase();

export class KnowledgeSearch {
  private readonly index: MiniSearch<IndexedDocument>;

  constructor(store: KnowledgeStore) {
    this.index = new MiniSearch<IndexedDocument>({
      idField: 'key',
      fields: ['title', 'errors', 'symbols', 'summary', 'text'],
      storeFields: ['id', 'kind', 'title', 'summary', 'article'],
      tokenize,
      processTerm,
      searchOptions: {
        boost: { title: 3, errors: 4, symbols: 3, summary: 1.5, text: 1 },
        prefix: (term) => term.length >= 4,
        fuzzy: (term) => (term.length >= 6 ? 0.15 : false),
        combineWith: 'OR',
        tokenize,
        processTerm,
      },
    });
    const docs: IndexedDocument[] = [];
    for (const article of store.articles) {
      docs.push({
        key: `article:${article.id}`, id: article.id, kind: article.kind === 'guide' ? 'guide' : 'article',
        title: article.title, summary: article.summary, article: article.id,
        errors: '', symbols: article.symbols.join(' '), text: `${article.tags.join(' ')} ${article.body}`,
      });
    }
    for (const digest of store.digests) {
      docs.push({
        key: `thread:${digest.id}`, id: digest.id, kind: 'thread', title: digest.title, summary: digest.summary,
        article: digest.articles[0], errors: digest.errors.join('\n'),
        symbols: [...digest.symbols, ...(digest.keys ?? [])].join(' '), text: digest.rules.join(' '),
      });
    }
    for (const card of store.symbols) {
      docs.push({
        key: `symbol:${card.names[0]}`, id: card.names[0], kind: 'symbol', title: card.title, summary: card.summary,
        article: card.article, errors: '', symbols: card.names.join(' '), text: card.instead ?? '',
      });
    }
    this.index.addAll(docs);
  }

  search(query: string, limit = 20): SearchResult[] {
    if (!query.trim()) return [];
    return this.index.search(query).slice(0, limit).map((hit) => ({
      id: hit.id as string,
      kind: hit.kind as ResultKind,
      title: hit.title as string,
      summary: hit.summary as string,
      score: Math.round(hit.score * 100) / 100,
      ...(hit.article ? { article: hit.article as string } : {}),
    }));
  }
}
