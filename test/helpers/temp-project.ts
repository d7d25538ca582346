// Builds throwaway project folders from a { "relative/path": "content" } map, for config and CLI tests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function tempProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'netadvisor-project-'));
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}
