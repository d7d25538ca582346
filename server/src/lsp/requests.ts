// Custom requests for our own client (and scripts): the rule list, an article's Markdown, a document's effective configuration.
import type { Connection } from 'vscode-languageserver';
import { effectiveSeverity } from '../engine/severity';
import type { Linter } from '../engine/linter';
import { describeRules, type RuleSummary } from '../engine/rule-summary';
import type * as SearchModule from '../knowledge/search';
import type { SearchResult } from '../knowledge/search';
import type { KnowledgeStore } from '../knowledge/store';
import type { DocumentManager } from './documents';
import type { ProjectConfig } from './project-config';
import type { RequestGuard } from './request-guard';
import type { SettingsCache } from './settings';
import { URI } from './uri';

export const RULES_REQUEST = 'netadvisor/rules';
export const ARTICLE_REQUEST = 'netadvisor/article';
export const EFFECTIVE_CONFIG_REQUEST = 'netadvisor/effectiveConfiguration';
export const SEARCH_REQUEST = 'netadvisor/search';
export const DIGEST_REQUEST = 'netadvisor/digest';

export interface ArticleResponse {
  id: string;
  title: string;
  markdown: string;
}

export interface EffectiveConfigurationResponse {
  uri: string;
  configFile: string | null;
  configError: string | null;
  excluded: boolean;
  baseline: string | null;
  /** Every rule that runs on this document's language, with its effective severity. */
  rules: Record<string, string>;
  editorSettings: { enable: boolean; rules: Record<string, string>; exclude: string[] };
}

interface Deps {
  knowledge: () => KnowledgeStore | undefined;
  linter: Linter;
  project: ProjectConfig;
  settings: () => SettingsCache;
  documents: DocumentManager;
  /** Cancellation, time budget and exceptions for every request registered here. */
  guard: RequestGuard;
}

export function registerCustomRequests(connection: Connection, deps: Deps): void {
  const on = <P, R>(method: string, handler: (params: P | undefined) => R | Promise<R>) =>
    connection.onRequest(method, deps.guard.wrapCustom(method, handler));
  let search: SearchModule.KnowledgeSearch | undefined;
  on(SEARCH_REQUEST, (params: { query: string; limit?: number } | undefined): SearchResult[] => {
    const store = deps.knowledge();
    if (!store || typeof params?.query !== 'string') return [];
    // Built on first use, and MiniSearch is loaded only then: most sessions never search (and startup stays cheap).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    search ??= new (require('../knowledge/search') as typeof SearchModule).KnowledgeSearch(store);
    return search.search(params.query, params.limit ?? 20);
  });
  on(DIGEST_REQUEST, (params: { id: string } | undefined): { id: string; markdown: string } | null => {
    const markdown = params && deps.knowledge()?.digestMarkdown(params.id);
    return params && markdown ? { id: params.id, markdown } : null;
  });
  on(RULES_REQUEST, (): RuleSummary[] => describeRules([...deps.linter.registry.rules, ...deps.linter.registry.projectFileRules]));
  on(ARTICLE_REQUEST, (params: { id: string } | undefined): ArticleResponse | null => {
    const store = deps.knowledge();
    const article = params && store?.article(params.id);
    const markdown = article && store?.articleMarkdown(article.id);
    return article && markdown ? { id: article.id, title: article.title, markdown } : null;
  });
  on(EFFECTIVE_CONFIG_REQUEST, async (params: { uri: string } | undefined): Promise<EffectiveConfigurationResponse> => {
    if (typeof params?.uri !== 'string') throw new Error('params.uri must be a document URI');
    const settings = await deps.settings().get(params.uri);
    const filePath = params.uri.startsWith('file:') ? URI.fsPath(params.uri) : undefined;
    const effective = deps.project.effective(filePath, settings);
    const language = deps.documents.get(params.uri)?.language;
    const rules: Record<string, string> = {};
    for (const rule of deps.linter.registry.rules) {
      if (language && !rule.languages.includes(language)) continue;
      rules[rule.id] = settings.enable ? effectiveSeverity(rule, effective.severities) : 'off';
    }
    return {
      uri: params.uri,
      configFile: effective.config.file ?? null,
      configError: effective.error ?? null,
      excluded: effective.excluded,
      baseline: effective.config.baseline ?? null,
      rules,
      editorSettings: settings,
    };
  });
}
