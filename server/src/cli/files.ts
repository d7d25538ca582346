// Finds the source and project files to check below the given paths, skipping dependency and build folders and symlink loops.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isProjectFile } from '../engine/project/lint-project-file';
import { SOURCE_EXTENSIONS } from '../parse/languages';

/** Folders that hold other people's code or build output. */
export const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', 'Pods', 'Carthage', 'DerivedData', '.build', '.swiftpm', 'build']);

/** Xcode bundles that hold no code and only Xcode's own plists (schemes, workspace checks, asset catalogs). */
const SKIPPED_BUNDLE = /\.(xcodeproj|xcworkspace|xcassets|xcdatamodeld?)$/i;

export interface Skipped {
  path: string;
  reason: string;
}

export function isSourceFile(file: string): boolean {
  const lower = file.toLowerCase();
  return SOURCE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Files `check` analyses: source files, and project files (`*.plist`, `*.entitlements`) for the project-file rules. */
export function isCheckedFile(file: string): boolean {
  return isSourceFile(file) || isProjectFile(file);
}

/**
 * Expands files and folders into source files (sorted, unique). Missing paths and unreadable folders
 * are reported in `skipped`; a symlinked folder already visited (a loop) is skipped silently.
 */
export function collectSourceFiles(inputs: string[], skipped: Skipped[]): string[] {
  const found = new Set<string>();
  const visitedDirs = new Set<string>();
  const visit = (target: string, explicit: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch (err) {
      if (explicit) skipped.push({ path: target, reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
      return;
    }
    if (stat.isDirectory()) {
      let real: string;
      try { real = fs.realpathSync(target); } catch { return; }
      if (visitedDirs.has(real)) return;
      visitedDirs.add(real);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(target, { withFileTypes: true });
      } catch (err) {
        skipped.push({ path: target, reason: `cannot list folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
        return;
      }
      for (const entry of entries) {
        if (entry.isDirectory() && (SKIPPED_DIRECTORIES.has(entry.name) || SKIPPED_BUNDLE.test(entry.name))) continue;
        const child = path.join(target, entry.name);
        if (entry.isDirectory() || entry.isSymbolicLink()) visit(child, false);
        else if (entry.isFile() && isCheckedFile(entry.name)) found.add(child);
      }
    } else if (stat.isFile()) {
      if (explicit || isCheckedFile(target)) found.add(target);
    }
  };
  for (const input of inputs) visit(input, true);
  return [...found].sort();
}
