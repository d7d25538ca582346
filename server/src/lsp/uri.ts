// File-URI helpers without pulling in a URI library (file:// only; other schemes keep their path).
import { fileURLToPath, pathToFileURL } from 'node:url';

export const URI = {
  fsPath(uri: string): string {
    if (!uri.startsWith('file:')) return decodeURIComponent(uri.replace(/^[a-z-]+:\/*/i, '/'));
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  },
  file(path: string): string {
    return pathToFileURL(path).href;
  },
};
