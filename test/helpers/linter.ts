// One shared Linter with every grammar loaded, for the test suites.
import { Linter } from '../../server/src/engine/linter';
import { loadedGrammars } from './grammars';

let shared: Promise<Linter> | undefined;

export function testLinter(): Promise<Linter> {
  shared ??= loadedGrammars().then((grammars) => new Linter(grammars));
  return shared;
}
