// Hover cards: what the forums say about the API symbol under the cursor, plus the explanation of any finding there.
import type { Hover, MarkupContent } from 'vscode-languageserver';
import type { Finding } from '../engine/finding';
import { LineIndex } from '../engine/line-index';
import { symbolAt } from '../engine/symbol-at';
import type { KnowledgeStore } from '../knowledge/store';
import type { SymbolCard } from '../knowledge/types';
import type { OpenDocument } from './documents';
import type { ArticleLinks } from './article-links';

function cardFor(knowledge: KnowledgeStore, names: string[], text: string): SymbolCard | undefined {
  for (const name of names) {
    const card = knowledge.symbol(name);
    // Ambiguous member names (`signalStrength`) only get a card when their owning type appears in the file.
    if (card && (!card.requiresContext || card.requiresContext.some((ctx) => text.includes(ctx)))) return card;
  }
  return undefined;
}

export function cardMarkdown(card: SymbolCard, knowledge: KnowledgeStore, links: ArticleLinks): string {
  const lines = [`**${card.title}**`, '', card.summary];
  if (card.instead) lines.push('', `**Instead:** ${card.instead}`);
  const article = knowledge.article(card.article);
  const link = links.href(card.article);
  if (article && link) lines.push('', `[${article.title}](${link})`);
  return lines.join('\n');
}

export function findingMarkdown(finding: Finding, knowledge: KnowledgeStore, links: ArticleLinks): string {
  const article = knowledge.article(finding.article);
  const lines = [`**NetAdvisor \`${finding.ruleId}\`** (${finding.severity}): ${finding.message}`];
  if (article) lines.push('', article.summary);
  const link = links.href(finding.article);
  if (link && article) lines.push('', `[Read more: ${article.title}](${link})`);
  return lines.join('\n');
}

export function hoverAt(document: OpenDocument, position: { line: number; character: number }, knowledge: KnowledgeStore, links: ArticleLinks): Hover | null {
  const offset = new LineIndex(document.text).offsetAt(position);
  const sections: string[] = [];
  let range: { startIndex: number; endIndex: number } | undefined;

  const findingsHere = document.analysedVersion === document.version
    ? document.findings.filter((f) => f.startIndex <= offset && offset <= f.endIndex)
    : [];
  for (const finding of findingsHere) {
    sections.push(findingMarkdown(finding, knowledge, links));
    range ??= finding;
  }
  const symbol = symbolAt(document.source.tree.tree, offset);
  if (symbol) {
    const card = cardFor(knowledge, symbol.names, document.text);
    if (card) {
      sections.push(cardMarkdown(card, knowledge, links));
      range = symbol;
    }
  }
  if (sections.length === 0) return null;
  const lines = new LineIndex(document.text);
  const contents: MarkupContent = { kind: 'markdown', value: sections.join('\n\n---\n\n') };
  return { contents, range: range && { start: lines.positionAt(range.startIndex), end: lines.positionAt(range.endIndex) } };
}
