// How `netadvisor check` shows a path: relative to the working directory when inside it, with forward slashes.
import * as path from 'node:path';

export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative && !relative.startsWith('..') ? relative : file).split(path.sep).join('/');
}
