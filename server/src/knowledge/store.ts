// Read-only access to the compiled knowledge bundle: articles, symbol hover cards, article links.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Article, Digest, KnowledgeBundle, SymbolCard } from './types';

/** Finds the folder holding knowledge.json: $NETADVISOR_KNOWLEDGE, next to the bundle, or the repo's dist/. */
export function findKnowledgeFile(start: string = __dirname): string {
  if (process.env.NETADVISOR_KNOWLEDGE) return process.env.NETADVISOR_KNOWLEDGE;
  let dir = start;
  for (let i = 0; i < 6; i++) {
    for (const candidate of [path.join(dir, 'knowledge.json'), path.join(dir, 'dist', 'knowledge.json')]) {
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.join(start, 'knowledge.json');
}

/** Reads and parses the bundle; throws with a hint when it cannot. */
function readBundle(file: string): { bundle: KnowledgeBundle; articlesDirectory: string | undefined } {
  let bundle: KnowledgeBundle;
  try {
    bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as KnowledgeBundle;
  } catch (err) {
    throw new Error(`cannot read the knowledge bundle ${file} (run \`npm run knowledge\`): ${err instanceof Error ? err.message : err}`);
  }
  const dir = path.dirname(file);
  const articlesDirectory = [path.join(dir, 'knowledge', 'articles'), path.join(dir, '..', 'knowledge', 'articles')]
    .find((candidate) => fs.existsSync(candidate));
  return { bundle, articlesDirectory };
}

const EMPTY_BUNDLE: KnowledgeBundle = { version: 1, articles: [], symbols: [], digests: [] };

interface Contents {
  bundle: KnowledgeBundle;
  articlesDirectory: string | undefined;
  articlesById: Map<string, Article>;
  cardsByName: Map<string, SymbolCard>;
}

export class KnowledgeStore {
  private contents?: Contents;
  private source: () => { bundle: KnowledgeBundle; articlesDirectory: string | undefined };
  private failed = false;

  constructor(bundle: KnowledgeBundle, articlesDirectory: string | undefined) {
    this.source = () => ({ bundle, articlesDirectory });
  }

  /** Loads the bundle now (throws when it cannot); the article Markdown files are looked up beside it for links. */
  static load(file: string = findKnowledgeFile()): KnowledgeStore {
    const { bundle, articlesDirectory } = readBundle(file);
    return new KnowledgeStore(bundle, articlesDirectory);
  }

  /**
   * A store that reads the bundle on first use (the language server: initialize stays cheap). When the bundle cannot
   * be read, `onError` is told once and the store stays empty with `available` false.
   */
  static lazy(onError: (message: string) => void, file?: string): KnowledgeStore {
    const store = new KnowledgeStore(EMPTY_BUNDLE, undefined);
    store.source = () => {
      try {
        return readBundle(file ?? findKnowledgeFile());
      } catch (err) {
        store.failed = true;
        onError(err instanceof Error ? err.message : String(err));
        return { bundle: EMPTY_BUNDLE, articlesDirectory: undefined };
      }
    };
    return store;
  }

  private get loaded(): Contents {
    if (!this.contents) {
      const { bundle, articlesDirectory } = this.source();
      const articlesById = new Map<string, Article>();
      const cardsByName = new Map<string, SymbolCard>();
      for (const article of bundle.articles) articlesById.set(article.id, article);
      for (const card of bundle.symbols) for (const name of card.names) cardsByName.set(name, card);
      this.contents = { bundle, articlesDirectory, articlesById, cardsByName };
    }
    return this.contents;
  }

  /** False when a lazy store's bundle could not be read (reads it if that has not happened yet). */
  get available(): boolean {
    void this.loaded;
    return !this.failed;
  }

  get bundle(): KnowledgeBundle { return this.loaded.bundle; }
  get articles(): readonly Article[] { return this.bundle.articles; }
  get digests(): readonly Digest[] { return this.bundle.digests; }
  get symbols(): readonly SymbolCard[] { return this.bundle.symbols; }

  article(id: string): Article | undefined { return this.loaded.articlesById.get(id); }

  /** The hover card for an exact symbol spelling. */
  symbol(name: string): SymbolCard | undefined { return this.loaded.cardsByName.get(name); }

  /** A link that opens the article's Markdown file; undefined when the files are not installed. */
  articleUri(id: string): string | undefined {
    const { articlesDirectory, articlesById } = this.loaded;
    if (!articlesDirectory || !articlesById.has(id)) return undefined;
    return pathToFileURL(path.join(articlesDirectory, `${id}.md`)).href;
  }

  digest(id: string): Digest | undefined {
    return this.bundle.digests.find((d) => d.id === id);
  }

  /** A thread digest as Markdown (for `explain` and the viewer). */
  digestMarkdown(id: string): string | undefined {
    const d = this.digest(id);
    if (!d) return undefined;
    const lines = [`# ${d.title}`, '', `*Apple Developer Forums thread (seed page ${d.seed}${d.date ? `, ${d.date}` : ''}); `
      + `${d.appleAnswer ? 'answered or written by Apple' : 'no Apple answer on the page'}. Summary in NetAdvisor's words.*`, '', d.summary];
    if (d.userReportOnly) lines.push('', `**Rests on a user's report only:** ${d.userReportOnly}`);
    if (d.errors.length) lines.push('', '## Error strings and symptoms', '', ...d.errors.map((e) => `- \`${e}\``));
    if (d.symbols.length) lines.push('', '## APIs', '', d.symbols.map((s) => `\`${s}\``).join(', '));
    if (d.keys?.length) lines.push('', '## Entitlements and keys', '', d.keys.map((k) => `\`${k}\``).join(', '));
    const related = d.articles.map((a) => this.article(a)).filter((a): a is Article => a !== undefined);
    if (related.length) lines.push('', '## Related articles', '', ...related.map((a) => `- ${a.title} (\`netadvisor explain ${a.id}\`)`));
    return `${lines.join('\n')}\n`;
  }

  /** The article as a Markdown document with its title and sources (for `explain` and the viewer). */
  articleMarkdown(id: string): string | undefined {
    const article = this.article(id);
    if (!article) return undefined;
    return `# ${article.title}\n\n${article.body.trim()}\n`;
  }
}
