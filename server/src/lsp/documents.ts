// Open documents: text, incremental tree and the latest findings per URI (only for languages we analyse).
import { URI } from './uri';
import type { Finding } from '../engine/finding';
import { LintMemo } from '../engine/lint-memo';
import type { Grammars } from '../parse/grammars';
import { IncrementalDocument, type TextChange } from '../parse/incremental';
import { languageForDocument, type LanguageId } from '../parse/languages';

export class OpenDocument {
  /** Findings of the last analysis and the version they belong to. */
  findings: Finding[] = [];
  analysedVersion = -1;
  /** The last lint, so the next one re-runs only what an edit can have changed. */
  readonly memo = new LintMemo();

  constructor(readonly uri: string, readonly language: LanguageId, public version: number, readonly source: IncrementalDocument) {}

  get text(): string { return this.source.text; }
}

export class DocumentManager {
  private readonly documents = new Map<string, OpenDocument>();

  constructor(private readonly grammars: Grammars) {}

  /** Starts tracking a document; returns undefined for languages NetAdvisor does not analyse. */
  open(uri: string, languageId: string, version: number, text: string): OpenDocument | undefined {
    this.close(uri);
    const language = languageForDocument(languageId, URI.fsPath(uri), text);
    if (!language) return undefined;
    const document = new OpenDocument(uri, language, version, new IncrementalDocument(this.grammars, language, text));
    this.documents.set(uri, document);
    return document;
  }

  /** Applies incremental changes (tree.edit + reparse happen lazily on the next analysis). */
  change(uri: string, version: number, changes: ReadonlyArray<TextChange | { text: string }>): OpenDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    document.source.applyChanges(changes);
    document.version = version;
    return document;
  }

  close(uri: string): void {
    this.documents.get(uri)?.source.dispose();
    this.documents.delete(uri);
  }

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }
}
