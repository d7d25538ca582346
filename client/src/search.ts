// NetAdvisor: Search Knowledge Base — a QuickPick with live results from the server's index (articles, threads, symbols).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

interface SearchResult {
  id: string;
  kind: 'article' | 'guide' | 'thread' | 'symbol';
  title: string;
  summary: string;
  score: number;
  article?: string;
}

type ResultItem = vscode.QuickPickItem & { result: SearchResult };

const KIND_LABEL: Record<SearchResult['kind'], string> = { article: 'rule article', guide: 'guide', thread: 'forum thread', symbol: 'API' };

/** Thread digests are served by the language server and shown as read-only Markdown documents. */
export const THREAD_SCHEME = 'netadvisor-thread';

export function registerThreadDocuments(client: () => LanguageClient | undefined): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(THREAD_SCHEME, {
    async provideTextDocumentContent(uri) {
      const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
      const digest = await client()?.sendRequest<{ markdown: string } | null>('netadvisor/digest', { id });
      return digest?.markdown ?? `# Unknown thread\n\nNo digest named \`${id}\`.`;
    },
  });
}

export async function searchKnowledgeBase(client: LanguageClient | undefined, openArticle: (id: string) => Promise<void>): Promise<void> {
  if (!client) return;
  const pick = vscode.window.createQuickPick<ResultItem>();
  pick.placeholder = 'Search NetAdvisor: an error message, an API name or a question';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  let latest = 0;
  pick.onDidChangeValue(async (query) => {
    const ticket = ++latest;
    pick.busy = true;
    const results = await client.sendRequest<SearchResult[]>('netadvisor/search', { query, limit: 25 });
    // Typing outruns the server: only the answer to the latest query is shown.
    if (ticket !== latest) return;
    pick.items = results.map((result) => ({
      label: result.title,
      description: KIND_LABEL[result.kind],
      detail: result.summary,
      // The server already ranked and matched; keep its order and do not let the QuickPick filter again.
      alwaysShow: true,
      result,
    }));
    pick.busy = false;
  });
  pick.onDidAccept(async () => {
    const item = pick.selectedItems[0];
    pick.hide();
    if (!item) return;
    const { result } = item;
    if (result.kind === 'thread') {
      const uri = vscode.Uri.from({ scheme: THREAD_SCHEME, path: `/${result.id}.md` });
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } else if (result.article) {
      await openArticle(result.article);
    }
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
}
