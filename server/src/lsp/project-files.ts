// Project files in the language server: open Info.plist / .entitlements documents (linted with the project-file
// rules), the project model that gives source documents their ProjectFacts (open documents overlay the disk),
// plist hovers, and the file texts that cross-file quick fixes edit.
import * as fs from 'node:fs';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../engine/finding';
import { LineIndex } from '../engine/line-index';
import { lintProjectFile, type ProjectFileLintResult } from '../engine/project/lint-project-file';
import { ProjectModel } from '../engine/project/project-model';
import type { SeverityOverrides } from '../engine/severity';
import type { KnowledgeStore } from '../knowledge/store';
import { projectFileKind, type ProjectFileKind } from '../rules/project-file-rule';
import type { RuleRegistry } from '../rules/registry';
import type { ProjectFacts } from '../rules/rule';
import type { ArticleLinks } from './article-links';
import { cardMarkdown, findingMarkdown } from './hover';
import { URI } from './uri';

export class ProjectFileDocument {
  findings: Finding[] = [];
  analysedVersion = -1;

  constructor(readonly uri: string, readonly path: string, readonly kind: ProjectFileKind, private document: TextDocument) {}

  get version(): number { return this.document.version; }
  get text(): string { return this.document.getText(); }

  update(version: number, changes: Parameters<typeof TextDocument.update>[1]): void {
    this.document = TextDocument.update(this.document, changes, version);
  }
}

export class ProjectFiles {
  readonly model = new ProjectModel();
  private readonly documents = new Map<string, ProjectFileDocument>();

  /** Starts tracking an Info.plist-style or .entitlements document (file: URIs only); undefined for anything else. */
  open(uri: string, languageId: string, version: number, text: string): ProjectFileDocument | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const path = URI.fsPath(uri);
    const kind = projectFileKind(path);
    if (!kind) return undefined;
    const document = new ProjectFileDocument(uri, path, kind, TextDocument.create(uri, languageId, version, text));
    this.documents.set(uri, document);
    this.model.setOverlay(path, text);
    return document;
  }

  change(uri: string, version: number, changes: Parameters<typeof TextDocument.update>[1]): ProjectFileDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    document.update(version, changes);
    this.model.setOverlay(document.path, document.text);
    return document;
  }

  /** Stops tracking; returns true when the document was a project file (source documents must be re-checked). */
  close(uri: string): boolean {
    const document = this.documents.get(uri);
    if (!document) return false;
    this.documents.delete(uri);
    this.model.setOverlay(document.path, undefined);
    return true;
  }

  get(uri: string): ProjectFileDocument | undefined {
    return this.documents.get(uri);
  }

  all(): ProjectFileDocument[] {
    return [...this.documents.values()];
  }

  /** A watched Info.plist, entitlements or project.pbxproj changed on disk. */
  changedOnDisk(): void {
    this.model.clear();
  }

  /** The project facts of a source file (undefined when its target cannot be found). */
  factsFor(filePath: string | undefined): ProjectFacts | undefined {
    return filePath ? this.model.factsFor(filePath) : undefined;
  }

  lint(document: ProjectFileDocument, registry: RuleRegistry, severities: SeverityOverrides): ProjectFileLintResult {
    return lintProjectFile(registry, document.path, document.text, { severities, model: this.model });
  }

  /** The current text of a file a quick fix edits: the open document's, else the file on disk. */
  textOf(filePath: string): string | undefined {
    for (const document of this.documents.values()) if (document.path === filePath) return document.text;
    try {
      return fs.readFileSync(filePath, 'utf8');
    } catch {
      return undefined;
    }
  }
}

/** Hover in a plist document: findings at the cursor, and the card of the key (or string value) under it. */
export function plistHoverAt(document: ProjectFileDocument, position: { line: number; character: number }, knowledge: KnowledgeStore, links: ArticleLinks): Hover | null {
  const text = document.text;
  const lines = new LineIndex(text);
  const offset = lines.offsetAt(position);
  const sections: string[] = [];
  let range: { startIndex: number; endIndex: number } | undefined;
  if (document.analysedVersion === document.version) {
    for (const finding of document.findings.filter((f) => f.startIndex <= offset && offset <= f.endIndex)) {
      sections.push(findingMarkdown(finding, knowledge, links));
      range ??= finding;
    }
  }
  // The element text around the cursor: `<key>NSBonjourServices</key>` → NSBonjourServices.
  const open = text.lastIndexOf('>', offset - 1);
  const close = text.indexOf('<', offset);
  if (open >= 0 && close >= 0 && !text.slice(open + 1, close).includes('>')) {
    const name = text.slice(open + 1, close).trim();
    const card = name ? knowledge.symbol(name) : undefined;
    if (card) {
      sections.push(cardMarkdown(card, knowledge, links));
      range = { startIndex: open + 1, endIndex: close };
    }
  }
  if (sections.length === 0) return null;
  const contents: MarkupContent = { kind: 'markdown', value: sections.join('\n\n---\n\n') };
  return { contents, range: range && { start: lines.positionAt(range.startIndex), end: lines.positionAt(range.endIndex) } };
}
