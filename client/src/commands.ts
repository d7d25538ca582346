// Command palette: Open Article, Show Rules, Restart Server, Scan Workspace. Articles open in VS Code's read-only Markdown preview.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerThreadDocuments, searchKnowledgeBase } from './search';

/** The server's answer to netadvisor/scanWorkspace (server/src/lsp/workspace-scan.ts). */
interface ScanSummary {
  files: number;
  analysed: number;
  skipped: number;
  findings: number;
  cancelled: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

interface RuleSummary {
  id: string;
  title: string;
  defaultSeverity: string;
  confidence: string;
  article: string;
  deprecated: boolean;
}

/** The bundled article file; VS Code renders it (front matter hidden) and follows links between articles. */
function articleUri(context: vscode.ExtensionContext, id: string): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'knowledge', 'articles', `${id}.md`);
}

export async function openArticle(context: vscode.ExtensionContext, id: string): Promise<void> {
  if (!/^[a-z0-9-]+$/.test(id)) {
    void vscode.window.showErrorMessage(`NetAdvisor: "${id}" is not an article id.`);
    return;
  }
  const uri = articleUri(context, id);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    void vscode.window.showErrorMessage(`NetAdvisor: there is no article "${id}".`);
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}

async function listArticles(context: vscode.ExtensionContext): Promise<{ id: string; title: string }[]> {
  const dir = vscode.Uri.joinPath(context.extensionUri, 'knowledge', 'articles');
  const entries = await vscode.workspace.fs.readDirectory(dir);
  const out: { id: string; title: string }[] = [];
  for (const [name] of entries.filter(([n]) => n.endsWith('.md'))) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name)));
    out.push({ id: name.slice(0, -3), title: /^title:\s*(.+)$/m.exec(text)?.[1] ?? name });
  }
  return out.sort((a, b) => a.title.localeCompare(b.title));
}

export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    registerThreadDocuments(client),
    vscode.commands.registerCommand('netadvisor.searchKnowledgeBase', () => searchKnowledgeBase(client(), (id) => openArticle(context, id))),
    vscode.commands.registerCommand('netadvisor.openArticle', async (id?: unknown) => {
      if (typeof id === 'string') return openArticle(context, id);
      const articles = await listArticles(context);
      const pick = await vscode.window.showQuickPick(articles.map((a) => ({ label: a.title, description: a.id, id: a.id })),
        { placeHolder: 'Open a NetAdvisor article', matchOnDescription: true });
      if (pick) await openArticle(context, pick.id);
    }),
    vscode.commands.registerCommand('netadvisor.showRules', async () => {
      const current = client();
      if (!current) return;
      const rules = await current.sendRequest<RuleSummary[]>('netadvisor/rules');
      const pick = await vscode.window.showQuickPick(rules.map((r) => ({
        label: r.id,
        description: `${r.defaultSeverity} · ${r.confidence} confidence${r.deprecated ? ' · deprecated API' : ''}`,
        detail: r.title,
        article: r.article,
      })), { placeHolder: 'NetAdvisor rules: pick one to read its article', matchOnDetail: true });
      if (pick) await openArticle(context, pick.article);
    }),
    vscode.commands.registerCommand('netadvisor.scanWorkspace', async () => {
      const current = client();
      if (!current) return undefined;
      // The server shows progress (with a Cancel button) and publishes findings of files that are not open.
      const summary = await current.sendRequest<ScanSummary>('netadvisor/scanWorkspace', {});
      void vscode.window.showInformationMessage(summary.cancelled
        ? `NetAdvisor: workspace scan cancelled after ${plural(summary.analysed, 'file')}.`
        : `NetAdvisor scanned ${plural(summary.analysed, 'file')}: ${plural(summary.findings, 'finding')}`);
      return summary;
    }),
    vscode.commands.registerCommand('netadvisor.restartServer', async () => {
      await client()?.restart();
    }),
    vscode.commands.registerCommand('netadvisor.showEffectiveConfiguration', async () => {
      const editor = vscode.window.activeTextEditor;
      const current = client();
      if (!editor || !current) {
        void vscode.window.showInformationMessage('NetAdvisor: open a Swift, Objective-C or C file first.');
        return;
      }
      const effective = await current.sendRequest('netadvisor/effectiveConfiguration', { uri: editor.document.uri.toString() });
      const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(effective, null, 2) });
      await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    }),
  );
}
