// One shared Linter with every grammar loaded, for the test suites.
import { Linter } from '../../server/src/engine/linter';
import { LANGUAGES } from '../../server/src/parse/languages';

let shared: Promise<Linter> | undefined;

export function testLinter(): Promise<Linter> {
  shared ??= (async () => {
    const linter = new Linter();
    for (const language of LANGUAGES) await linter.prepare(language);
    return linter;
  })();
  return shared;
}
