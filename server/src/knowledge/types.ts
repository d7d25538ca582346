// Shapes of the compiled knowledge bundle (dist/knowledge.json) built by scripts/build-knowledge.mjs.

export interface SourceRef {
  title: string;
  url?: string;
}

export interface Article {
  id: string;
  title: string;
  summary: string;
  kind: 'rule' | 'guide' | 'reference';
  symbols: string[];
  rules: string[];
  tags: string[];
  sources: SourceRef[];
  /** Markdown after the front matter. */
  body: string;
}

/** A hover card for one API symbol (all its spellings: Swift, Objective-C, C). */
export interface SymbolCard {
  /** Every spelling that shows this card (`MCSession`, `initWithPeer:`, `nw_connection_send`). */
  names: string[];
  /** Short title, for example `MCSession (Multipeer Connectivity)`. */
  title: string;
  /** What the forums and Apple say, one or two sentences. */
  summary: string;
  /** What to use instead, if anything. */
  instead?: string;
  article: string;
  /** Receiver type names that must appear near a member spelling (`signalStrength` needs NEHotspotNetwork). */
  requiresContext?: string[];
}

/** One forum thread digest (seeds/). */
export interface Digest {
  id: string;
  title: string;
  seed: string;
  kind: 'guide' | 'question';
  summary: string;
  errors: string[];
  symbols: string[];
  /** Entitlements and Info.plist keys named in the thread. */
  keys?: string[];
  articles: string[];
  rules: string[];
  appleAnswer: boolean;
  date?: string;
  /** Facts that rest only on a user's report. */
  userReportOnly?: string;
}

export interface KnowledgeBundle {
  version: 1;
  articles: Article[];
  symbols: SymbolCard[];
  digests: Digest[];
}
