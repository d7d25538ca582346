// Custom requests for our own client (and scripts): the rule list and an article's Markdown.
import type { Connection } from 'vscode-languageserver';
import type { Linter } from '../engine/linter';
import type { KnowledgeStore } from '../knowledge/store';
import { describeRules, type RuleSummary } from '../engine/rule-summary';

export const RULES_REQUEST = 'netadvisor/rules';
export const ARTICLE_REQUEST = 'netadvisor/article';

export interface ArticleResponse {
  id: string;
  title: string;
  markdown: string;
}

export function registerCustomRequests(connection: Connection, knowledge: () => KnowledgeStore | undefined, linter: Linter): void {
  connection.onRequest(RULES_REQUEST, (): RuleSummary[] => describeRules(linter.registry.rules));
  connection.onRequest(ARTICLE_REQUEST, (params: { id: string }): ArticleResponse | null => {
    const store = knowledge();
    const article = store?.article(params?.id);
    const markdown = article && store?.articleMarkdown(article.id);
    return article && markdown ? { id: article.id, title: article.title, markdown } : null;
  });
}
