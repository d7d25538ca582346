// Helpers for the editor suite: bounded waits on the real VS Code API, fixture documents, NetAdvisor diagnostics.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'netadvisor.netadvisor';
/** The repository this compiled file belongs to (out/test/editor/ → ../../..). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the editor suite needs the fixture workspace folder open');
  return folder.uri;
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

export async function openFixture(name: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { document, editor };
}

export function netadvisorDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'netadvisor');
}

/** The rule id of a diagnostic: LSP `code` + `codeDescription` arrive in VS Code as `{ value, target }`. */
export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function findDiagnostic(uri: vscode.Uri, rule: string): vscode.Diagnostic | undefined {
  return netadvisorDiagnostics(uri).find((d) => ruleOf(d) === rule);
}

export function waitForDiagnostic(uri: vscode.Uri, rule: string, predicate: (d: vscode.Diagnostic) => boolean = () => true, timeoutMs = 20_000): Promise<vscode.Diagnostic> {
  return waitFor(`a ${rule} diagnostic on ${path.basename(uri.fsPath)}`, () => {
    const d = findDiagnostic(uri, rule);
    return d && predicate(d) ? d : undefined;
  }, timeoutMs);
}

export function waitForNoDiagnostic(uri: vscode.Uri, rule: string, timeoutMs = 20_000): Promise<true> {
  return waitFor(`${rule} to disappear from ${path.basename(uri.fsPath)} (now: ${netadvisorDiagnostics(uri).map(ruleOf).join(', ')})`,
    () => !findDiagnostic(uri, rule), timeoutMs);
}

/** The position of the first occurrence of `needle` in the document (fails when it is absent). */
export function positionOf(document: vscode.TextDocument, needle: string): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" is not in ${path.basename(document.uri.fsPath)}`);
  return document.positionAt(offset);
}

/** Throws away unsaved edits of every open fixture document, so each test starts from the files on disk. */
export async function revertAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || document.uri.scheme !== 'file') continue;
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(`${path.basename(document.uri.fsPath)} to be reverted`, () => !document.isDirty, 5_000);
  }
}

export function markdownText(hover: vscode.Hover): string {
  return hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}
