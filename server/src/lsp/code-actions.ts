// Quick fixes for our diagnostics: open the article, suppress for the line or the file, remove an unused suppression.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command } from 'vscode-languageserver';
import { UNUSED_SUPPRESSION } from '../engine/meta-rules';
import { disableFileEdit, disableNextLineEdit, removeCommentEdit } from '../engine/suppression-edits';
import { LineIndex } from '../engine/line-index';
import type { KnowledgeStore } from '../knowledge/store';
import type { OpenDocument } from './documents';
import { diagnosticData } from './to-diagnostic';

/** Server-side command for editors without our client: shows the article file with window/showDocument. */
export const SHOW_ARTICLE_SERVER_COMMAND = 'netadvisor.server.showArticle';

export function codeActionsFor(document: OpenDocument, params: CodeActionParams, knowledge: KnowledgeStore | undefined,
  openArticleCommand: string): CodeAction[] {
  const actions: CodeAction[] = [];
  const seenArticles = new Set<string>();
  const lines = new LineIndex(document.text);
  for (const diagnostic of params.context.diagnostics) {
    const data = diagnosticData(diagnostic);
    if (!data) continue;
    const edit = (title: string, textEdit: ReturnType<typeof disableFileEdit>): CodeAction => ({
      title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic],
      edit: { changes: { [document.uri]: [textEdit] } },
    });
    if (data.ruleId === UNUSED_SUPPRESSION) {
      const start = lines.offsetAt(diagnostic.range.start);
      const end = lines.offsetAt(diagnostic.range.end);
      actions.push({ ...edit('Remove unused suppression comment', removeCommentEdit(document.text, start, end)), isPreferred: true });
      continue;
    }
    const article = knowledge?.article(data.article);
    if (article && !seenArticles.has(article.id)) {
      seenArticles.add(article.id);
      const command: Command = { title: 'Open article', command: openArticleCommand, arguments: [article.id] };
      actions.push({ title: `Open article: ${article.title}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command });
    }
    // Rewrites are suggestions: listed after the article, never marked preferred (they change behaviour).
    for (const suggestion of data.suggestions ?? []) {
      actions.push({
        title: suggestion.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic],
        edit: { changes: { [document.uri]: suggestion.edits.map((e) => ({ range: { start: lines.positionAt(e.startIndex), end: lines.positionAt(e.endIndex) }, newText: e.text })) } },
      });
    }
    actions.push(edit(`Disable ${data.ruleId} for this line`, disableNextLineEdit(document.text, diagnostic.range.start.line, data.ruleId)));
    actions.push(edit(`Disable ${data.ruleId} for this file`, disableFileEdit(document.text, data.ruleId)));
  }
  return actions;
}
