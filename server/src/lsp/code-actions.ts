// Quick fixes for our diagnostics: open the article, suppress for the line or the file, remove an unused suppression.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type TextEdit } from 'vscode-languageserver';
import { UNUSED_SUPPRESSION } from '../engine/meta-rules';
import { disableFileXmlEdit, disableNextLineXmlEdit } from '../engine/project/plist-suppression-edits';
import { disableFileEdit, disableNextLineEdit, removeCommentEdit } from '../engine/suppression-edits';
import { LineIndex } from '../engine/line-index';
import type { KnowledgeStore } from '../knowledge/store';
import type { Suggestion } from '../rules/rule';
import type { OpenDocument } from './documents';
import { diagnosticData } from './to-diagnostic';
import { URI } from './uri';

export interface CodeActionOptions {
  /** The document is an XML property list: suppression comments are `<!-- … -->`. */
  xml?: boolean;
  /** The current text of another file a suggestion edits (an Info.plist), to turn its offsets into positions. */
  textOf?: (file: string) => string | undefined;
}

/** A suggestion as a workspace edit: edits with a `file` go to that file's URI; undefined when a file cannot be read. */
function suggestionChanges(document: Pick<OpenDocument, 'uri' | 'text'>, suggestion: Suggestion, options: CodeActionOptions): Record<string, TextEdit[]> | undefined {
  const changes: Record<string, TextEdit[]> = {};
  const indexes = new Map<string, LineIndex>();
  for (const edit of suggestion.edits) {
    const uri = edit.file ? URI.file(edit.file) : document.uri;
    let lines = indexes.get(uri);
    if (!lines) {
      const text = edit.file ? options.textOf?.(edit.file) : document.text;
      if (text === undefined) return undefined;
      lines = new LineIndex(text);
      indexes.set(uri, lines);
    }
    (changes[uri] ??= []).push({ range: { start: lines.positionAt(edit.startIndex), end: lines.positionAt(edit.endIndex) }, newText: edit.text });
  }
  return changes;
}

/** Server-side command for editors without our client: shows the article file with window/showDocument. */
export const SHOW_ARTICLE_SERVER_COMMAND = 'netadvisor.server.showArticle';

export function codeActionsFor(document: Pick<OpenDocument, 'uri' | 'text'>, params: CodeActionParams, knowledge: KnowledgeStore | undefined,
  openArticleCommand: string, options: CodeActionOptions = {}): CodeAction[] {
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
      const changes = suggestionChanges(document, suggestion, options);
      if (changes) actions.push({ title: suggestion.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes } });
    }
    const nextLine = options.xml ? disableNextLineXmlEdit : disableNextLineEdit;
    const file = options.xml ? disableFileXmlEdit : disableFileEdit;
    actions.push(edit(`Disable ${data.ruleId} for this line`, nextLine(document.text, diagnostic.range.start.line, data.ruleId)));
    actions.push(edit(`Disable ${data.ruleId} for this file`, file(document.text, data.ruleId)));
  }
  return actions;
}
