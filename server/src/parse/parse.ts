// Parses a source text into a tree-sitter tree, choosing the grammar (C falls back to Objective-C for blocks).
import { Parser, type Tree } from 'web-tree-sitter';
import type { Grammars } from './grammars';
import type { GrammarId, LanguageId } from './languages';

/** The grammars a language needs loaded before it can be analysed. */
export function grammarsFor(language: LanguageId): GrammarId[] {
  // C on Apple platforms uses blocks (`^{ … }`), which only the Objective-C grammar understands.
  return language === 'c' ? ['c', 'objc'] : [language];
}

export interface ParsedTree {
  tree: Tree;
  grammar: GrammarId;
}

const parsers = new Map<GrammarId, Parser>();

function parserFor(grammars: Grammars, grammar: GrammarId): Parser {
  const language = grammars.get(grammar);
  if (!language) throw new Error(`grammar ${grammar} is not loaded; await Grammars.load first`);
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = new Parser();
    parsers.set(grammar, parser);
  }
  if (parser.language !== language) parser.setLanguage(language);
  return parser;
}

/**
 * Parses `text` for `language`. With `previous` (already edited to match `text`) the parse is incremental.
 * Never throws on bad syntax: tree-sitter returns a tree with ERROR nodes, which rules tolerate.
 */
export function parseText(grammars: Grammars, language: LanguageId, text: string, previous?: ParsedTree): ParsedTree {
  const first: GrammarId = previous?.grammar ?? (language === 'c' ? 'c' : language);
  const tree = parse(grammars, first, text, previous?.tree);
  if (language !== 'c' || first !== 'c' || !tree.rootNode.hasError || !text.includes('^')) {
    return { tree, grammar: first };
  }
  // The C grammar chokes on blocks; the Objective-C grammar is a superset of C that knows them.
  const objc = parse(grammars, 'objc', text);
  if (objc.rootNode.hasError && !tree.rootNode.hasError) {
    objc.delete();
    return { tree, grammar: 'c' };
  }
  tree.delete();
  return { tree: objc, grammar: 'objc' };
}

function parse(grammars: Grammars, grammar: GrammarId, text: string, old?: Tree): Tree {
  const tree = parserFor(grammars, grammar).parse(text, old ?? null);
  if (!tree) throw new Error(`tree-sitter returned no tree for a ${grammar} document`);
  return tree;
}
