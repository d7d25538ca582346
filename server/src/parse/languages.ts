// Maps file names and editor language ids to the three analysed languages, and picks the grammar for each.

/** The languages rules are written for. C files may still be parsed by the Objective-C grammar. */
export type LanguageId = 'swift' | 'objc' | 'c';
/** The grammars we ship (one wasm file each). */
export type GrammarId = 'swift' | 'objc' | 'c';

export const LANGUAGES: readonly LanguageId[] = ['swift', 'objc', 'c'];

export const SOURCE_EXTENSIONS = ['.swift', '.m', '.mm', '.h', '.c'] as const;

/** Text that only Objective-C headers contain; a `.h` with any of these is parsed as Objective-C. */
const OBJC_HEADER_MARKERS = /^\s*(?:#import\b|@import\b|@interface\b|@protocol\b|@class\b)|NS_ASSUME_NONNULL_BEGIN/m;

/** Language of a file from its name (and, for headers, its text); undefined when we do not analyse it. */
export function languageForPath(filePath: string, text?: string): LanguageId | undefined {
  const lower = filePath.toLowerCase();
  if (lower.endsWith('.swift')) return 'swift';
  if (lower.endsWith('.m') || lower.endsWith('.mm')) return 'objc';
  if (lower.endsWith('.c')) return 'c';
  if (lower.endsWith('.h')) return text !== undefined && OBJC_HEADER_MARKERS.test(text) ? 'objc' : 'c';
  return undefined;
}

/** Language of an editor document from its LSP language id, falling back to its path. */
export function languageForDocument(languageId: string, filePath: string, text?: string): LanguageId | undefined {
  switch (languageId) {
    case 'swift': return 'swift';
    case 'objective-c':
    case 'objective-cpp': return 'objc';
    case 'c': return filePath.toLowerCase().endsWith('.h') ? languageForPath(filePath, text) : 'c';
    default: return languageForPath(filePath, text);
  }
}
