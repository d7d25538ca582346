// Builds article links: file URIs of the bundled Markdown (any editor), or a command link the VS Code client trusts.
import type { KnowledgeStore } from '../knowledge/store';

/** The VS Code client's command that renders an article (the client lists it in markdown.isTrusted). */
export const OPEN_ARTICLE_COMMAND = 'netadvisor.openArticle';

export class ArticleLinks {
  constructor(private readonly knowledge: KnowledgeStore, private readonly useCommandLinks: boolean) {}

  /** Link for Markdown (hovers): a command link in VS Code, else the article file. */
  href(articleId: string): string | undefined {
    if (!this.knowledge.article(articleId)) return undefined;
    if (this.useCommandLinks) return `command:${OPEN_ARTICLE_COMMAND}?${encodeURIComponent(JSON.stringify([articleId]))}`;
    return this.knowledge.articleUri(articleId);
  }

  /** Link for `Diagnostic.codeDescription.href`: always a real URI (editors do not run commands from it). */
  fileHref(articleId: string): string | undefined {
    return this.knowledge.articleUri(articleId);
  }
}
