// Names of the functions a file defines itself: a local function named like an Apple API is not that API.
import type { Node } from 'web-tree-sitter';
import type { GrammarId } from '../../parse/languages';
import { cDefinedName } from './c-family';

export class FunctionsDefinedHere {
  private readonly names = new Set<string>();
  /** Spread into a rule's visitors: they record each function definition the walk meets. */
  readonly visitors: { function_declaration(node: Node): void; function_definition(node: Node): void };

  constructor(grammar: GrammarId) {
    this.visitors = {
      function_declaration: (node) => {
        const name = node.childForFieldName('name');
        if (grammar === 'swift' && name) this.names.add(name.text);
      },
      function_definition: (node) => {
        const name = cDefinedName(node);
        if (name) this.names.add(name);
      },
    };
  }

  /** Known only at `file:exit`: a definition may come after the call. */
  has(name: string): boolean {
    return this.names.has(name);
  }
}
